import type { Kysely } from "kysely";
import type { SearchQuery } from "../../content/index.js";
import type { Database } from "../schema.js";

/** Which public articles a search may return; every instant is an ISO-8601 UTC string. */
export interface SearchFilter {
  /** Articles published after this moment are not public yet. */
  now: string;
  /** Only articles in these sections (a section and its subsections). */
  sectionIds?: readonly string[];
  /** Published at or after this moment. */
  from?: string;
  /** Published before this moment. */
  to?: string;
}

/** One ranked match: its article and the matched text with MARK_START/MARK_END around terms. */
export interface RankedMatch {
  articleId: string;
  headline: string;
  dek: string;
  body: string;
}

/**
 * Full-text search as one database does it (SQLite FTS5, PostgreSQL tsvector). Both index the
 * same `search_documents` rows, which the store writes through one Kysely code path; only
 * creating the index and querying it differ.
 */
export interface SearchAdapter {
  /** Creates `search_documents` and the database's full-text index over it (migration 0007). */
  createIndex(db: Kysely<unknown>): Promise<void>;
  /**
   * The matches of `query` (which has at least one term), best first, `limit` from `offset`,
   * and how many there are, counted up to `countCap` (more are reported as `countCap`).
   */
  search(
    db: Kysely<Database>,
    query: SearchQuery,
    filter: SearchFilter,
    page: { limit: number; offset: number; countCap: number },
  ): Promise<{ matches: RankedMatch[]; total: number }>;
}
