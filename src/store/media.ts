import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { MastheadError, NotFoundError } from "../content/errors.js";
import {
  type MediaData,
  type MediaInput,
  MediaInputSchema,
  type MediaItem,
  type MediaVariant,
  parseOrThrow,
  VARIANT_FORMATS,
  type VariantFormat,
} from "../content/index.js";
import { chunks, nowIso, toIso } from "./columns.js";
import { uniquely } from "./constraints.js";
import { type MediaUsage, mediaUsage, usageSummary } from "./media-usage.js";
import { inOrderOf, toMedia } from "./rows.js";
import type { MediaRow, MediaVariantRow } from "./schema.js";
import { type Store, transact } from "./store.js";

/** A stored rendition with its file size. */
export interface StoredMediaVariant extends MediaVariant {
  bytes: number;
}

/** A media item as the library shows it: with its renditions' sizes, version, uploader and times. */
export interface MediaRecord extends MediaItem {
  variants: StoredMediaVariant[];
  /** Counts edits from 1; an edit must name the version it read. */
  version: number;
  /** The user who uploaded it; null for imported or demo media. */
  uploadedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Renditions and uploader recorded with a new media item (uploads; demo media has none). */
export interface NewMediaExtras {
  variants?: readonly StoredMediaVariant[];
  uploadedBy?: string | null;
}

/** Alt text, description and credit fields to change; what is left out stays. */
export interface MediaDetailsChange {
  alt?: string;
  description?: string;
  /** Unvalidated: the merged credit is checked as a whole. `sourceUrl: null` removes the link. */
  credit?: { creator?: string; sourceName?: string; sourceUrl?: string | null; license?: string };
}

/** The outcome of a versioned edit: the saved record, or the version someone else saved first. */
export type VersionedSave<T> = { saved: T } | { staleVersion: number };

/** Refusal to delete a media item still shown by articles or people; `usage` lists them. */
export class MediaInUseError extends MastheadError {
  declare readonly code: "MH_CONFLICT";
  constructor(readonly usage: MediaUsage) {
    super(
      "MH_CONFLICT",
      `this image is still used by ${usageSummary(usage)}; remove it from them first`,
    );
    this.name = "MediaInUseError";
  }
}

/**
 * Records a media item (its files are already stored) and its renditions, in one transaction.
 * Throws ContentInvalidError or ConflictError.
 */
export async function createMedia(
  store: Store,
  input: MediaInput,
  extras: NewMediaExtras = {},
): Promise<MediaItem> {
  const data = parseOrThrow(MediaInputSchema, input, "media item");
  const id = randomUUID();
  const now = nowIso();
  const variants = [...(extras.variants ?? [])];
  await transact(store, async (tx) => {
    await uniquely(tx, conflictOn(data), () =>
      tx.db
        .insertInto("media")
        .values({
          ...columns(data),
          id,
          created_at: now,
          updated_at: now,
          uploaded_by: extras.uploadedBy ?? null,
        })
        .execute(),
    );
    if (variants.length > 0)
      await tx.db
        .insertInto("media_variants")
        .values(
          variants.map((v) => ({
            media_id: id,
            format: v.format,
            width: v.width,
            height: v.height,
            storage_key: v.storageKey,
            bytes: v.bytes,
          })),
        )
        .execute();
  });
  return withVariants({ id, ...data }, sortVariants(variants));
}

/** Replaces a media item's fields. Throws NotFoundError, ContentInvalidError or ConflictError. */
export async function updateMedia(store: Store, id: string, input: MediaInput): Promise<MediaItem> {
  const data = parseOrThrow(MediaInputSchema, input, "media item");
  const result = await uniquely(store, conflictOn(data), () =>
    store.db
      .updateTable("media")
      .set((eb) => ({ ...columns(data), updated_at: nowIso(), version: eb("version", "+", 1) }))
      .where("id", "=", id)
      .executeTakeFirst(),
  );
  if (result.numUpdatedRows === 0n) throw new NotFoundError("media item", id);
  return { id, ...data };
}

/**
 * Changes a media item's alt text, description and credit if it is still at `version`. The
 * merged result is validated as a whole (a bad license is reported at `credit.license`). Throws
 * NotFoundError or ContentInvalidError; a version mismatch is returned as `{ staleVersion }`.
 */
export async function updateMediaDetails(
  store: Store,
  id: string,
  change: MediaDetailsChange,
  version: number,
): Promise<VersionedSave<MediaRecord>> {
  return transact(store, async (tx) => {
    const current = await getMediaRecord(tx, id);
    if (!current) throw new NotFoundError("media item", id);
    if (current.version !== version) return { staleVersion: current.version };
    const { sourceUrl, ...credit } = { ...current.credit, ...change.credit };
    const data = parseOrThrow(
      MediaInputSchema,
      {
        storageKey: current.storageKey,
        mimeType: current.mimeType,
        width: current.width,
        height: current.height,
        alt: change.alt ?? current.alt,
        description: change.description ?? current.description,
        // null clears the source link
        credit: sourceUrl === null || sourceUrl === undefined ? credit : { ...credit, sourceUrl },
        durationMs: current.durationMs,
      },
      "media item",
    );
    const updatedAt = nowIso();
    const result = await tx.db
      .updateTable("media")
      .set({ ...columns(data), updated_at: updatedAt, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    // Another save can land between the read and this write on PostgreSQL (read committed).
    if (result.numUpdatedRows === 0n) {
      const now = await tx.db
        .selectFrom("media")
        .select("version")
        .where("id", "=", id)
        .executeTakeFirst();
      if (!now) throw new NotFoundError("media item", id);
      return { staleVersion: now.version };
    }
    return { saved: { ...current, ...data, version: version + 1, updatedAt } };
  });
}

/**
 * Deletes a media item and its renditions' rows, unless an article or person still uses it
 * (MediaInUseError, code MH_CONFLICT). Returns the deleted record so the caller can remove its
 * files once the transaction has committed. Throws NotFoundError.
 */
export async function deleteMedia(store: Store, id: string): Promise<MediaRecord> {
  return transact(store, async (tx) => {
    const record = await getMediaRecord(tx, id);
    if (!record) throw new NotFoundError("media item", id);
    const usage = await mediaUsage(tx, id);
    if (usage.articles.length > 0 || usage.people.length > 0) throw new MediaInUseError(usage);
    await tx.db.deleteFrom("media_variants").where("media_id", "=", id).execute();
    await tx.db.deleteFrom("media").where("id", "=", id).execute();
    return record;
  });
}

/** The media item with this id and its renditions, or undefined. */
export async function getMediaById(store: Store, id: string): Promise<MediaItem | undefined> {
  const [item] = await getMediaByIds(store, [id]);
  return item;
}

/** The media items with these ids and their renditions, in the order of `ids`; unknown ids are left out. */
export async function getMediaByIds(store: Store, ids: readonly string[]): Promise<MediaItem[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const [rows, variants] = await Promise.all([
    store.db.selectFrom("media").selectAll().where("id", "in", unique).execute(),
    variantsOf(store, unique),
  ]);
  return inOrderOf(
    ids,
    rows.map((r) => withVariants(toMedia(r), variants.get(r.id) ?? [])),
  );
}

/** The media item with this id as the library shows it, or undefined. */
export async function getMediaRecord(store: Store, id: string): Promise<MediaRecord | undefined> {
  const [row, variants] = await Promise.all([
    store.db.selectFrom("media").selectAll().where("id", "=", id).executeTakeFirst(),
    variantsOf(store, [id]),
  ]);
  return row && toRecord(row, variants.get(id) ?? []);
}

/** Filters and page of the media library. */
export interface ListMediaOptions {
  /** Words in the alt text, description, creator or source name (case-insensitive). */
  q?: string;
  /** Only items of these types (the picker of an audio block lists sound files). */
  mimeTypes?: readonly string[];
  limit: number;
  offset: number;
}

/**
 * A page of the media library, newest first, and how many items match in all.
 * @example const { items, total } = await listMedia(store, { q: "palace", limit: 20, offset: 0 });
 */
export async function listMedia(
  store: Store,
  { q, mimeTypes, limit, offset }: ListMediaOptions,
): Promise<{ items: MediaRecord[]; total: number }> {
  const pattern = q?.trim()
    ? `%${q
        .trim()
        .toLowerCase()
        .replace(/[\\%_]/g, "\\$&")}%`
    : undefined;
  const matching = store.db
    .selectFrom("media")
    .$if(mimeTypes !== undefined, (qb) => qb.where("mime_type", "in", [...(mimeTypes ?? [])]))
    .$if(pattern !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or(
          (["alt", "description", "credit_creator", "credit_source_name"] as const).map(
            (column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
          ),
        ),
      ),
    );
  const [rows, count] = await Promise.all([
    matching
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(limit)
      .offset(offset)
      .execute(),
    matching.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  const variants = await variantsOf(
    store,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => toRecord(r, variants.get(r.id) ?? [])),
    total: Number(count.n),
  };
}

/** Renditions of these media items, by media id, best format first and narrowest first. */
export async function variantsOf(
  store: Store,
  mediaIds: readonly string[],
): Promise<Map<string, StoredMediaVariant[]>> {
  if (mediaIds.length === 0) return new Map();
  const rows = await store.db
    .selectFrom("media_variants")
    .selectAll()
    .where("media_id", "in", [...new Set(mediaIds)])
    .execute();
  return groupVariants(rows);
}

/** Rendition rows grouped by media id, each list best format first and narrowest first. */
export function groupVariants(rows: readonly MediaVariantRow[]): Map<string, StoredMediaVariant[]> {
  const byId = new Map<string, StoredMediaVariant[]>();
  for (const row of rows) {
    const list = byId.get(row.media_id) ?? [];
    list.push(toVariant(row));
    byId.set(row.media_id, list);
  }
  for (const [id, list] of byId) byId.set(id, sortVariants(list));
  return byId;
}

/** A media item with its renditions, without their sizes (what pages render from). */
export function withVariants(item: MediaItem, variants: StoredMediaVariant[] = []): MediaItem {
  if (variants.length === 0) return item;
  return { ...item, variants: variants.map(({ bytes: _bytes, ...v }) => v) };
}

/**
 * Which of `keys` a media record or rendition points to (as its storage key): the files the
 * start-up sweep must keep.
 */
export async function referencedStorageKeys(
  store: Store,
  keys: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunks(keys, 400)) {
    const [originals, renditions] = await Promise.all([
      store.db
        .selectFrom("media")
        .select("storage_key")
        .where("storage_key", "in", chunk)
        .execute(),
      store.db
        .selectFrom("media_variants")
        .select("storage_key")
        .where("storage_key", "in", chunk)
        .execute(),
    ]);
    for (const row of [...originals, ...renditions]) found.add(row.storage_key);
  }
  return found;
}

export { type MediaUsage, mediaUsage } from "./media-usage.js";

function toVariant(row: MediaVariantRow): StoredMediaVariant {
  return {
    format: row.format as VariantFormat,
    width: row.width,
    height: row.height,
    storageKey: row.storage_key,
    bytes: Number(row.bytes),
  };
}

function sortVariants<T extends MediaVariant>(variants: T[]): T[] {
  const rank = (f: VariantFormat) => VARIANT_FORMATS.indexOf(f);
  return [...variants].sort((a, b) => rank(a.format) - rank(b.format) || a.width - b.width);
}

function toRecord(row: MediaRow, variants: StoredMediaVariant[]): MediaRecord {
  return {
    ...toMedia(row),
    variants,
    version: row.version,
    uploadedBy: row.uploaded_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
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
    description: data.description,
    credit_creator: data.credit.creator,
    credit_source_name: data.credit.sourceName,
    credit_source_url: data.credit.sourceUrl ?? null,
    license: data.credit.license,
    duration_ms: data.durationMs ?? null,
  };
}
