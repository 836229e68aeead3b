import { type Article, summarizeChanges } from "../content/index.js";
import { getArticlesByIds } from "./articles.js";
import { nowIso } from "./columns.js";
import { addRevisions, type ChangeAuthor } from "./revisions.js";
import { reindexArticles } from "./search.js";
import { type Store, transact } from "./store.js";

/** The name revisions made by scheduled publishing carry. */
export const SCHEDULER: ChangeAuthor = { userId: null, name: "Scheduled publishing" };

/**
 * Publishes every scheduled article whose time has come (publishedAt <= `now`), records a
 * revision for each and returns them as published. One conditional UPDATE flips them, so
 * several instances running this at once publish each article exactly once: on PostgreSQL the
 * second UPDATE waits for the first and then no longer matches the rows it published.
 */
export async function publishDueArticles(store: Store, now = new Date()): Promise<Article[]> {
  return transact(store, async (tx) => {
    const flipped = await tx.db
      .updateTable("articles")
      .set((eb) => ({ status: "published", updated_at: nowIso(), version: eb("version", "+", 1) }))
      .where("status", "=", "scheduled")
      .where("published_at", "<=", now.toISOString())
      .returning(["id", "version"])
      .execute();
    if (flipped.length === 0) return [];
    await reindexArticles(
      tx,
      flipped.map((r) => r.id),
    );
    const articles = await getArticlesByIds(
      tx,
      flipped.map((r) => r.id),
    );
    const versions = new Map(flipped.map((r) => [r.id, r.version]));
    await addRevisions(
      tx,
      articles.map((article) => ({
        article,
        version: versions.get(article.id) ?? 1,
        kind: "scheduled-publish",
        summary: summarizeChanges({ ...article, status: "scheduled" }, article),
        actor: SCHEDULER,
        previous: {
          article: { ...article, status: "scheduled" as const },
          version: (versions.get(article.id) ?? 2) - 1,
        },
      })),
    );
    return articles;
  });
}

/** When the next scheduled article or page is due (its publishedAt), or undefined when none is. */
export async function nextScheduledAt(store: Store): Promise<Date | undefined> {
  const row = await store.db
    .selectFrom("articles")
    .select((eb) => eb.fn.min("published_at").as("next"))
    .where("status", "=", "scheduled")
    .executeTakeFirst();
  return row?.next ? new Date(row.next) : undefined;
}

/** The scheduled articles and pages whose time has come (publishedAt <= `now`), oldest first. */
export async function listDueScheduled(
  store: Store,
  now = new Date(),
): Promise<{ id: string; kind: string; publishedAt: string }[]> {
  const rows = await store.db
    .selectFrom("articles")
    .select(["id", "kind", "published_at"])
    .where("status", "=", "scheduled")
    .where("published_at", "<=", now.toISOString())
    .orderBy("published_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : now.toISOString(),
  }));
}
