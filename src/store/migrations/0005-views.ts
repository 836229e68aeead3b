import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * Views, deduplicated: the daily salt shared by every instance on the database and the day's
 * visitor hashes. Both hold only the current day (older rows are deleted when the day turns), so
 * a past day's hashes can never be recomputed. The `day` index serves "most read" over a range.
 */
export function viewsMigration(_adapter: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("view_salts")
        .addColumn("day", "text", (c) => c.primaryKey())
        .addColumn("salt", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("view_visitors")
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("view_visitors_pk", ["day", "hash"])
        .execute();
      await db.schema
        .createIndex("article_views_daily_day")
        .on("article_views_daily")
        .columns(["day", "article_id"])
        .execute();
    },
  };
}
