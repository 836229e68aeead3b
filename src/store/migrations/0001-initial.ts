import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * The first schema: content, its links, comments, views and settings.
 * Ids are `text` on both databases (not PostgreSQL `uuid`) so that looking up a malformed id finds
 * nothing on both, instead of failing on one.
 */
export function initial({ columnTypes: t }: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("media")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("storage_key", "text", (c) => c.notNull().unique())
        .addColumn("mime_type", "text", (c) => c.notNull())
        .addColumn("width", "integer", (c) => c.notNull())
        .addColumn("height", "integer", (c) => c.notNull())
        .addColumn("alt", "text", (c) => c.notNull())
        .addColumn("credit_creator", "text", (c) => c.notNull())
        .addColumn("credit_source_name", "text", (c) => c.notNull())
        .addColumn("credit_source_url", "text")
        .addColumn("license", "text", (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addColumn("updated_at", t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("sections")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("slug", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("parent_id", "text", (c) => c.references("sections.id"))
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addColumn("updated_at", t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("people")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("slug", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role_title", "text", (c) => c.notNull())
        .addColumn("team", "text", (c) => c.notNull())
        .addColumn("short_bio", "text", (c) => c.notNull())
        .addColumn("bio", "text", (c) => c.notNull())
        .addColumn("avatar_id", "text", (c) => c.references("media.id").onDelete("set null"))
        .addColumn("avatar_alt", "text", (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addColumn("updated_at", t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("tags")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("slug", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("articles")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("slug", "text", (c) => c.notNull().unique())
        .addColumn("headline", "text", (c) => c.notNull())
        .addColumn("dek", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("section_id", "text", (c) => c.notNull().references("sections.id"))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("published_at", t.timestamp)
        .addColumn("featured_image_id", "text", (c) =>
          c.references("media.id").onDelete("set null"),
        )
        .addColumn("body", t.json, (c) => c.notNull())
        .addColumn("comments_enabled", t.boolean, (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addColumn("updated_at", t.timestamp, (c) => c.notNull())
        .execute();
      // The public listings: published, newest first, overall and per section.
      await db.schema
        .createIndex("articles_status_published_at")
        .on("articles")
        .columns(["status", "published_at"])
        .execute();
      await db.schema
        .createIndex("articles_section_published_at")
        .on("articles")
        .columns(["section_id", "published_at"])
        .execute();

      await db.schema
        .createTable("article_authors")
        .addColumn("article_id", "text", (c) =>
          c.notNull().references("articles.id").onDelete("cascade"),
        )
        .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
        .addColumn("position", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("article_authors_pk", ["article_id", "person_id"])
        .execute();
      await db.schema
        .createIndex("article_authors_person")
        .on("article_authors")
        .column("person_id")
        .execute();

      await db.schema
        .createTable("article_tags")
        .addColumn("article_id", "text", (c) =>
          c.notNull().references("articles.id").onDelete("cascade"),
        )
        .addColumn("tag_id", "text", (c) => c.notNull().references("tags.id"))
        .addColumn("position", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("article_tags_pk", ["article_id", "tag_id"])
        .execute();
      await db.schema.createIndex("article_tags_tag").on("article_tags").column("tag_id").execute();

      await db.schema
        .createTable("trackers")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("slug", "text", (c) => c.notNull().unique())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("description", t.json, (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addColumn("updated_at", t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("tracker_entries")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("tracker_id", "text", (c) =>
          c.notNull().references("trackers.id").onDelete("cascade"),
        )
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("summary", "text", (c) => c.notNull())
        .addColumn("occurred_on", "text")
        .addColumn("source_name", "text", (c) => c.notNull())
        .addColumn("source_url", "text")
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addUniqueConstraint("tracker_entries_position", ["tracker_id", "position"])
        .execute();

      await db.schema
        .createTable("comments")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("article_id", "text", (c) =>
          c.notNull().references("articles.id").onDelete("cascade"),
        )
        .addColumn("author_name", "text", (c) => c.notNull())
        .addColumn("author_email", "text")
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("comments_article_created_at")
        .on("comments")
        .columns(["article_id", "created_at"])
        .execute();

      await db.schema
        .createTable("article_views_daily")
        .addColumn("article_id", "text", (c) =>
          c.notNull().references("articles.id").onDelete("cascade"),
        )
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("views", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("article_views_daily_pk", ["article_id", "day"])
        .execute();

      await db.schema
        .createTable("settings")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", t.json, (c) => c.notNull())
        .addColumn("updated_at", t.timestamp, (c) => c.notNull())
        .execute();
    },
  };
}
