import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * Live coverage (src/content/live-update.ts): each update of a live article is a row of its own,
 * so posting one is a small insert, not a save of the whole article (no version bump, no
 * revision, no conflict with an editor's open draft). Whether coverage has ended is a row of
 * `live_coverage`, written only when it ends or reopens, so the articles table and its
 * revisions are untouched. Both go with their article.
 */
export function liveUpdatesMigration({ columnTypes: t }: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("live_updates")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("article_id", "text", (c) =>
          c.notNull().references("articles.id").onDelete("cascade"),
        )
        .addColumn("body", t.json, (c) => c.notNull())
        // A deleted person leaves the update without a byline rather than deleting it.
        .addColumn("author_id", "text", (c) => c.references("people.id").onDelete("set null"))
        .addColumn("pinned", t.boolean, (c) => c.notNull())
        .addColumn("posted_at", t.timestamp, (c) => c.notNull())
        .addColumn("updated_at", t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("live_updates_article_posted")
        .on("live_updates")
        .columns(["article_id", "posted_at"])
        .execute();
      await db.schema
        .createTable("live_coverage")
        .addColumn("article_id", "text", (c) =>
          c.primaryKey().references("articles.id").onDelete("cascade"),
        )
        .addColumn("ended_at", t.timestamp)
        .addColumn("updated_at", t.timestamp, (c) => c.notNull())
        .execute();
    },
  };
}
