import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * The editorial workflow: a version on articles and people for optimistic concurrency, every
 * saved state of an article (revisions), update/correction notes, and preview links.
 * User ids are kept without a foreign key: the users table comes from another migration, and a
 * revision or note must outlive the account that made it (the name is copied for that reason).
 */
export function workflow({ columnTypes: t }: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable("articles")
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .alterTable("people")
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
      // The admin list shows the most recently edited first.
      await db.schema
        .createIndex("articles_updated_at")
        .on("articles")
        .column("updated_at")
        .execute();

      await db.schema
        .createTable("article_revisions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("article_id", "text", (c) =>
          c.notNull().references("articles.id").onDelete("cascade"),
        )
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("summary", "text", (c) => c.notNull())
        .addColumn("snapshot", t.json, (c) => c.notNull())
        .addColumn("actor_user_id", "text")
        .addColumn("actor_name", "text", (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addUniqueConstraint("article_revisions_version", ["article_id", "version"])
        .execute();

      await db.schema
        .createTable("article_corrections")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("article_id", "text", (c) =>
          c.notNull().references("articles.id").onDelete("cascade"),
        )
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("note", "text", (c) => c.notNull())
        .addColumn("actor_user_id", "text")
        .addColumn("actor_name", "text", (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("article_corrections_article")
        .on("article_corrections")
        .columns(["article_id", "created_at"])
        .execute();

      await db.schema
        .createTable("preview_links")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("article_id", "text", (c) =>
          c.notNull().references("articles.id").onDelete("cascade"),
        )
        // SHA-256 of the token: a leaked database does not hand out working links.
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("expires_at", t.timestamp, (c) => c.notNull())
        .addColumn("created_by", "text")
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("preview_links_article")
        .on("preview_links")
        .column("article_id")
        .execute();
    },
  };
}
