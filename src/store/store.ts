import type { Kysely } from "kysely";
import type { DatabaseConfig } from "../config.js";
import { type Dialect, openPostgres, openSqlite } from "./dialect/index.js";
import type { Database } from "./schema.js";

export type { Dialect } from "./dialect/index.js";

/** An open database: every store function takes one as its first argument. */
export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Closes the connection (pool); calling it again does nothing. */
  close(): Promise<void>;
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
    close: () => {
      closing ??= db.destroy();
      return closing;
    },
  };
}
