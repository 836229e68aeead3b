// Live updates and whether a live article's coverage has ended (migration 0024). Which article
// may take an update (a live one, still covered) is the service's rule; these only read and write.
import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import {
  type ArticleStatus,
  type Block,
  compareLiveUpdates,
  isPublic,
  LIVE_ARTICLE_TYPE,
  type LiveBlog,
  type LiveCoverage,
  type LiveUpdate,
  type LiveUpdateRefs,
  mediaIdsOf,
  NotFoundError,
  trackerIdsOf,
} from "../content/index.js";
import { nowIso, toBool, toIso } from "./columns.js";
import { type Reference, requireReferences } from "./constraints.js";
import { adapterFor } from "./dialect/index.js";
import { getMediaByIds } from "./media.js";
import { getPeopleByIds } from "./people.js";
import type { LiveUpdatesTable } from "./schema.js";
import type { Store } from "./store.js";
import { getTrackerSummaries } from "./trackers.js";

/** What a new update is stored with; the caller has validated it (LiveUpdateInputSchema). */
export interface NewLiveUpdate {
  articleId: string;
  body: Block[];
  authorId: string | null;
  postedAt?: string;
  pinned: boolean;
}

/** What an edit may change. */
export interface LiveUpdateChange {
  body?: Block[];
  authorId?: string | null;
  postedAt?: string;
  pinned?: boolean;
}

type Row = Selectable<LiveUpdatesTable>;

function toLiveUpdate(store: Store, row: Row): LiveUpdate {
  return {
    id: row.id,
    articleId: row.article_id,
    body: adapterFor(store.dialect).readJson(row.body) as Block[],
    authorId: row.author_id,
    pinned: Boolean(row.pinned),
    postedAt: toIso(row.posted_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** The people, media items and trackers an update points at. */
function references(body: readonly Block[], authorId: string | null | undefined): Reference[] {
  return [
    ...(authorId ? [{ path: "authorId", table: "people" as const, id: authorId }] : []),
    ...mediaIdsOf(body).map((id) => ({ path: "body", table: "media" as const, id })),
    ...trackerIdsOf(body).map((id) => ({ path: "body", table: "trackers" as const, id })),
  ];
}

/** Stores a new update. Throws ContentInvalidError for an unknown author, image or tracker. */
export async function addLiveUpdate(store: Store, input: NewLiveUpdate): Promise<LiveUpdate> {
  await requireReferences(store.db, "live update", references(input.body, input.authorId));
  const now = nowIso();
  const update: LiveUpdate = {
    id: randomUUID(),
    articleId: input.articleId,
    body: input.body,
    authorId: input.authorId,
    pinned: input.pinned,
    postedAt: input.postedAt ? toIso(input.postedAt) : now,
    updatedAt: now,
  };
  await store.db
    .insertInto("live_updates")
    .values({
      id: update.id,
      article_id: update.articleId,
      body: JSON.stringify(update.body),
      author_id: update.authorId,
      pinned: toBool(update.pinned),
      posted_at: update.postedAt,
      updated_at: update.updatedAt,
    })
    .execute();
  return update;
}

/** Changes an update's fields. Throws NotFoundError or ContentInvalidError. */
export async function updateLiveUpdate(
  store: Store,
  id: string,
  change: LiveUpdateChange,
): Promise<LiveUpdate> {
  const current = await getLiveUpdate(store, id);
  if (!current) throw new NotFoundError("live update", id);
  await requireReferences(
    store.db,
    "live update",
    references(change.body ?? [], change.authorId ?? undefined),
  );
  const next: LiveUpdate = {
    ...current,
    ...(change.body ? { body: change.body } : {}),
    ...(change.authorId !== undefined ? { authorId: change.authorId } : {}),
    ...(change.pinned !== undefined ? { pinned: change.pinned } : {}),
    ...(change.postedAt ? { postedAt: toIso(change.postedAt) } : {}),
    updatedAt: nowIso(),
  };
  await store.db
    .updateTable("live_updates")
    .set({
      body: JSON.stringify(next.body),
      author_id: next.authorId,
      pinned: toBool(next.pinned),
      posted_at: next.postedAt,
      updated_at: next.updatedAt,
    })
    .where("id", "=", id)
    .execute();
  return next;
}

/** Deletes an update and returns it. Throws NotFoundError. */
export async function deleteLiveUpdate(store: Store, id: string): Promise<LiveUpdate> {
  const current = await getLiveUpdate(store, id);
  if (!current) throw new NotFoundError("live update", id);
  await store.db.deleteFrom("live_updates").where("id", "=", id).execute();
  return current;
}

/** The update with this id, or undefined. */
export async function getLiveUpdate(store: Store, id: string): Promise<LiveUpdate | undefined> {
  const row = await store.db
    .selectFrom("live_updates")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toLiveUpdate(store, row);
}

/**
 * An article's updates in readers' order (pinned first, then newest first); with `changedSince`,
 * only those changed at or after that time (a reconnecting reader's catch-up).
 */
export async function listLiveUpdates(
  store: Store,
  articleId: string,
  opts: { changedSince?: string } = {},
): Promise<LiveUpdate[]> {
  let query = store.db.selectFrom("live_updates").selectAll().where("article_id", "=", articleId);
  if (opts.changedSince) query = query.where("updated_at", ">=", toIso(opts.changedSince));
  const rows = await query.execute();
  return rows.map((r) => toLiveUpdate(store, r)).sort(compareLiveUpdates);
}

/** The ids of an article's updates, for a reconnecting reader to drop deleted ones. */
export async function liveUpdateIds(store: Store, articleId: string): Promise<string[]> {
  const rows = await store.db
    .selectFrom("live_updates")
    .select("id")
    .where("article_id", "=", articleId)
    .execute();
  return rows.map((r) => r.id);
}

/** Whether the article's coverage has ended (no row: it goes on). */
export async function getLiveCoverage(store: Store, articleId: string): Promise<LiveCoverage> {
  const row = await store.db
    .selectFrom("live_coverage")
    .select("ended_at")
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  return { articleId, endedAt: row?.ended_at ? toIso(row.ended_at) : null };
}

/** Ends the article's coverage at `endedAt`, or reopens it (null). */
export async function setLiveCoverageEnded(
  store: Store,
  articleId: string,
  endedAt: string | null,
): Promise<LiveCoverage> {
  const now = nowIso();
  const updated = await store.db
    .updateTable("live_coverage")
    .set({ ended_at: endedAt, updated_at: now })
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n)
    await store.db
      .insertInto("live_coverage")
      .values({ article_id: articleId, ended_at: endedAt, updated_at: now })
      .execute();
  return { articleId, endedAt };
}

/** Loads the authors, images and trackers the updates point at. */
export async function loadLiveUpdateRefs(
  store: Store,
  updates: readonly LiveUpdate[],
): Promise<LiveUpdateRefs> {
  const authorIds = [
    ...new Set(updates.map((u) => u.authorId).filter((id): id is string => id !== null)),
  ];
  const [people, media, trackers] = await Promise.all([
    getPeopleByIds(store, authorIds),
    getMediaByIds(
      store,
      updates.flatMap((u) => mediaIdsOf(u.body)),
    ),
    getTrackerSummaries(
      store,
      updates.flatMap((u) => trackerIdsOf(u.body)),
    ),
  ]);
  const byId = <T extends { id: string }>(items: readonly T[]) =>
    Object.fromEntries(items.map((i) => [i.id, i]));
  return { people: byId(people), media: byId(media), trackers: byId(trackers) };
}

/** The updates, coverage state and references of a live article's page. */
export async function loadLiveBlog(store: Store, articleId: string): Promise<LiveBlog> {
  const [updates, coverage] = await Promise.all([
    listLiveUpdates(store, articleId),
    getLiveCoverage(store, articleId),
  ]);
  return { updates, coverage, refs: await loadLiveUpdateRefs(store, updates) };
}

/**
 * The id of the live article readers can see at `slug` now, or undefined: what a reader's live
 * stream may follow.
 */
export async function findPublicLiveArticle(
  store: Store,
  slug: string,
  now = new Date(),
): Promise<string | undefined> {
  const row = await store.db
    .selectFrom("articles")
    .select(["id", "status", "published_at", "type", "kind"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (row?.kind !== "article" || row.type !== LIVE_ARTICLE_TYPE) return undefined;
  const publishedAt = row.published_at === null ? null : toIso(row.published_at);
  return isPublic({ status: row.status as ArticleStatus, publishedAt }, now) ? row.id : undefined;
}
