import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";
import type { Database } from "../schema.js";
import { searchAdapterFor } from "../search/index.js";
import { reindexAllArticles } from "../search.js";

/**
 * The full-text search index: `search_documents` with SQLite's FTS5 table or PostgreSQL's
 * weighted tsvector over it (see src/store/search/), then every article already published is
 * indexed, so an upgraded database is searchable at once. Runs in the migration's transaction.
 */
export function searchMigration(adapter: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await searchAdapterFor(adapter.name).createIndex(db);
      const store = {
        db: db as Kysely<Database>,
        dialect: adapter.name,
        close: async () => {},
      };
      await reindexAllArticles(store);
    },
  };
}
