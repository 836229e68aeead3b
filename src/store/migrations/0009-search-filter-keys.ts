import { type Kysely, type Migration, sql } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";
import { FILTER_KEYS } from "../search/postgres.js";

/**
 * PostgreSQL's search index takes the filters in (nothing changes on SQLite, whose FTS5 table
 * has its section key column since 0007): one GIN index over the document and the row's filter
 * keys (section and week, see FILTER_KEYS), so a section or a date range is intersected with
 * the words' matches inside the index. It replaces the document's own GIN index, which it
 * serves as well, and the (section_id, doc_id) index, which only a section filter used.
 */
export function searchFilterKeysMigration(adapter: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (adapter.name !== "postgres") return;
      await sql`
        create index search_documents_terms on search_documents
        using gin (document, (${FILTER_KEYS}))`.execute(db);
      await sql`drop index search_documents_document`.execute(db);
      await sql`drop index search_documents_section`.execute(db);
      // Statistics for the index's expression, which the planner needs to choose it over a scan
      // of the key index; autovacuum would gather them only after enough writes.
      await sql`analyze search_documents`.execute(db);
    },
  };
}
