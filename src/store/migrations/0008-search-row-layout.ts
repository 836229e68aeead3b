import { type Kysely, type Migration, sql } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";
import type { Database } from "../schema.js";
import { reindexAllArticles } from "../search.js";

/**
 * PostgreSQL's search rows, laid out for the searches of src/store/search/postgres.ts; nothing
 * changes on SQLite. Runs in the migration's transaction.
 *
 * - The ids stay in the row. The document (kept in the row, see 0007) alone passes the 2 kB
 *   at which PostgreSQL moves values out of line, so it moved every other text value it could,
 *   ids included: a section filter then cost a TOAST lookup per match (four more page reads),
 *   the most of a section search's time. `storage plain` keeps them in the row.
 * - No parallel workers for this table. A search reads a few thousand rows at most; starting a
 *   worker cost more than it saved, and on a small server it competes with the other requests.
 *   A table setting, so the operator's server settings stay theirs.
 *
 * Rows written before keep their out-of-line ids, so the index is rebuilt from the articles
 * (TRUNCATE leaves no dead rows behind, unlike rewriting every row in place).
 */
export function searchRowLayoutMigration(adapter: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (adapter.name !== "postgres") return;
      await sql`
        alter table search_documents
          alter column article_id set storage plain,
          alter column section_id set storage plain,
          alter column section_key set storage plain`.execute(db);
      await sql`alter table search_documents set (parallel_workers = 0)`.execute(db);
      await sql`truncate search_documents`.execute(db);
      await reindexAllArticles({
        db: db as Kysely<Database>,
        dialect: adapter.name,
        close: async () => {},
      });
    },
  };
}
