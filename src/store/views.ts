import { type ArticleStatus, ContentInvalidError } from "../content/index.js";
import { chunks, toCount, toIso } from "./columns.js";
import { mustExist } from "./constraints.js";
import { inTransaction, type Store } from "./store.js";

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

/** One deduplicated view waiting to be written: the visitor's hash for the day and the article. */
export interface PendingView {
  /** YYYY-MM-DD in UTC: the day the beacon arrived. */
  day: string;
  hash: string;
  articleId: string;
}

/** What a flush wrote: views actually counted per article, and each flushed article's new total. */
export interface RecordedViews {
  counted: number;
  totals: Map<string, number>;
}

/**
 * The salt of `day`'s visitor hashes, created once for every instance on this database: the
 * first caller's `candidate` wins and every caller reads the stored one back.
 */
export async function daySalt(store: Store, day: string, candidate: string): Promise<string> {
  await store.db
    .insertInto("view_salts")
    .values({ day, salt: candidate })
    .onConflict((oc) => oc.column("day").doNothing())
    .execute();
  const row = await store.db
    .selectFrom("view_salts")
    .select("salt")
    .where("day", "=", day)
    .executeTakeFirstOrThrow();
  return row.salt;
}

/**
 * Writes a batch of views in one transaction: each visitor hash is inserted for its day unless
 * already there (another instance, or before a restart), and only the hashes actually inserted
 * add to the daily counts, so dedup and counts always agree. Views of articles deleted meanwhile
 * are dropped. Returns how many counted and the new totals of the articles in the batch.
 */
export async function recordViews(
  store: Store,
  views: readonly PendingView[],
): Promise<RecordedViews> {
  if (views.length === 0) return { counted: 0, totals: new Map() };
  return inTransaction(store, async (db) => {
    const articleIds = [...new Set(views.map((v) => v.articleId))];
    const existing = new Set<string>();
    for (const ids of chunks(articleIds))
      for (const row of await db
        .selectFrom("articles")
        .select("id")
        .where("id", "in", ids)
        .execute())
        existing.add(row.id);
    // A hash names its article (it is computed over the article id), so grouping by article and
    // day lets "rows inserted" say how many views each group counted, with no rows sent back.
    const groups = new Map<string, { articleId: string; day: string; hashes: Set<string> }>();
    for (const v of views) {
      if (!existing.has(v.articleId)) continue;
      const key = `${v.articleId} ${v.day}`;
      let group = groups.get(key);
      if (!group) {
        group = { articleId: v.articleId, day: v.day, hashes: new Set() };
        groups.set(key, group);
      }
      group.hashes.add(v.hash);
    }
    const increments: { article_id: string; day: string; views: number }[] = [];
    let counted = 0;
    for (const { articleId, day, hashes } of groups.values()) {
      let n = 0;
      for (const batch of chunks([...hashes])) {
        // The flush runs on the event loop (SQLite answers synchronously): beacons and cached
        // pages are served between batches rather than waiting for the whole flush.
        if (n > 0) await new Promise((resolve) => setImmediate(resolve));
        const result = await db
          .insertInto("view_visitors")
          .values(batch.map((hash) => ({ day, hash })))
          .onConflict((oc) => oc.columns(["day", "hash"]).doNothing())
          .executeTakeFirst();
        n += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
      if (n > 0) increments.push({ article_id: articleId, day, views: n });
      counted += n;
    }
    for (const batch of chunks(increments))
      await db
        .insertInto("article_views_daily")
        .values(batch)
        .onConflict((oc) =>
          oc.columns(["article_id", "day"]).doUpdateSet((eb) => ({
            views: eb("article_views_daily.views", "+", eb.ref("excluded.views")),
          })),
        )
        .execute();
    const totals = await viewTotals({ ...store, db }, articleIds);
    return { counted, totals };
  });
}

/** Total views of each article over all days (0 for those with none). */
export async function viewTotals(
  store: Store,
  articleIds: readonly string[],
): Promise<Map<string, number>> {
  const totals = new Map(articleIds.map((id) => [id, 0]));
  for (const ids of chunks([...new Set(articleIds)])) {
    const rows = await store.db
      .selectFrom("article_views_daily")
      .select(["article_id", (eb) => eb.fn.sum("views").as("total")])
      .where("article_id", "in", ids)
      .groupBy("article_id")
      .execute();
    for (const row of rows) totals.set(row.article_id, toCount(row.total));
  }
  return totals;
}

/**
 * Deletes the salts and visitor hashes of every day before `day`: once a day is over nobody,
 * not even the operator, can recompute who its hashes were.
 */
export async function forgetVisitorsBefore(store: Store, day: string): Promise<void> {
  await inTransaction(store, async (db) => {
    await db.deleteFrom("view_salts").where("day", "<", day).execute();
    await db.deleteFrom("view_visitors").where("day", "<", day).execute();
  });
}

/** What the beacon needs to know of an article: whether readers may see it, and its total. */
export interface ViewTarget {
  status: ArticleStatus;
  publishedAt: string | null;
  total: number;
}

/** The article's status, publication time and total views; undefined when it does not exist. */
export async function getViewTarget(
  store: Store,
  articleId: string,
): Promise<ViewTarget | undefined> {
  const row = await store.db
    .selectFrom("articles")
    .select((eb) => [
      "status",
      "published_at",
      eb
        .selectFrom("article_views_daily")
        .select((e) => e.fn.sum("views").as("s"))
        .whereRef("article_views_daily.article_id", "=", "articles.id")
        .as("total"),
    ])
    .where("id", "=", articleId)
    // Pages count no views: their page sends no beacon, and a made-up one is refused.
    .where("kind", "=", "article")
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    status: row.status as ArticleStatus,
    publishedAt: row.published_at === null ? null : toIso(row.published_at),
    total: toCount(row.total as number | string | null),
  };
}

/** One day's views of an article. */
export interface DailyViews {
  day: string;
  views: number;
}

/** An article's views for each day from `from` to `to` (YYYY-MM-DD, inclusive); days without views are 0. */
export async function dailyViews(
  store: Store,
  articleId: string,
  from: string,
  to: string,
): Promise<DailyViews[]> {
  const rows = await store.db
    .selectFrom("article_views_daily")
    .select(["day", "views"])
    .where("article_id", "=", articleId)
    .where("day", ">=", from)
    .where("day", "<=", to)
    .execute();
  const byDay = new Map(rows.map((r) => [r.day, toCount(r.views)]));
  const out: DailyViews[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d = new Date(d.getTime() + 86_400_000)
  ) {
    const day = d.toISOString().slice(0, 10);
    out.push({ day, views: byDay.get(day) ?? 0 });
  }
  return out;
}

/** An article among the most read. */
export interface MostReadArticle {
  articleId: string;
  slug: string;
  headline: string;
  status: string;
  publishedAt: string | null;
  views: number;
}

/**
 * The most-viewed articles since `from` (YYYY-MM-DD, inclusive; all time when omitted), most
 * first; `publicOnly` keeps only articles readers can see now.
 */
export async function mostRead(
  store: Store,
  opts: { from?: string; limit: number; publicOnly?: boolean; now?: Date },
): Promise<MostReadArticle[]> {
  let query = store.db
    .selectFrom("article_views_daily as v")
    .innerJoin("articles as a", "a.id", "v.article_id")
    .select((eb) => [
      "a.id as articleId",
      "a.slug",
      "a.headline",
      "a.status",
      "a.published_at",
      eb.fn.sum("v.views").as("views"),
    ])
    .groupBy(["a.id", "a.slug", "a.headline", "a.status", "a.published_at"])
    .orderBy("views", "desc")
    .orderBy("a.id")
    .limit(opts.limit);
  if (opts.from !== undefined) query = query.where("v.day", ">=", opts.from);
  if (opts.publicOnly)
    query = query
      .where("a.status", "=", "published")
      .where("a.published_at", "<=", (opts.now ?? new Date()).toISOString());
  const rows = await query.execute();
  return rows.map((r) => ({
    articleId: r.articleId,
    slug: r.slug,
    headline: r.headline,
    status: r.status,
    publishedAt: r.published_at === null ? null : toIso(r.published_at),
    views: toCount(r.views),
  }));
}
