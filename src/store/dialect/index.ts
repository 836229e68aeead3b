import type { Dialect, DialectAdapter } from "./dialect.js";
import { postgresAdapter } from "./postgres.js";
import { sqliteAdapter } from "./sqlite.js";

export type { Dialect, DialectAdapter } from "./dialect.js";
export { openPostgres } from "./postgres.js";
export { openSqlite } from "./sqlite.js";

const ADAPTERS: Record<Dialect, DialectAdapter> = {
  sqlite: sqliteAdapter,
  postgres: postgresAdapter,
};

/** The adapter of a database; adapters hold no state, so one per dialect serves every store. */
export function adapterFor(dialect: Dialect): DialectAdapter {
  return ADAPTERS[dialect];
}
