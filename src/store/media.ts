import { randomUUID } from "node:crypto";
import {
  type MediaData,
  type MediaInput,
  MediaInputSchema,
  type MediaItem,
  parseOrThrow,
} from "../content/index.js";
import { nowIso } from "./columns.js";
import { uniquely } from "./constraints.js";
import { NotFoundError } from "./errors.js";
import { inOrderOf, toMedia } from "./rows.js";
import type { Store } from "./store.js";

/** Records a media item (the file is already stored). Throws ContentInvalidError or ConflictError. */
export async function createMedia(store: Store, input: MediaInput): Promise<MediaItem> {
  const data = parseOrThrow(MediaInputSchema, input, "media item");
  const item: MediaItem = { id: randomUUID(), ...data };
  const now = nowIso();
  await uniquely(store, conflictOn(data), () =>
    store.db
      .insertInto("media")
      .values({ ...columns(data), id: item.id, created_at: now, updated_at: now })
      .execute(),
  );
  return item;
}

/** Replaces a media item's fields. Throws NotFoundError, ContentInvalidError or ConflictError. */
export async function updateMedia(store: Store, id: string, input: MediaInput): Promise<MediaItem> {
  const data = parseOrThrow(MediaInputSchema, input, "media item");
  const result = await uniquely(store, conflictOn(data), () =>
    store.db
      .updateTable("media")
      .set({ ...columns(data), updated_at: nowIso() })
      .where("id", "=", id)
      .executeTakeFirst(),
  );
  if (result.numUpdatedRows === 0n) throw new NotFoundError("media item", id);
  return { id, ...data };
}

/** The media item with this id, or undefined. */
export async function getMediaById(store: Store, id: string): Promise<MediaItem | undefined> {
  const row = await store.db
    .selectFrom("media")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toMedia(row);
}

/** The media items with these ids, in the order of `ids`; unknown ids are left out. */
export async function getMediaByIds(store: Store, ids: readonly string[]): Promise<MediaItem[]> {
  if (ids.length === 0) return [];
  const rows = await store.db
    .selectFrom("media")
    .selectAll()
    .where("id", "in", [...new Set(ids)])
    .execute();
  return inOrderOf(ids, rows.map(toMedia));
}

function conflictOn(data: MediaData) {
  return { entity: "media item", field: "storage key", value: data.storageKey };
}

function columns(data: MediaData) {
  return {
    storage_key: data.storageKey,
    mime_type: data.mimeType,
    width: data.width,
    height: data.height,
    alt: data.alt,
    credit_creator: data.credit.creator,
    credit_source_name: data.credit.sourceName,
    credit_source_url: data.credit.sourceUrl ?? null,
    license: data.credit.license,
  };
}
