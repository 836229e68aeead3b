import type { ColumnDataType, Kysely } from "kysely";
import type { Database } from "../schema.js";

/** The databases Masthead runs on. */
export type Dialect = "sqlite" | "postgres";

/**
 * What SQLite and PostgreSQL do differently, and nothing else: every query in the store is one
 * Kysely code path, and only the files in this folder know which database they talk to.
 */
export interface DialectAdapter {
  readonly name: Dialect;
  /** Column types the migrations use where the two databases have different native types. */
  readonly columnTypes: {
    json: ColumnDataType;
    timestamp: ColumnDataType;
    boolean: ColumnDataType;
  };
  /** Turns a JSON column's value as the driver returns it into the stored value. */
  readJson(raw: unknown): unknown;
  /** Whether a driver error is a unique or primary key violation. */
  isUniqueViolation(error: unknown): boolean;
  /** Whether a driver error is a foreign key violation. */
  isForeignKeyViolation(error: unknown): boolean;
  /**
   * Whether a driver error means the database cannot be used right now, rather than that the
   * query was wrong: such errors become DatabaseUnreachableError (HTTP 503, worth retrying).
   */
  isUnreachable(error: unknown): boolean;
  /**
   * Inside a transaction: makes any other transaction that calls this with the same key wait
   * until this one ends, so a check and the write it allows cannot interleave with another's.
   */
  serializeOn(trx: Kysely<Database>, key: string): Promise<void>;
  /**
   * Runs `migrate` (the whole migration run) with what the migrations need of the connection.
   * SQLite changes a column's constraints only by rebuilding its table (see 0011-pages.ts), and
   * dropping the old table while foreign keys are enforced would cascade-delete every row that
   * points at it; the pragma cannot change inside a transaction, so it is off for the run (a
   * rebuild checks `foreign_key_check` before it commits) and back on after.
   */
  duringMigrations<T>(db: Kysely<Database>, migrate: () => Promise<T>): Promise<T>;
  /**
   * Runs a long series of write transactions (an import) whose commits need not each wait for
   * the disk: a crash still leaves the database intact, and a re-run redoes what was lost.
   */
  duringBulkWrites<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T>;
}

/** The `code` property drivers put on their errors (better-sqlite3: 'SQLITE_…', pg: SQLSTATE). */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}
