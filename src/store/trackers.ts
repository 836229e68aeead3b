import { randomUUID } from "node:crypto";
import { NotFoundError } from "../content/errors.js";
import {
  parseOrThrow,
  type Tracker,
  type TrackerEntry,
  type TrackerEntryData,
  type TrackerEntryInput,
  TrackerEntryInputSchema,
  type TrackerInput,
  TrackerInputSchema,
  type TrackerSummary,
} from "../content/index.js";
import { chunks, nowIso, toCount, toIso } from "./columns.js";
import { uniquely } from "./constraints.js";
import { adapterFor } from "./dialect/index.js";
import { inOrderOf, toTrackerEntry, trackerDescription } from "./rows.js";
import type { TrackerRow } from "./schema.js";
import { inTransaction, type Store } from "./store.js";

/** What `updateTracker` changes: the tracker's own fields; entries are added one by one. */
export type TrackerUpdateInput = Omit<TrackerInput, "entries">;

const TrackerUpdateSchema = TrackerInputSchema.omit({ entries: true });

/**
 * Creates a tracker and its entries (positions 0, 1, … in the given order) in one transaction:
 * one invalid entry and nothing is written. Throws ContentInvalidError or ConflictError.
 */
export async function createTracker(store: Store, input: TrackerInput): Promise<Tracker> {
  const data = parseOrThrow(TrackerInputSchema, input, "tracker");
  const now = nowIso();
  const id = randomUUID();
  const entries = data.entries.map((entry, position) => newEntry(entry, position, now));
  await inTransaction(store, async (trx) => {
    await uniquely(store, { entity: "tracker", field: "slug", value: data.slug }, () =>
      trx
        .insertInto("trackers")
        .values({
          id,
          slug: data.slug,
          title: data.title,
          description: JSON.stringify(data.description),
          created_at: now,
          updated_at: now,
        })
        .execute(),
    );
    for (const batch of chunks(entries))
      await trx
        .insertInto("tracker_entries")
        .values(batch.map((e) => entryColumns(id, e)))
        .execute();
  });
  return {
    id,
    slug: data.slug,
    title: data.title,
    description: data.description,
    entries,
    updatedAt: now,
  };
}

/** Replaces a tracker's title, slug and description. Throws NotFoundError, ContentInvalidError or ConflictError. */
export async function updateTracker(
  store: Store,
  id: string,
  input: TrackerUpdateInput,
): Promise<Tracker> {
  const data = parseOrThrow(TrackerUpdateSchema, input, "tracker");
  await uniquely(store, { entity: "tracker", field: "slug", value: data.slug }, async () => {
    const result = await store.db
      .updateTable("trackers")
      .set({
        slug: data.slug,
        title: data.title,
        description: JSON.stringify(data.description),
        updated_at: nowIso(),
      })
      .where("id", "=", id)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new NotFoundError("tracker", id);
  });
  return (await getTrackerById(store, id)) as Tracker;
}

/** Appends an entry after the tracker's last one. Throws NotFoundError or ContentInvalidError. */
export async function addTrackerEntry(
  store: Store,
  trackerId: string,
  entry: TrackerEntryInput,
): Promise<TrackerEntry> {
  const data = parseOrThrow(TrackerEntryInputSchema, entry, "tracker entry");
  const now = nowIso();
  return inTransaction(store, async (trx) => {
    // Touching the tracker first also locks its row on PostgreSQL, so two concurrent additions
    // cannot both take the same next position (SQLite serialises writers anyway).
    const touched = await trx
      .updateTable("trackers")
      .set({ updated_at: now })
      .where("id", "=", trackerId)
      .executeTakeFirst();
    if (touched.numUpdatedRows === 0n) throw new NotFoundError("tracker", trackerId);
    const last = await trx
      .selectFrom("tracker_entries")
      .select((eb) => eb.fn.max("position").as("position"))
      .where("tracker_id", "=", trackerId)
      .executeTakeFirst();
    const position =
      last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
    const created = newEntry(data, position, now);
    await trx.insertInto("tracker_entries").values(entryColumns(trackerId, created)).execute();
    return created;
  });
}

/** Fields of an entry to change; what is left out stays. `sourceUrl: null` removes the link. */
export type TrackerEntryChange = { [K in keyof TrackerEntryInput]?: unknown } & {
  sourceUrl?: unknown;
};

/**
 * Changes some fields of one of a tracker's entries; the merged entry is validated as a whole
 * (an unknown field is refused). Throws NotFoundError or ContentInvalidError.
 */
export async function updateTrackerEntry(
  store: Store,
  trackerId: string,
  entryId: string,
  change: TrackerEntryChange,
): Promise<TrackerEntry> {
  return inTransaction(store, async (trx) => {
    const row = await trx
      .selectFrom("tracker_entries")
      .selectAll()
      .where("id", "=", entryId)
      .where("tracker_id", "=", trackerId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError("tracker entry", entryId);
    const current = toTrackerEntry(row);
    const { sourceUrl, ...rest } = {
      title: current.title,
      summary: current.summary,
      occurredOn: current.occurredOn,
      sourceName: current.sourceName,
      sourceUrl: current.sourceUrl,
      ...change,
    };
    const data = parseOrThrow(
      TrackerEntryInputSchema,
      sourceUrl === null || sourceUrl === undefined ? rest : { ...rest, sourceUrl },
      "tracker entry",
    );
    const entry: TrackerEntry = {
      ...data,
      id: entryId,
      position: row.position,
      createdAt: current.createdAt,
    };
    const {
      id: _id,
      tracker_id: _t,
      created_at: _c,
      position: _p,
      ...values
    } = entryColumns(trackerId, entry);
    await trx.updateTable("tracker_entries").set(values).where("id", "=", entryId).execute();
    await trx
      .updateTable("trackers")
      .set({ updated_at: nowIso() })
      .where("id", "=", trackerId)
      .execute();
    return entry;
  });
}

/** Removes one of a tracker's entries; the others keep their positions. Throws NotFoundError. */
export async function deleteTrackerEntry(
  store: Store,
  trackerId: string,
  entryId: string,
): Promise<void> {
  await inTransaction(store, async (trx) => {
    const result = await trx
      .deleteFrom("tracker_entries")
      .where("id", "=", entryId)
      .where("tracker_id", "=", trackerId)
      .executeTakeFirst();
    if (result.numDeletedRows === 0n) throw new NotFoundError("tracker entry", entryId);
    await trx
      .updateTable("trackers")
      .set({ updated_at: nowIso() })
      .where("id", "=", trackerId)
      .execute();
  });
}

/** Every tracker without its entries (slug, title, entry count), by title. */
export async function listTrackers(store: Store): Promise<TrackerSummary[]> {
  const rows = await store.db
    .selectFrom("trackers")
    .leftJoin("tracker_entries", "tracker_entries.tracker_id", "trackers.id")
    .select((eb) => [
      "trackers.id",
      "trackers.slug",
      "trackers.title",
      eb.fn.count("tracker_entries.id").as("entry_count"),
    ])
    .groupBy(["trackers.id", "trackers.slug", "trackers.title"])
    .orderBy("trackers.title")
    .orderBy("trackers.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    entryCount: toCount(r.entry_count),
  }));
}

/** The tracker with this slug and all its entries by position, or undefined. */
export async function getTrackerBySlug(store: Store, slug: string): Promise<Tracker | undefined> {
  const row = await store.db
    .selectFrom("trackers")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row && withEntries(store, row);
}

/** The tracker with this id and all its entries by position, or undefined. */
export async function getTrackerById(store: Store, id: string): Promise<Tracker | undefined> {
  const row = await store.db
    .selectFrom("trackers")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && withEntries(store, row);
}

/**
 * Slug, title and entry count of each tracker, in the order of `ids`, then those of `slugs`
 * (trackers a paragraph links to, trackerLinkSlugsOf); unknown ones are left out.
 */
export async function getTrackerSummaries(
  store: Store,
  ids: readonly string[],
  slugs: readonly string[] = [],
): Promise<TrackerSummary[]> {
  if (ids.length === 0 && slugs.length === 0) return [];
  const rows = await store.db
    .selectFrom("trackers")
    .leftJoin("tracker_entries", "tracker_entries.tracker_id", "trackers.id")
    .select((eb) => [
      "trackers.id",
      "trackers.slug",
      "trackers.title",
      eb.fn.count("tracker_entries.id").as("entry_count"),
    ])
    .where((eb) =>
      eb.or([
        ...(ids.length > 0 ? [eb("trackers.id", "in", [...new Set(ids)])] : []),
        ...(slugs.length > 0 ? [eb("trackers.slug", "in", [...new Set(slugs)])] : []),
      ]),
    )
    .groupBy(["trackers.id", "trackers.slug", "trackers.title"])
    .execute();
  const found = rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    entryCount: toCount(r.entry_count),
  }));
  const byId = inOrderOf(ids, found);
  const listed = new Set(byId.map((t) => t.id));
  return [...byId, ...found.filter((t) => !listed.has(t.id))];
}

async function withEntries(store: Store, row: TrackerRow): Promise<Tracker> {
  const entries = await store.db
    .selectFrom("tracker_entries")
    .selectAll()
    .where("tracker_id", "=", row.id)
    .orderBy("position")
    .execute();
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: trackerDescription(adapterFor(store.dialect), row.description),
    entries: entries.map(toTrackerEntry),
    updatedAt: toIso(row.updated_at),
  };
}

function newEntry(data: TrackerEntryData, position: number, createdAt: string): TrackerEntry {
  return { ...data, id: randomUUID(), position, createdAt };
}

function entryColumns(trackerId: string, entry: TrackerEntry) {
  return {
    id: entry.id,
    tracker_id: trackerId,
    position: entry.position,
    title: entry.title,
    summary: entry.summary,
    occurred_on: entry.occurredOn,
    source_name: entry.sourceName,
    source_url: entry.sourceUrl ?? null,
    created_at: entry.createdAt,
  };
}
