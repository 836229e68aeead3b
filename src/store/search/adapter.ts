import { type Kysely, type Selectable, sql } from "kysely";
import type { SearchQuery } from "../../content/index.js";
import { toIso } from "../columns.js";
import type { ArticlesTable, Database } from "../schema.js";

/**
 * Which public articles a search may return, as a range of document keys (which order rows by
 * publication time: see DOC_KEY_SLOTS): keys in [lowKey, highKey).
 */
export interface SearchFilter {
  lowKey?: number;
  highKey: number;
  /** Only articles in these sections (a section and its subsections). */
  sectionIds?: readonly string[];
}

/** What a results list shows of a matched article, as its row holds it now. */
export interface MatchedArticle {
  id: string;
  slug: string;
  headline: string;
  dek: string;
  type: string;
  sectionId: string;
  publishedAt: string;
  /** Its byline's people, in order. */
  authorIds: string[];
}

/** The article's columns a snippet statement reads, from `articles a`. */
export const ARTICLE_COLUMNS = sql.raw(
  "a.id, a.slug, a.headline, a.dek, a.type, a.section_id, a.published_at",
);

/**
 * A row with ARTICLE_COLUMNS. Only articles are indexed, never pages (see reindexBatch), so the
 * section is always there.
 */
type ArticleColumns = Pick<
  Selectable<ArticlesTable>,
  "id" | "slug" | "headline" | "dek" | "type" | "published_at"
> & { section_id: string };

/**
 * One ranked match: its article, and the indexed text with MARK_START/MARK_END around the
 * matched terms. Read in the statement that marks the text, which saves the store a round trip.
 */
export interface RankedMatch {
  article: MatchedArticle;
  headline: string;
  dek: string;
  body: string;
}

/** A snippet statement's row: ARTICLE_COLUMNS and the indexed text, marked. */
export type SnippetRow = ArticleColumns & {
  marked_headline: string;
  marked_dek: string;
  marked_body: string;
};

/**
 * The ranked match of a snippet row, or null if its article was unpublished since the search
 * found it (the search's statements do not share one snapshot).
 */
export function rankedMatch(row: SnippetRow, authorIds: string[]): RankedMatch | null {
  if (row.published_at === null) return null;
  return {
    article: {
      id: row.id,
      slug: row.slug,
      headline: row.headline,
      dek: row.dek,
      type: row.type,
      sectionId: row.section_id,
      publishedAt: toIso(row.published_at),
      authorIds,
    },
    headline: row.marked_headline,
    dek: row.marked_dek,
    body: row.marked_body,
  };
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
   * The newest `candidates` matches of `query` (which has at least one term), ranked best
   * first, `limit` from `offset`, and how many candidates there are. Ranking every match of a
   * common word would cost time in proportion to the archive; the newest ones bound it.
   */
  search(
    db: Kysely<Database>,
    query: SearchQuery,
    filter: SearchFilter,
    page: { limit: number; offset: number; candidates: number },
  ): Promise<{ matches: RankedMatch[]; total: number }>;
}

/**
 * The token that stands for a section in the index's section_key column: letters and digits
 * only, ending in "x" so no stemmer shortens it.
 */
export function sectionKey(sectionId: string): string {
  return `sec${sectionId.toLowerCase().replace(/[^a-z0-9]/g, "")}x`;
}

/**
 * Rows of search_documents are keyed in publication order: the publication time in
 * milliseconds times DOC_KEY_SLOTS, plus the first slot free among articles published in the
 * same millisecond. So "newest first" is the key order, which SQLite's FTS5 walks without
 * sorting, and a date range is a key range (see the adapters).
 */
export const DOC_KEY_SLOTS = 1024;

/**
 * Publication times past which keys would lose precision as JavaScript numbers (the year 2248,
 * and as long before 1970); an article dated beyond is keyed at the limit.
 */
const KEY_TIME_LIMIT_MS = Math.floor(Number.MAX_SAFE_INTEGER / DOC_KEY_SLOTS) - 1;

/** The smallest document key of an article published at `at` (and of any later one). */
export function docKeyFloor(at: Date | string): number {
  const ms = new Date(at).getTime();
  const clamped = Math.max(-KEY_TIME_LIMIT_MS, Math.min(KEY_TIME_LIMIT_MS, ms));
  return (Number.isNaN(clamped) ? 0 : clamped) * DOC_KEY_SLOTS;
}
