import { type Kysely, type Migration, sql } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * PostgreSQL only: a revision's snapshot is kept as JSON text, not `jsonb`, and the article body
 * and snapshots are compressed with lz4 where the server has it. Every autosave writes a whole
 * article twice (the row and its revision); a snapshot is only ever read whole, never queried
 * inside, so parsing it into `jsonb` on every save bought nothing, and lz4 compresses the large
 * values several times faster than the default pglz (docs/PERFORMANCE.md, issue 14). SQLite
 * already keeps both as text.
 */
export function revisionSnapshotTextMigration(adapter: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (adapter.name !== "postgres") return;
      await sql`alter table article_revisions alter column snapshot type text using snapshot::text`.execute(
        db,
      );
      const { rows } = await sql<{ lz4: boolean }>`
        select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'
      `.execute(db);
      if (!rows[0]?.lz4) return;
      // Applies to values written from now on; older ones stay readable as they are.
      await sql`alter table article_revisions alter column snapshot set compression lz4`.execute(
        db,
      );
      await sql`alter table articles alter column body set compression lz4`.execute(db);
    },
  };
}
