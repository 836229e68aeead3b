import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { StoreError } from "../errors.js";
import type { Database } from "../schema.js";
import { type DialectAdapter, errorCode } from "./dialect.js";

/** Connections per instance; several instances share the server's max_connections (100 by default). */
const POOL_SIZE = 10;
/** A server that does not answer is reported instead of hanging the start-up. */
const CONNECT_TIMEOUT_MS = 10_000;
/**
 * Pages a bitmap heap scan asks the kernel for ahead of reading them. A search reads a thousand
 * scattered pages of its matches; PostgreSQL's default (1 before version 18) reads them one at a
 * time, and from a cold cache that doubled the p95 of a search (docs/PERFORMANCE.md).
 */
const IO_CONCURRENCY = 64;

export const postgresAdapter: DialectAdapter = {
  name: "postgres",
  columnTypes: { json: "jsonb", timestamp: "timestamptz", boolean: "boolean" },
  // node-pg already parses jsonb.
  readJson: (raw) => raw,
  isUniqueViolation: (error) => errorCode(error) === "23505",
  isForeignKeyViolation: (error) => errorCode(error) === "23503",
  // A transaction-scoped advisory lock: released at commit or rollback, held across instances.
  serializeOn: async (trx, key) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
  },
  // ALTER TABLE changes constraints in place here: nothing to prepare.
  duringMigrations: (_db, migrate) => migrate(),
  // Settings are per pooled connection; the server's own group commit does well enough.
  duringBulkWrites: (_db, work) => work(),
};

/** Opens a connection pool to the PostgreSQL database named by `url` and checks it answers. */
export async function openPostgres(url: string): Promise<Kysely<Database>> {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle client that loses its server emits 'error' on the pool; unhandled, that would end the
  // process. The broken client is dropped and the next query reports the problem instead.
  pool.on("error", () => {});
  // Only over the default: a value the operator chose stays (0 where the server's platform
  // cannot prefetch at all). A failure here only costs the prefetching.
  pool.on("connect", (client) => {
    client
      .query(
        `select set_config('effective_io_concurrency', '${IO_CONCURRENCY}', false)
         where current_setting('effective_io_concurrency') = '1'`,
      )
      .catch(() => {});
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw unreachable(url, error);
  }
  return db;
}

/** Names host, port, database and user (never the password) and says what to check. */
function unreachable(url: string, error: unknown): StoreError {
  const { host, port, database, user } = describeUrl(url);
  const where = `${host}:${port}`;
  const code = errorCode(error);
  const reason = (error instanceof Error && error.message) || code || String(error);
  let message: string;
  if (code === "3D000")
    message =
      `the PostgreSQL database '${database}' does not exist on ${where}; create it ` +
      `(createdb -h ${host} -p ${port} -U ${user} ${database}) or fix the name in DATABASE_URL`;
  else if (code === "28P01" || code === "28000")
    message =
      `PostgreSQL at ${where} refused user '${user}' for database '${database}': ${reason}. ` +
      "Check the user and password in DATABASE_URL";
  else
    message =
      `cannot reach PostgreSQL at ${where} (database '${database}', user '${user}'): ${reason}. ` +
      "Check that the server is running and that DATABASE_URL names the right host and port";
  return new StoreError("MH_DB_UNREACHABLE", message, { cause: error });
}

function describeUrl(url: string): { host: string; port: string; database: string; user: string } {
  try {
    const u = new URL(url);
    return {
      host: u.hostname || "localhost",
      port: u.port || "5432",
      database: decodeURIComponent(u.pathname.replace(/^\//, "")) || "(default)",
      user: decodeURIComponent(u.username) || "(default)",
    };
  } catch {
    return { host: "(unparsable DATABASE_URL)", port: "?", database: "?", user: "?" };
  }
}
