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
  /** The salted key of the visitor's address (IPv6: /64), article and day, which caps its views. */
  addressKey: string;
  /**
   * The place (0-based) the writer expects the visitor to take among its address key's: how many
   * of the key's visitors it counted before. Right on a single instance; when another instance or
   * an earlier run took it, the store finds a free one.
   */
  place: number;
  articleId: string;
}

/** How many visitors one address key may add. */
export interface RecordViewsOptions {
  /** At most this many stored visitors per address key (so per address, article and day). */
  perAddress: number;
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
 * already there (another instance, or before a restart) or its address key already has
 * `perAddress` visitors, and only the hashes actually inserted add to the daily counts, so dedup
 * and counts always agree. Views of articles deleted meanwhile are dropped. Returns how many
 * counted and the new totals of the articles in the batch.
 */
export async function recordViews(
  store: Store,
  views: readonly PendingView[],
  { perAddress }: RecordViewsOptions,
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
    const groups = new Map<
      string,
      { articleId: string; day: string; byHash: Map<string, PendingView> }
    >();
    for (const v of views) {
      if (!existing.has(v.articleId)) continue;
      const key = `${v.articleId} ${v.day}`;
      let group = groups.get(key);
      if (!group) {
        group = { articleId: v.articleId, day: v.day, byHash: new Map() };
        groups.set(key, group);
      }
      group.byHash.set(v.hash, v);
    }
    const increments: { article_id: string; day: string; views: number }[] = [];
    let counted = 0;
    let sinceYield = 0;
    for (const { articleId, day, byHash } of groups.values()) {
      let n = 0;
      for (const batch of chunks([...byHash.values()])) {
        // The flush runs on the event loop (SQLite answers synchronously): beacons and cached
        // pages are served between batches rather than waiting for the whole flush.
        if (sinceYield >= 500) {
          await new Promise((resolve) => setImmediate(resolve));
          sinceYield = 0;
        }
        sinceYield += batch.length;
        // Each visitor at its expected place first: on one instance that is all it takes. A row
        // is dropped on any conflict (its hash was counted already, or its place is taken), so
        // an address key never holds more than `perAddress` places whoever writes at once.
        const placed = batch.filter((v) => v.place < perAddress);
        const first = await insertVisitors(
          db,
          placed.map((v) => ({ day, hash: v.hash, address_key: v.addressKey, slot: v.place })),
        );
        n += first;
        if (first < batch.length) n += await placeRefused(db, day, batch, perAddress);
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

type VisitorRow = { day: string; hash: string; address_key: string; slot: number };

/** Inserts visitor rows, skipping any that conflict; returns how many were inserted. */
async function insertVisitors(db: Store["db"], rows: readonly VisitorRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db
    .insertInto("view_visitors")
    .values([...rows])
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/**
 * Places the visitors of `batch` (one article and day) that are not stored after the first
 * insert: reads the places their address keys hold now and gives them the free ones, as many as
 * each key has left. Returns how many it inserted.
 */
async function placeRefused(
  db: Store["db"],
  day: string,
  batch: readonly PendingView[],
  perAddress: number,
): Promise<number> {
  const keys = [...new Set(batch.map((v) => v.addressKey))];
  const stored = await db
    .selectFrom("view_visitors")
    .select(["address_key", "slot", "hash"])
    .where("day", "=", day)
    .where("address_key", "in", keys)
    .execute();
  const byAddress = new Map<string, Set<string>>();
  for (const v of batch) {
    let hashes = byAddress.get(v.addressKey);
    if (!hashes) {
      hashes = new Set();
      byAddress.set(v.addressKey, hashes);
    }
    hashes.add(v.hash);
  }
  return insertVisitors(db, newVisitorRows(day, keys, byAddress, stored, perAddress));
}

/**
 * The rows to insert for the address keys `keys` of one article and day: each key's hashes not
 * stored yet, on the lowest free slots below `perAddress`, as many as the key has left.
 */
function newVisitorRows(
  day: string,
  keys: readonly string[],
  byAddress: ReadonlyMap<string, ReadonlySet<string>>,
  stored: readonly { address_key: string | null; slot: number | null; hash: string }[],
  perAddress: number,
): VisitorRow[] {
  const taken = new Map<string, { slots: Set<number>; hashes: Set<string> }>();
  for (const row of stored) {
    if (row.address_key === null) continue;
    let t = taken.get(row.address_key);
    if (!t) {
      t = { slots: new Set(), hashes: new Set() };
      taken.set(row.address_key, t);
    }
    if (row.slot !== null) t.slots.add(Number(row.slot));
    t.hashes.add(row.hash);
  }
  const rows: VisitorRow[] = [];
  for (const key of keys) {
    const t = taken.get(key);
    let left = perAddress - (t?.hashes.size ?? 0);
    let slot = 0;
    for (const hash of byAddress.get(key) ?? []) {
      if (left <= 0) break;
      if (t?.hashes.has(hash)) continue;
      while (t?.slots.has(slot)) slot++;
      rows.push({ day, hash, address_key: key, slot });
      slot++;
      left--;
    }
  }
  return rows;
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
