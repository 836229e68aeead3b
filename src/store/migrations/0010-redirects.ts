import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * Redirects from old addresses to where content lives now (see src/store/redirects.ts). An exact
 * redirect is found by its (path key, sorted query) through the unique index; a pattern's
 * `from_path` is the pattern itself with an empty query, so two identical patterns collide too.
 * `to_key` is the target in the form a `from` is stored in ('' for an external URL), indexed
 * because collapsing a chain looks redirects up by where they point.
 */
export function redirectsMigration({ columnTypes: t }: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("redirects")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("from_path", "text", (c) => c.notNull())
        .addColumn("from_query", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("to_path", "text", (c) => c.notNull())
        .addColumn("to_key", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addUniqueConstraint("redirects_from_unique", ["from_path", "from_query"])
        .execute();
      await db.schema.createIndex("redirects_to_key").on("redirects").column("to_key").execute();
      // The patterns are loaded (and cached) apart from the many exact rows.
      await db.schema.createIndex("redirects_kind").on("redirects").column("kind").execute();
    },
  };
}
