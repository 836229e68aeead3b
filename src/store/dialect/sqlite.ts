import { mkdirSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteAdapter, SqliteDialect, sql } from "kysely";
import { DatabaseUnreachableError } from "../../content/errors.js";
import type { Database } from "../schema.js";
import { type DialectAdapter, errorCode } from "./dialect.js";
import { translatingErrors } from "./translate-errors.js";

/** How long a writer waits for another process's write lock before giving up. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * SQLite runs inside the process, on a file opened once at start: there is no server to lose.
 * The states in which it cannot be used for a while are another process holding the lock past
 * the busy timeout (SQLITE_BUSY and its extended codes: a long write from a shell, a backup tool)
 * and the storage under the file failing (SQLITE_IOERR_*, SQLITE_CANTOPEN_*: a disk or network
 * filesystem gone). Deleting or chmod-ing the file is none of these: the open handle goes on.
 */
const UNAVAILABLE = /^SQLITE_(BUSY|IOERR|CANTOPEN)(_|$)/;

function isUnreachable(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && UNAVAILABLE.test(code);
}

export const sqliteAdapter: DialectAdapter = {
  name: "sqlite",
  columnTypes: { json: "text", timestamp: "text", boolean: "integer" },
  readJson: (raw) => (typeof raw === "string" ? JSON.parse(raw) : raw),
  isUniqueViolation: (error) => {
    const code = errorCode(error);
    return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
  },
  isForeignKeyViolation: (error) => errorCode(error) === "SQLITE_CONSTRAINT_FOREIGNKEY",
  isUnreachable,
  // Nothing to take: a process has one connection, which runs one transaction at a time.
  serializeOn: async () => undefined,
  duringMigrations: async (db, migrate) => {
    await sql`pragma foreign_keys = off`.execute(db);
    try {
      return await migrate();
    } finally {
      await sql`pragma foreign_keys = on`.execute(db);
    }
  },
  // In WAL mode NORMAL skips the fsync of every commit (checkpoints still sync): the database
  // stays consistent after a crash, and only the last commits can be lost to a power cut. An
  // import spent most of its time in those fsyncs (30 ms a commit on this VM).
  duringBulkWrites: async (db, work) => {
    const [before] = (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows;
    await sql`pragma synchronous = normal`.execute(db);
    try {
      return await work();
    } finally {
      await sql.raw(`pragma synchronous = ${Number(before?.synchronous ?? 2)}`).execute(db);
    }
  },
};

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it does not, so its Migrator
 * would leave a failed migration half-applied (and the next start failing on "table already
 * exists"). Saying so makes each migration run all or nothing, as on PostgreSQL.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class MastheadSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** Opens (creating if needed) the SQLite file in WAL mode with foreign keys enforced. */
export async function openSqlite(file: string): Promise<Kysely<Database>> {
  let database: BetterSqlite3.Database;
  try {
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    database = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw unreachable(file, error);
  }
  try {
    // WAL lets readers (page renders) proceed while a writer (an editor saving) holds the lock.
    database.pragma("journal_mode = WAL");
    // SQLite leaves foreign keys off unless asked, per connection.
    database.pragma("foreign_keys = ON");
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    database.close();
    throw unreachable(file, error);
  }
  cachePreparedStatements(database);
  const dialect = translatingErrors(new MastheadSqliteDialect({ database }), (error) =>
    isUnreachable(error) ? new DatabaseUnreachableError(error) : error,
  );
  const db = new Kysely<Database>({ dialect });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw unreachable(file, error instanceof DatabaseUnreachableError ? error.cause : error);
  }
  return db;
}

/** Statements kept compiled; a store issues a few hundred distinct SQL texts at most. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares a statement for every query and better-sqlite3 compiles SQL on every prepare;
 * keeping the compiled statements by SQL text saves that work on every repeated query (an import
 * of thousands of posts spent a tenth of its time compiling the same few statements). A
 * statement still iterating is never handed out twice: a fresh one is compiled instead.
 */
function cachePreparedStatements(database: BetterSqlite3.Database): void {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, BetterSqlite3.Statement>();
  database.prepare = ((source: string) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) return hit;
    const statement = prepare(source);
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(source, statement);
    return statement;
  }) as typeof database.prepare;
}

function unreachable(file: string, error: unknown): DatabaseUnreachableError {
  const reason = error instanceof Error ? error.message : String(error);
  return new DatabaseUnreachableError(
    error,
    `cannot open the SQLite database '${file}': ${reason}. Check that its folder can be created ` +
      "and written by this user, or point DATABASE_URL (or MASTHEAD_DATA_DIR) elsewhere",
  );
}
