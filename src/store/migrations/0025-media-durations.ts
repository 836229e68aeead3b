import type { Kysely, Migration } from "kysely";

/**
 * How long a sound or video file plays, in milliseconds, read by ffprobe when it is uploaded
 * (JSON-LD's `duration`, the library's tiles). Null for images, documents, captions and for
 * files stored before it was measured: nothing in them is re-read to fill it.
 */
export function mediaDurationsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("media").addColumn("duration_ms", "integer").execute();
    },
  };
}
