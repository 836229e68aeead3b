import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * The pre-publish checklist's overrides (issue 14): each warning someone accepted when publishing
 * or scheduling, with who, when, the warning as it read and the reason given. Kept with the
 * article (deleted with it) and tied to the version the transition made, so the history shows
 * which publication it belongs to.
 */
export function publishOverridesMigration({ columnTypes: t }: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("publish_overrides")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("article_id", "text", (c) =>
          c.notNull().references("articles.id").onDelete("cascade"),
        )
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("check_id", "text", (c) => c.notNull())
        .addColumn("message", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("actor_user_id", "text")
        .addColumn("actor_name", "text", (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("publish_overrides_article")
        .on("publish_overrides")
        .columns(["article_id", "created_at"])
        .execute();
    },
  };
}
