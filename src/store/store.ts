import type { Kysely } from "kysely";
import type { DatabaseConfig } from "../config.js";
import type { RecordedChange } from "../content/index.js";
import { adapterFor, type Dialect, openPostgres, openSqlite } from "./dialect/index.js";
import type { Database } from "./schema.js";

export type { Dialect } from "./dialect/index.js";

/** An open database: every store function takes one as its first argument. */
export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Closes the connection (pool); calling it again does nothing. */
  close(): Promise<void>;
  /**
   * Called with the events a transaction recorded once it commits, and awaited before `transact`
   * returns: how this process's own dispatcher hears of its own writes at once.
   */
  readonly afterChanges?: Set<(changes: readonly RecordedChange[]) => Promise<void>>;
  /** Inside `transact`: the events recorded so far by this transaction, with their positions. */
  readonly recorded?: RecordedChange[];
}

/**
 * Opens the configured database and checks that it answers. Does not migrate: call
 * `migrateToLatest` next. Throws StoreError 'MH_DB_UNREACHABLE' when it cannot connect.
 * @example const store = await openStore({ kind: "sqlite", file: "data/masthead.db" });
 */
export async function openStore(database: DatabaseConfig): Promise<Store> {
  const db =
    database.kind === "sqlite" ? await openSqlite(database.file) : await openPostgres(database.url);
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect: database.kind,
    afterChanges: new Set(),
    close: () => {
      closing ??= db.destroy();
      return closing;
    },
  };
}

/**
 * Runs `work` in a transaction, joining the caller's when `store` is already inside one, so store
 * functions compose into one all-or-nothing unit (see `transact`).
 */
export function inTransaction<T>(
  store: Store,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (store.db.isTransaction) return work(store.db);
  return store.db.transaction().execute((trx) => work(trx));
}

/**
 * Runs several store calls as one transaction: all of them happen or none does.
 * @example await transact(store, async (tx) => { await createSection(tx, a); await createArticle(tx, b); });
 */
export async function transact<T>(store: Store, work: (tx: Store) => Promise<T>): Promise<T> {
  if (store.db.isTransaction) return work(store);
  const recorded: RecordedChange[] = [];
  const result = await store.db
    .transaction()
    .execute((trx) => work({ ...store, db: trx, recorded }));
  if (recorded.length > 0 && store.afterChanges)
    await Promise.all([...store.afterChanges].map((listener) => listener(recorded)));
  return result;
}

/**
 * Runs `work`, a long series of transactions such as an import, with commits that need not each
 * reach the disk before the next (see DialectAdapter.duringBulkWrites): all-or-nothing still holds
 * for each transaction after a crash; a power cut may lose the last ones, which a re-run redoes.
 */
export function duringBulkWrites<T>(store: Store, work: () => Promise<T>): Promise<T> {
  return adapterFor(store.dialect).duringBulkWrites(store.db, work);
}
