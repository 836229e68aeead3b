import type { Kysely, Migration } from "kysely";

/**
 * A media item's description: the longer text about an image that WordPress keeps on an
 * attachment (its content) and an archive would keep. Readers never see it on its own; the
 * library's search finds it. Existing items get an empty one rather than null, like alt text.
 */
export function mediaDescriptionsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable("media")
        .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
        .execute();
    },
  };
}
