// Which Masthead record each imported record became, per source: a re-run of an import finds
// its earlier work here instead of creating duplicates, and tells an editor's change (a higher
// version than the import left) from its own.
import { nowIso } from "./columns.js";
import type { Store } from "./store.js";

/** What kind of record a source id names (its ids are only unique within a kind). */
export type ImportedKind = "article" | "page" | "comment" | "person" | "section" | "tag" | "media";

/** One imported record: its source id, what it became, and what the import last wrote. */
export interface ImportedRecord {
  kind: ImportedKind;
  sourceId: string;
  targetId: string;
  /** The target's version after the import wrote it (articles, people); null otherwise. */
  targetVersion: number | null;
  contentHash: string;
  /**
   * Articles and pages only: the target's version now, or null when it was deleted since (so a
   * re-run can tell an editor's change without loading the article).
   */
  currentVersion?: number | null;
}

/**
 * The records imported from `source` of `kind` (only those with `sourceIds` when given), keyed
 * by source id.
 * @example const posts = await importedRecords(store, "wordpress:https://example.org", "article");
 */
export async function importedRecords(
  store: Store,
  source: string,
  kind: ImportedKind,
  sourceIds?: readonly string[],
): Promise<Map<string, ImportedRecord>> {
  if (sourceIds?.length === 0) return new Map();
  let query = store.db
    .selectFrom("import_sources as s")
    .leftJoin("articles as a", "a.id", "s.target_id")
    .select(["s.source_id", "s.target_id", "s.target_version", "s.content_hash", "a.version"])
    .where("s.source", "=", source)
    .where("s.kind", "=", kind);
  if (sourceIds) query = query.where("s.source_id", "in", sourceIds);
  const rows = await query.execute();
  const versioned = kind === "article" || kind === "page";
  return new Map(
    rows.map((r) => [
      r.source_id,
      {
        kind,
        sourceId: r.source_id,
        targetId: r.target_id,
        targetVersion: r.target_version === null ? null : Number(r.target_version),
        contentHash: r.content_hash,
        ...(versioned ? { currentVersion: r.version === null ? null : Number(r.version) } : {}),
      },
    ]),
  );
}

/** Records (or replaces) what `records` became; call inside the transaction that wrote them. */
export async function recordImported(
  store: Store,
  source: string,
  records: readonly ImportedRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const now = nowIso();
  // Chunks keep every statement under SQLite's bound-parameter limit.
  for (let i = 0; i < records.length; i += 500)
    await store.db
      .insertInto("import_sources")
      .values(
        records.slice(i, i + 500).map((r) => ({
          source,
          kind: r.kind,
          source_id: r.sourceId,
          target_id: r.targetId,
          target_version: r.targetVersion,
          content_hash: r.contentHash,
          imported_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["source", "kind", "source_id"]).doUpdateSet((eb) => ({
          target_id: eb.ref("excluded.target_id"),
          target_version: eb.ref("excluded.target_version"),
          content_hash: eb.ref("excluded.content_hash"),
          imported_at: eb.ref("excluded.imported_at"),
        })),
      )
      .execute();
}
