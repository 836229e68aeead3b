// Database constraints turned into the domain's errors, so callers see field paths and codes,
// never driver messages.
import { type Kysely, sql } from "kysely";
import { ConflictError, NotFoundError } from "../content/errors.js";
import { ContentInvalidError, type FieldIssue } from "../content/index.js";
import { adapterFor } from "./dialect/index.js";
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
 * Throws ContentInvalidError naming every reference whose target does not exist (e.g.
 * `sectionId: no section with id '…'`). Run inside the writing transaction; the foreign keys
 * remain the backstop against a concurrent delete.
 */
export async function requireReferences(
  db: Kysely<Database>,
  what: string,
  references: readonly Reference[],
): Promise<void> {
  if (references.length === 0) return;
  // One statement for every table (on PostgreSQL each statement is a round trip).
  const lookups = [...new Set(references.map((r) => r.table))].map((table) => {
    const ids = [...new Set(references.filter((r) => r.table === table).map((r) => r.id))];
    return db
      .selectFrom(table)
      .select([sql.lit(table).as("table"), "id"])
      .where("id", "in", ids);
  });
  const [first, ...rest] = lookups as [(typeof lookups)[number], ...typeof lookups];
  const rows = await rest.reduce((query, next) => query.unionAll(next), first).execute();
  const found = new Set(rows.map((r) => `${r.table}:${r.id}`));
  const issues: FieldIssue[] = references
    .filter((r) => !found.has(`${r.table}:${r.id}`))
    .map((r) => ({ path: r.path, message: `no ${NOUNS[r.table]} with id '${r.id}'` }));
  if (issues.length > 0) throw new ContentInvalidError(what, issues);
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
