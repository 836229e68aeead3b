// Writing one imported post or page, whichever platform it came from: an earlier run's article
// is replaced and its history says so; a new one is created with the revision that starts it.
import type { ArticleInput } from "../content/index.js";
import {
  addRevisions,
  type ChangeAuthor,
  createArticle,
  replaceArticle,
  type Store,
  type VersionedArticle,
} from "../store/index.js";

/** What to write and how the history names it. */
export interface ImportedArticle {
  data: ArticleInput & { slug: string };
  /** The article an earlier run of this import made, to be replaced. */
  existing?: VersionedArticle;
  actor: ChangeAuthor;
  /** e.g. "WordPress", "Ghost". */
  platform: string;
  /** The item as the source names it, e.g. "post 12". */
  origin: string;
}

/** Creates or replaces an imported article inside `tx`, with its revision; returns id and version. */
export async function saveImportedArticle(
  tx: Store,
  { data, existing, actor, platform, origin }: ImportedArticle,
): Promise<{ id: string; version: number }> {
  if (existing) {
    const replaced = await replaceArticle(tx, existing.article.id, data);
    await addRevisions(tx, [
      {
        ...replaced,
        kind: "edit",
        summary: `updated by a new ${platform} import`,
        actor,
        previous: { article: replaced.previous, version: existing.version },
      },
    ]);
    return { id: replaced.article.id, version: replaced.version };
  }
  const article = await createArticle(tx, data);
  await addRevisions(tx, [
    {
      article,
      version: 1,
      kind: "create",
      summary: `imported from ${platform} (${origin})`,
      actor,
    },
  ]);
  return { id: article.id, version: 1 };
}
