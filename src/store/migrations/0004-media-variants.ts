import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * The media library: each upload's generated renditions, who uploaded it (so a contributor can
 * fix the credit of their own image) and a version for optimistic concurrency on edits.
 * `uploaded_by` is a user id without a foreign key: the users table comes from another migration,
 * and an image outlives the account that uploaded it.
 */
export function mediaVariants(_adapter: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable("media")
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable("media").addColumn("uploaded_by", "text").execute();

      await db.schema
        .createTable("media_variants")
        .addColumn("media_id", "text", (c) =>
          c.notNull().references("media.id").onDelete("cascade"),
        )
        .addColumn("format", "text", (c) => c.notNull())
        .addColumn("width", "integer", (c) => c.notNull())
        .addColumn("height", "integer", (c) => c.notNull())
        .addColumn("storage_key", "text", (c) => c.notNull().unique())
        .addColumn("bytes", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("media_variants_pk", ["media_id", "format", "width"])
        .execute();
    },
  };
}
