import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/** Views, deduplicated: the daily salt shared by instances and today's visitor hashes (owned by the views work). */
export function viewsMigration(_adapter: DialectAdapter): Migration {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
