import type { Kysely, Migration } from "kysely";

/**
 * What an article says to search engines and link previews (a meta title and description, a
 * canonical URL for a piece that first ran elsewhere) and its featured image's caption, so that
 * imports from Ghost and WordPress keep them. Existing articles get empty text and no canonical
 * URL, which mean "as before": headline, dek and the article's own address. Revisions keep
 * whole articles as JSON snapshots, so they need no column; older snapshots read as defaults.
 */
export function articleSearchFieldsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      await db.schema
        .alterTable("articles")
        .addColumn("meta_title", "text", (c) => c.notNull().defaultTo(""))
        .execute();
      await db.schema
        .alterTable("articles")
        .addColumn("meta_description", "text", (c) => c.notNull().defaultTo(""))
        .execute();
      await db.schema.alterTable("articles").addColumn("canonical_url", "text").execute();
      await db.schema
        .alterTable("articles")
        .addColumn("featured_image_caption", "text", (c) => c.notNull().defaultTo(""))
        .execute();
    },
  };
}
