import { useRef } from "preact/hooks";
import type { ArticleKind } from "../../content/index.js";
import { Notice } from "../components/notice.js";
import { useReference } from "../lib/reference.js";
import { articles } from "../lib/resources.js";
import { Link, navigate } from "../lib/router.js";
import type { SessionUser } from "../lib/session.js";
import { useResource } from "../lib/use-resource.js";
import { ArticleEditor } from "./article-editor.js";

function Loader({
  id,
  kind,
  user,
  onCreated,
}: {
  id: string | null;
  kind: ArticleKind;
  user: SessionUser;
  onCreated: (id: string) => void;
}) {
  const listPath = kind === "page" ? "/pages" : "/articles";
  const reference = useReference();
  const loaded = useResource(() => (id ? articles.get(id) : Promise.resolve(null)), [id]);
  if (loaded.error)
    return (
      <Notice kind="error" title={`This ${kind} could not be opened`} live>
        {loaded.error.message} <Link href={listPath}>Back to the {kind}s</Link>
      </Notice>
    );
  if ((id && !loaded.data) || !reference.loaded)
    return (
      <p class="loading" role="status">
        Opening the {kind}…
      </p>
    );
  return (
    <ArticleEditor
      initial={loaded.data ?? null}
      kind={kind}
      user={user}
      reference={reference}
      onCreated={onCreated}
    />
  );
}

/**
 * /articles/new and /articles/:id, /pages/new and /pages/:id (`kind` says which list it belongs
 * to; a stored one is edited as what it is). A new article keeps its editor when its first save
 * gives it an address: the caret stays where the writer is typing.
 */
export function EditorScreen({
  id,
  kind = "article",
  user,
}: {
  id: string | null;
  kind?: ArticleKind;
  user: SessionUser;
}) {
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
      kind={kind}
      user={user}
      onCreated={(newId) => {
        created.current = newId;
        navigate(`${kind === "page" ? "/pages" : "/articles"}/${newId}`, { replace: true });
      }}
    />
  );
}
