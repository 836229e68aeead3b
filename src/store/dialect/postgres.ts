import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { DatabaseUnreachableError } from "../../content/errors.js";
import type { Database } from "../schema.js";
import { type DialectAdapter, errorCode } from "./dialect.js";
import { translatingErrors } from "./translate-errors.js";

/** Connections per instance; several instances share the server's max_connections (100 by default). */
const POOL_SIZE = 10;
/**
 * How long a query waits for a connection, new or from the pool, before it fails. A server that
 * does not answer (down, or a network that drops packets) then costs a request this long and
 * answers 503, instead of holding it, and the pool's queue behind it, until the client gives up.
 */
const CONNECT_TIMEOUT_MS = 5000;
/**
 * Pages a bitmap heap scan asks the kernel for ahead of reading them. A search reads a thousand
 * scattered pages of its matches; PostgreSQL's default (1 before version 18) reads them one at a
 * time, and from a cold cache that doubled the p95 of a search (docs/PERFORMANCE.md).
 */
const IO_CONCURRENCY = 64;

/**
 * SQLSTATEs of a server that cannot serve now: class 08 (connection exceptions, matched by
 * prefix), shutting down (57P01 admin, 57P02 crash), starting up or in recovery (57P03), out of
 * connection slots (53300).
 */
const UNAVAILABLE_STATES = new Set(["57P01", "57P02", "57P03", "53300"]);
/** Socket errors of a server that cannot be reached or went away mid-conversation. */
const SOCKET_ERRORS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
/**
 * node-pg's own errors carry no code: a connection lost mid-query or while idle, a pool that
 * could not hand out a connection within connectionTimeoutMillis, a client broken earlier.
 */
const LOST_CONNECTION =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

function isUnreachable(error: unknown): boolean {
  // Node reports a host with several addresses (localhost: ::1 and 127.0.0.1) as one of these.
  if (error instanceof AggregateError) return error.errors.some(isUnreachable);
  const code = errorCode(error);
  if (code !== undefined)
    return code.startsWith("08") || UNAVAILABLE_STATES.has(code) || SOCKET_ERRORS.has(code);
  return error instanceof Error && LOST_CONNECTION.test(error.message);
}

export const postgresAdapter: DialectAdapter = {
  name: "postgres",
  columnTypes: { json: "jsonb", timestamp: "timestamptz", boolean: "boolean" },
  // node-pg already parses jsonb.
  readJson: (raw) => raw,
  isUniqueViolation: (error) => errorCode(error) === "23505",
  isForeignKeyViolation: (error) => errorCode(error) === "23503",
  isUnreachable,
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
  // process. The pool drops the broken client and opens new ones when asked, so it reconnects by
  // itself once the server is back; the next query meanwhile reports the outage.
  pool.on("error", () => {});
  // Only over the default: a value the operator chose stays (0 where the server's platform
  // cannot prefetch at all). A failure here only costs the prefetching.
  pool.on("connect", (client) => {
    // A client checked out when its server goes away (a restart under load) emits 'error'
    // itself, not on the pool: the query in flight fails (503) and the pool discards the client,
    // but an unhandled 'error' would end the process (brianc/node-postgres#3083).
    client.on("error", () => {});
    client
      .query(
        `select set_config('effective_io_concurrency', '${IO_CONCURRENCY}', false)
         where current_setting('effective_io_concurrency') = '1'`,
      )
      .catch(() => {});
  });
  const dialect = translatingErrors(new PostgresDialect({ pool }), (error) =>
    isUnreachable(error) ? new DatabaseUnreachableError(error) : error,
  );
  const db = new Kysely<Database>({ dialect });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    // At start the operator reads this, so it names host, database and user.
    throw unreachable(url, error instanceof DatabaseUnreachableError ? error.cause : error);
  }
  return db;
}

/** Names host, port, database and user (never the password) and says what to check. */
function unreachable(url: string, error: unknown): DatabaseUnreachableError {
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
  return new DatabaseUnreachableError(error, message);
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
