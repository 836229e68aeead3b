import { ContentInvalidError } from "../content/index.js";
import { toCount } from "./columns.js";
import { mustExist } from "./constraints.js";
import type { Store } from "./store.js";

/**
 * Adds `n` views to an article's count for the UTC day of `at`, atomically: concurrent calls
 * from any number of instances all count. Throws NotFoundError when the article does not exist.
 * @example await addViews(store, article.id, batch.get(article.id));
 */
export async function addViews(
  store: Store,
  articleId: string,
  n = 1,
  at: Date = new Date(),
): Promise<void> {
  if (!Number.isInteger(n) || n < 0)
    throw new ContentInvalidError("views", [
      { path: "n", message: `must be a whole number, 0 or more; got ${n}` },
    ]);
  if (n === 0) return;
  const day = at.toISOString().slice(0, 10);
  // `insert … on conflict do update` is the same statement on SQLite (3.24+) and PostgreSQL, and
  // atomic on both, so it needs nothing from the dialect adapter.
  await mustExist(store, { entity: "article", id: articleId }, () =>
    store.db
      .insertInto("article_views_daily")
      .values({ article_id: articleId, day, views: n })
      .onConflict((oc) =>
        oc.columns(["article_id", "day"]).doUpdateSet((eb) => ({
          views: eb("article_views_daily.views", "+", eb.ref("excluded.views")),
        })),
      )
      .execute(),
  );
}

/** An article's total views over all days; 0 when it has none. */
export async function getViews(store: Store, articleId: string): Promise<number> {
  const row = await store.db
    .selectFrom("article_views_daily")
    .select((eb) => eb.fn.sum("views").as("total"))
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  return toCount(row?.total);
}
