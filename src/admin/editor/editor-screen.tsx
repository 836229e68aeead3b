import { useRef } from "preact/hooks";
import { Notice } from "../components/notice.js";
import { useReference } from "../lib/reference.js";
import { articles } from "../lib/resources.js";
import { Link, navigate } from "../lib/router.js";
import type { SessionUser } from "../lib/session.js";
import { useResource } from "../lib/use-resource.js";
import { ArticleEditor } from "./article-editor.js";

function Loader({
  id,
  user,
  onCreated,
}: {
  id: string | null;
  user: SessionUser;
  onCreated: (id: string) => void;
}) {
  const reference = useReference();
  const loaded = useResource(() => (id ? articles.get(id) : Promise.resolve(null)), [id]);
  if (loaded.error)
    return (
      <Notice kind="error" title="This article could not be opened" live>
        {loaded.error.message} <Link href="/articles">Back to the articles</Link>
      </Notice>
    );
  if ((id && !loaded.data) || !reference.loaded)
    return (
      <p class="loading" role="status">
        Opening the article…
      </p>
    );
  return (
    <ArticleEditor
      initial={loaded.data ?? null}
      user={user}
      reference={reference}
      onCreated={onCreated}
    />
  );
}

/**
 * /articles/new and /articles/:id. A new article keeps its editor when its first save gives it
 * an address: the caret stays where the writer is typing.
 */
export function EditorScreen({ id, user }: { id: string | null; user: SessionUser }) {
  const created = useRef<string | null>(null);
  const shown = useRef(id);
  // What the editor on screen was opened with: stays null for a new article after its first save.
  const opened = useRef(id);
  const instance = useRef(0);
  if (id !== shown.current) {
    const becameSaved = shown.current === null && id === created.current;
    shown.current = id;
    if (!becameSaved) {
      instance.current++;
      opened.current = id;
      created.current = null;
    }
  }
  return (
    <Loader
      key={instance.current}
      id={opened.current}
      user={user}
      onCreated={(newId) => {
        created.current = newId;
        navigate(`/articles/${newId}`, { replace: true });
      }}
    />
  );
}
