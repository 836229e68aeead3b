import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * Imports from other platforms: which Masthead record each source record became (so a re-run
 * updates instead of duplicating, and knows what an editor changed since), the commenter's web
 * address that WordPress and Ghost keep with a comment, and old addresses that are gone.
 */
export function importSourcesMigration({ columnTypes: t }: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("import_sources")
        // e.g. "wordpress:https://example.org": two sites' post 12 are different posts.
        .addColumn("source", "text", (c) => c.notNull())
        // article, page, comment, person, section, tag, media
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("source_id", "text", (c) => c.notNull())
        .addColumn("target_id", "text", (c) => c.notNull())
        // The target's version right after the import wrote it; a higher one means an editor
        // changed it since. Null for records without versions.
        .addColumn("target_version", "integer")
        // A hash of what the import wrote: an unchanged source record is not written again.
        .addColumn("content_hash", "text", (c) => c.notNull())
        .addColumn("imported_at", t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint("import_sources_pk", ["source", "kind", "source_id"])
        .execute();
      await db.schema.alterTable("comments").addColumn("author_url", "text").execute();
      // Old addresses of content that is deliberately not published here (WordPress posts behind
      // a password): they answer 410 Gone, which tells search engines to drop them, not 404.
      await db.schema
        .createTable("gone_addresses")
        .addColumn("path_key", "text", (c) => c.notNull())
        .addColumn("query", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint("gone_addresses_pk", ["path_key", "query"])
        .execute();
    },
  };
}
