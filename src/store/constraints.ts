// Database constraints turned into the domain's errors, so callers see field paths and codes,
// never driver messages.
import { type Kysely, type RawBuilder, sql } from "kysely";
import { ConflictError, NotFoundError } from "../content/errors.js";
import { ContentInvalidError, type FieldIssue } from "../content/index.js";
import { adapterFor, type Dialect } from "./dialect/index.js";
import type { Database } from "./schema.js";
import type { Store } from "./store.js";

type ReferencedTable = "sections" | "people" | "tags" | "media" | "trackers";

const NOUNS: Record<ReferencedTable, string> = {
  sections: "section",
  people: "person",
  tags: "tag",
  media: "media item",
  trackers: "tracker",
};

/** A field of an input that points at another entity. */
export interface Reference {
  /** Dot path of the field, e.g. `authorIds.1` or `body.4.mediaId`. */
  path: string;
  table: ReferencedTable;
  id: string;
}

/**
 * References looked up ahead of the write that needs them, in the statement that read the row it
 * changes (`foundReferencesColumn`), so that the write need not ask again.
 */
export interface CheckedReferences {
  /** Keys (`table:id`) of the references that were looked up. */
  asked: ReadonlySet<string>;
  /** Keys of those that exist. */
  found: ReadonlySet<string>;
}

/**
 * Throws ContentInvalidError naming every reference whose target does not exist (e.g.
 * `sectionId: no section with id '…'`). Run inside the writing transaction; the foreign keys
 * remain the backstop against a concurrent delete. References in `checked` are judged by it;
 * the others are looked up.
 */
export async function requireReferences(
  db: Kysely<Database>,
  what: string,
  references: readonly Reference[],
  checked?: CheckedReferences,
): Promise<void> {
  const unchecked = checked ? references.filter((r) => !checked.asked.has(keyOf(r))) : references;
  const found = new Set(checked?.found);
  if (unchecked.length > 0)
    for (const row of await foundKeys(db, unchecked).execute()) found.add(row.key);
  const issues: FieldIssue[] = references
    .filter((r) => !found.has(keyOf(r)))
    .map((r) => ({ path: r.path, message: `no ${NOUNS[r.table]} with id '${r.id}'` }));
  if (issues.length > 0) throw new ContentInvalidError(what, issues);
}

/**
 * A column giving, as a JSON array, the keys of the `references` that exist: read with a row
 * before writing it, then turned into CheckedReferences by `checkedReferences`. On PostgreSQL
 * each statement is a round trip, and every save checks what its article points at.
 */
export function foundReferencesColumn(
  db: Kysely<Database>,
  dialect: Dialect,
  references: readonly Reference[],
): RawBuilder<unknown> {
  if (references.length === 0) return sql<unknown>`null`;
  const agg = sql.raw(dialect === "postgres" ? "json_agg" : "json_group_array");
  return sql<unknown>`coalesce((select ${agg}(found.key) from ${foundKeys(db, references)} as found), ${"[]"})`;
}

/** The CheckedReferences of `references` from what foundReferencesColumn answered. */
export function checkedReferences(
  dialect: Dialect,
  references: readonly Reference[],
  raw: unknown,
): CheckedReferences {
  return {
    asked: new Set(references.map(keyOf)),
    found: new Set(raw === null ? [] : (adapterFor(dialect).readJson(raw) as string[])),
  };
}

/** `sections:<id>`: a reference's table and id, as foundKeys answers them. */
function keyOf(reference: Reference): string {
  return `${reference.table}:${reference.id}`;
}

/** One select (a union over the tables) of the keys of the references that exist. */
function foundKeys(db: Kysely<Database>, references: readonly Reference[]) {
  const lookups = [...new Set(references.map((r) => r.table))].map((table) => {
    const ids = [...new Set(references.filter((r) => r.table === table).map((r) => r.id))];
    return db
      .selectFrom(table)
      .select(sql<string>`${`${table}:`} || id`.as("key"))
      .where("id", "in", ids);
  });
  const [first, ...rest] = lookups as [(typeof lookups)[number], ...typeof lookups];
  return rest.reduce((query, next) => query.unionAll(next), first);
}

/** Runs a write whose only unique column besides the id is `field`; a clash becomes ConflictError. */
export async function uniquely<T>(
  store: Store,
  conflict: { entity: string; field: string; value: string },
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (adapterFor(store.dialect).isUniqueViolation(error))
      throw new ConflictError(conflict.entity, conflict.field, conflict.value);
    throw error;
  }
}

/** Runs a write that points at `entity` by id; a missing target becomes NotFoundError. */
export async function mustExist<T>(
  store: Store,
  target: { entity: string; id: string },
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (adapterFor(store.dialect).isForeignKeyViolation(error))
      throw new NotFoundError(target.entity, target.id);
    throw error;
  }
}
