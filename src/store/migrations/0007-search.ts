import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/** The full-text search index (owned by the search work). */
export function searchMigration(_adapter: DialectAdapter): Migration {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
