// Removing a tag, person, section or tracker, and finding the articles that use one. The articles
// themselves are rewritten one by one through `replaceArticleFields` (a new version and a revision
// each), before the row goes: no article is ever left pointing at something deleted.
import { sql } from "kysely";
import { NotFoundError } from "../content/errors.js";
import { type Article, type ArticleEdit, trackerIdsOf } from "../content/index.js";
import { getArticlesByIds, type ReplacedArticle, replaceArticle } from "./articles.js";
import { nowIso } from "./columns.js";
import { redirectMovedPath } from "./redirects.js";
import { addRevisions, type ChangeAuthor } from "./revisions.js";
import type { Store } from "./store.js";
import { editableFields } from "./workflow.js";

/** What an article can use: one of these ids. */
export type ArticleUse =
  | { tagId: string }
  | { personId: string }
  | { sectionId: string }
  | { trackerId: string };

/** The ids of every article or page that uses it (a tracker: embeds it in its body), by id. */
export async function articleIdsUsing(store: Store, use: ArticleUse): Promise<string[]> {
  let rows: { id: string }[];
  if ("tagId" in use)
    rows = await store.db
      .selectFrom("article_tags")
      .select("article_id as id")
      .where("tag_id", "=", use.tagId)
      .execute();
  else if ("personId" in use)
    rows = await store.db
      .selectFrom("article_authors")
      .select("article_id as id")
      .where("person_id", "=", use.personId)
      .execute();
  else if ("sectionId" in use)
    rows = await store.db
      .selectFrom("articles")
      .select("id")
      .where("section_id", "=", use.sectionId)
      .execute();
  else return articleIdsEmbedding(store, use.trackerId);
  return rows.map((r) => r.id).sort();
}

/**
 * Articles whose body has a tracker block for `trackerId`. No table lists embeds, so the bodies
 * holding the id as text are read and checked (an id in a link or a caption is no embed).
 */
async function articleIdsEmbedding(store: Store, trackerId: string): Promise<string[]> {
  const candidates = await store.db
    .selectFrom("articles")
    .select("id")
    .where(sql<string>`cast(body as text)`, "like", `%${trackerId}%`)
    .execute();
  const articles = await getArticlesByIds(
    store,
    candidates.map((r) => r.id),
  );
  return articles
    .filter((a) => trackerIdsOf(a.body).includes(trackerId))
    .map((a) => a.id)
    .sort();
}

/** How many articles (and pages) carry each tag, by tag id; unused tags are left out. */
export async function tagArticleCounts(store: Store): Promise<Record<string, number>> {
  const rows = await store.db
    .selectFrom("article_tags")
    .select((eb) => ["tag_id", eb.fn.countAll<number | string>().as("n")])
    .groupBy("tag_id")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.tag_id, Number(r.n)]));
}

/** One article rewritten: the fields that change, from the stored article. */
export type ArticleRewrite = (article: Article) => Partial<ArticleEdit>;

/**
 * Rewrites each article with `rewrite` (keeping status and publication time), each with a new
 * version and a revision named `summary`; articles the rewrite leaves as they were are skipped.
 * Returns what changed. Call inside a transaction.
 */
export async function replaceArticleFields(
  store: Store,
  ids: readonly string[],
  rewrite: ArticleRewrite,
  { actor, summary }: { actor: ChangeAuthor; summary: string },
): Promise<ReplacedArticle[]> {
  const changed: ReplacedArticle[] = [];
  for (const article of await getArticlesByIds(store, ids)) {
    const before = editableFields(article);
    const edit = { ...before, ...rewrite(article) };
    if (JSON.stringify(edit) === JSON.stringify(before)) continue;
    // Stored articles passed their schema when saved: only the rules across fields are checked
    // again (the new section, authors and tags must exist), not every block.
    const saved = await replaceArticle(
      store,
      article.id,
      (stored) => ({ ...edit, status: stored.status, publishedAt: stored.publishedAt }),
      { fieldsParsed: true },
    );
    changed.push(saved);
  }
  await addRevisions(
    store,
    changed.map((saved) => ({
      ...saved,
      kind: "edit" as const,
      summary,
      actor,
      previous: { article: saved.previous, version: saved.version - 1 },
    })),
  );
  return changed;
}

/**
 * What lived at the listing `from` (`/tags/a`) now lives at `to`: both it and everything below it
 * (`/page/2`, feeds) answer 301 to the same place under `to`.
 */
export async function redirectMovedListing(store: Store, from: string, to: string): Promise<void> {
  await redirectMovedPath(store, { from, to, source: "merge" });
  await redirectMovedPath(store, { from: `${from}/*`, to: `${to}/*`, source: "merge" });
}

/**
 * Deletes a tag no article carries any more. An importer's memory of it goes too (a new import
 * makes it again). Throws NotFoundError.
 */
export async function removeTag(store: Store, id: string, mergedInto?: string): Promise<void> {
  await forgetImported(store, id, mergedInto);
  const result = await store.db.deleteFrom("tags").where("id", "=", id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new NotFoundError("tag", id);
}

/**
 * Deletes a person no byline names any more; accounts that wrote as them write as `mergedInto`
 * (or as no one). Throws NotFoundError.
 */
export async function removePerson(store: Store, id: string, mergedInto?: string): Promise<void> {
  await store.db
    .updateTable("users")
    .set({ person_id: mergedInto ?? null })
    .where("person_id", "=", id)
    .execute();
  // Without a merge the foreign key leaves a deleted person's live updates unsigned.
  if (mergedInto)
    await store.db
      .updateTable("live_updates")
      .set({ author_id: mergedInto })
      .where("author_id", "=", id)
      .execute();
  await forgetImported(store, id, mergedInto);
  const result = await store.db.deleteFrom("people").where("id", "=", id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new NotFoundError("person", id);
}

/**
 * Deletes a section no article is in any more; its subsections move up to its own parent (so
 * none is left hanging, and none can end up inside itself). Throws NotFoundError.
 */
export async function removeSection(store: Store, id: string, mergedInto?: string): Promise<void> {
  const row = await store.db
    .selectFrom("sections")
    .select("parent_id")
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("section", id);
  await store.db
    .updateTable("sections")
    .set({ parent_id: row.parent_id })
    .where("parent_id", "=", id)
    .execute();
  await forgetImported(store, id, mergedInto);
  await store.db.deleteFrom("sections").where("id", "=", id).execute();
}

/**
 * Deletes a tracker (its entries go with it) once no article embeds it. With `mergedInto`, its
 * entries move there first, after that tracker's own. Throws NotFoundError.
 */
export async function removeTracker(store: Store, id: string, mergedInto?: string): Promise<void> {
  if (mergedInto) {
    const last = await store.db
      .selectFrom("tracker_entries")
      .select((eb) => eb.fn.max("position").as("position"))
      .where("tracker_id", "=", mergedInto)
      .executeTakeFirst();
    const offset =
      last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
    // Every moved position lands past the destination's last one, so none collides.
    await store.db
      .updateTable("tracker_entries")
      .set((eb) => ({ tracker_id: mergedInto, position: eb("position", "+", offset) }))
      .where("tracker_id", "=", id)
      .execute();
    await store.db
      .updateTable("trackers")
      .set({ updated_at: nowIso() })
      .where("id", "=", mergedInto)
      .execute();
  }
  const result = await store.db.deleteFrom("trackers").where("id", "=", id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new NotFoundError("tracker", id);
}

/** An import that made `id` now names `mergedInto` (or is forgotten, so it would make it anew). */
async function forgetImported(store: Store, id: string, mergedInto?: string): Promise<void> {
  if (mergedInto)
    await store.db
      .updateTable("import_sources")
      .set({ target_id: mergedInto })
      .where("target_id", "=", id)
      .execute();
  else await store.db.deleteFrom("import_sources").where("target_id", "=", id).execute();
}
