import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/** Comment threads and moderation (owned by the comments work). */
export function commentsMigration(_adapter: DialectAdapter): Migration {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
