// The change outbox: every committed write's events, in commit order, read by each instance's
// dispatcher (src/changes/) and pruned once every live reader has passed them.
import { sql } from "kysely";
import {
  type ChangeEvent,
  type ChangeType,
  MastheadError,
  type RecordedChange,
} from "../content/index.js";
import { nowIso, toCount, toIso } from "./columns.js";
import { adapterFor } from "./dialect/index.js";
import type { Store } from "./store.js";

/** The PostgreSQL channel a commit with events notifies; every instance listens on it. */
export const CHANGES_CHANNEL = "masthead_changes";

/** A reader whose cursor was not renewed for this long is gone, and holds no events back. */
export const READER_GONE_AFTER_MS = 10 * 60_000;

/**
 * Records `events` in the outbox as part of the transaction `tx` (from `transact`): they exist
 * if and only if the change commits. On PostgreSQL the commit also wakes every listening
 * instance, and writers take their positions one at a time, so positions grow in commit order
 * and a reader never passes one that commits later.
 */
export async function recordChanges(tx: Store, events: readonly ChangeEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (!tx.db.isTransaction)
    throw new MastheadError(
      "MH_INTERNAL",
      "change events must be recorded inside the transaction that makes the change (use transact)",
    );
  const at = nowIso();
  const rows = events.map((e) => ({
    type: e.type,
    payload: JSON.stringify({ ids: e.ids, paths: e.paths, ...(e.data ? { data: e.data } : {}) }),
    created_at: at,
  }));
  const inserted =
    tx.dialect === "postgres"
      ? await insertSerializedAndNotify(tx, rows)
      : await tx.db.insertInto("change_events").values(rows).returning("position").execute();
  // Positions are drawn in the order the rows are inserted. The events as a reader of the outbox
  // would get them, so this process's dispatcher can be handed them without reading them back.
  const positions = inserted
    .map((r) => toCount(r.position as number | string))
    .sort((a, b) => a - b);
  tx.recorded?.push(
    ...rows.map((row, i) => {
      const payload = JSON.parse(row.payload) as Pick<ChangeEvent, "ids" | "paths" | "data">;
      return {
        position: positions[i] ?? 0,
        at: toIso(at),
        type: row.type as ChangeType,
        ids: payload.ids,
        paths: payload.paths,
        ...(payload.data ? { data: payload.data } : {}),
      };
    }),
  );
}

/**
 * PostgreSQL: takes the outbox's transaction lock, inserts the events and queues the wake-up in
 * one statement, as every save records events and each statement is a round trip. The lock is a
 * materialised CTE joined to the rows, so it is held before any row draws its position; the
 * notification is delivered at commit like any other.
 */
async function insertSerializedAndNotify(
  tx: Store,
  rows: { type: string; payload: string; created_at: string }[],
): Promise<{ position: unknown }[]> {
  const values = sql.join(
    rows.map(
      (r) => sql`(${r.type}, cast(${r.payload} as jsonb), cast(${r.created_at} as timestamptz))`,
    ),
  );
  const { rows: inserted } = await sql<{ position: unknown }>`
    with outbox as materialized (
      select pg_advisory_xact_lock(hashtextextended('change_events', 0)),
             pg_notify(${CHANGES_CHANNEL}, '')
    )
    insert into change_events (type, payload, created_at)
    select e.type, e.payload, e.created_at from outbox, (values ${values}) as e(type, payload, created_at)
    returning position
  `.execute(tx.db);
  return inserted;
}

/** Up to `limit` events after `position`, oldest first. */
export async function readChangesAfter(
  store: Store,
  position: number,
  limit = 500,
): Promise<RecordedChange[]> {
  const json = adapterFor(store.dialect).readJson;
  const rows = await store.db
    .selectFrom("change_events")
    .selectAll()
    .where("position", ">", position)
    .orderBy("position")
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const payload = json(row.payload) as Pick<ChangeEvent, "ids" | "paths" | "data">;
    return {
      position: toCount(row.position),
      at: toIso(row.created_at),
      type: row.type as ChangeType,
      ids: payload.ids,
      paths: payload.paths,
      ...(payload.data ? { data: payload.data } : {}),
    };
  });
}

/** The position of the newest event, 0 when there is none. */
export async function latestChangePosition(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom("change_events")
    .select((eb) => eb.fn.max("position").as("last"))
    .executeTakeFirst();
  return toCount(row?.last ?? 0);
}

/**
 * Starts a reader at the newest event (a new instance has nothing cached that older events could
 * concern) and returns that position.
 */
export async function openChangeCursor(store: Store, reader: string): Promise<number> {
  const position = await latestChangePosition(store);
  await store.db
    .insertInto("change_cursors")
    .values({ reader, position, seen_at: nowIso() })
    .onConflict((oc) => oc.column("reader").doUpdateSet({ position, seen_at: nowIso() }))
    .execute();
  return position;
}

/**
 * Saves how far `reader` has got. False when its cursor is gone (pruned while the reader could
 * not reach the database): events it never saw may be gone too, so it must start over.
 */
export async function saveChangeCursor(
  store: Store,
  reader: string,
  position: number,
): Promise<boolean> {
  const result = await store.db
    .updateTable("change_cursors")
    .set({ position, seen_at: nowIso() })
    .where("reader", "=", reader)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Removes a reader's cursor (an instance shutting down). */
export async function closeChangeCursor(store: Store, reader: string): Promise<void> {
  await store.db.deleteFrom("change_cursors").where("reader", "=", reader).execute();
}

/**
 * Forgets readers gone for READER_GONE_AFTER_MS, then deletes the events every remaining reader
 * has passed (all but the newest when no reader is left: a reader that starts later begins
 * there). Safe to run on several instances at once. Returns how many events went.
 */
export async function pruneChanges(store: Store, now = Date.now()): Promise<number> {
  const goneBefore = new Date(now - READER_GONE_AFTER_MS).toISOString();
  await store.db.deleteFrom("change_cursors").where("seen_at", "<", goneBefore).execute();
  const slowest = await store.db
    .selectFrom("change_cursors")
    .select((eb) => eb.fn.min("position").as("position"))
    .executeTakeFirst();
  // The newest event always stays: it tells a reader that starts later where "now" is.
  const newest = await latestChangePosition(store);
  const upTo = Math.min(newest - 1, slowest?.position == null ? newest : toCount(slowest.position));
  const result = await store.db
    .deleteFrom("change_events")
    .where("position", "<=", upTo)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
