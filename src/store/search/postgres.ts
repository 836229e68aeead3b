import { type Kysely, type RawBuilder, sql } from "kysely";
import { MARK_END, MARK_START, quotedTerms, type SearchQuery } from "../../content/index.js";
import type { Database } from "../schema.js";
import type { RankedMatch, SearchAdapter, SearchFilter } from "./adapter.js";

/**
 * The text search configuration. 'english' stems like SQLite's porter tokenizer, so both
 * databases find "strikes" for "strike"; it also drops English stop words, which SQLite keeps
 * (a query of only stop words finds nothing here). A site in another language would want its
 * own configuration: that means a new generated column, so it is a migration, not a setting.
 */
export const TS_CONFIG = "english";
const CONFIG = sql.lit(TS_CONFIG);
/** ts_headline options: marks, and a body excerpt of about the length SQLite's snippet gives. */
const HEADLINE_ALL = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`;
const BODY_EXCERPT =
  `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=15, ` +
  `ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

export const postgresSearch: SearchAdapter = {
  async createIndex(db) {
    // The weighted document is a stored generated column, so every write of the row's text
    // (one code path with SQLite) keeps it current. Weights: A headline, B dek,
    // C byline and section name, D body.
    await sql`
      create table search_documents (
        doc_id bigint primary key,
        article_id text not null unique references articles(id) on delete cascade,
        section_id text not null,
        published_at timestamptz not null,
        headline text not null,
        dek text not null,
        authors text not null,
        section_name text not null,
        body text not null,
        section_key text not null,
        document tsvector generated always as (
          setweight(to_tsvector(${CONFIG}, ${untagged("headline")}), 'A') ||
          setweight(to_tsvector(${CONFIG}, ${untagged("dek")}), 'B') ||
          setweight(to_tsvector(${CONFIG}, ${untagged("authors || ' ' || section_name")}), 'C') ||
          setweight(to_tsvector(${CONFIG}, ${untagged("body")}), 'D')
        ) stored
      )`.execute(db);
    // The document stays in the row (compressed) rather than out of line: testing a row
    // against a query then costs a decompression, not two more index lookups, which makes the
    // newest-first walk for a common word about three times faster.
    await sql`alter table search_documents alter column document set storage main`.execute(db);
    await sql`create index search_documents_document on search_documents using gin (document)`.execute(
      db,
    );
    // A section filter combines this with the GIN index (bitmap AND) instead of walking every
    // section's rows newest first.
    await sql`create index search_documents_section on search_documents (section_id, doc_id)`.execute(
      db,
    );
  },

  async search(db, query, filter, { limit, offset, candidates }) {
    const tsquery = tsqueryOf(query);
    const keys = await newestMatches(db, query, filter, candidates);
    if (keys.length === 0 || offset >= keys.length) return { matches: [], total: keys.length };
    // Only the candidates' documents are read, once, to rank them, and only their ranks go
    // through the sort (a window count over the joined rows copied every candidate's document
    // into a tuple store first: it tripled the time). ts_headline re-parses the text, so it
    // runs for this page's rows only, in the same round trip.
    const result = await sql<{
      article_id: string;
      headline: string;
      dek: string;
      body: string;
    }>`
      with ranked as (
        select d.doc_id, d.article_id, ts_rank_cd(d.document, ${tsquery}) as rank
        from unnest(${keys}::bigint[]) k(doc_id)
        join search_documents d on d.doc_id = k.doc_id
        order by rank desc, d.doc_id desc
        limit ${limit} offset ${offset}
      )
      select r.article_id,
        ts_headline(${CONFIG}, ${untagged("d.headline")}, ${tsquery}, ${HEADLINE_ALL}) as headline,
        ts_headline(${CONFIG}, ${untagged("d.dek")}, ${tsquery}, ${HEADLINE_ALL}) as dek,
        ts_headline(${CONFIG}, ${untagged("d.body")}, ${tsquery}, ${BODY_EXCERPT}) as body
      from ranked r join search_documents d on d.doc_id = r.doc_id
      order by r.rank desc, r.doc_id desc`.execute(db);
    const matches: RankedMatch[] = result.rows.map((r) => ({
      articleId: r.article_id,
      headline: r.headline,
      dek: r.dek,
      body: r.body,
    }));
    return { matches, total: keys.length };
  },
};

/**
 * Rows the first pass walks newest first, testing each against the query: a word in more than
 * two thirds of the articles is done there, and for any other the share that matched says how
 * far back the newest `candidates` matches reach.
 */
const WALK_ROWS = 1500;

/**
 * The keys of the newest `candidates` matches, newest first. Left to itself the planner either
 * walks the key backwards, testing every row until it has enough (cheap for a common word, but
 * 25,000 rows for a word or phrase in 4% of the articles), or reads every match through the GIN
 * index and sorts them (cheap for a rare word, thousands of scattered pages for that one): its
 * estimates for phrases and words that occur together are far off, and a wrong choice cost
 * 25 ms at 100,000 articles with every page in memory, several times that reading from disk.
 * So: walk the newest `walkRows` rows; from the share that matched, estimate the key range
 * that holds the rest, with a margin, and search only that
 * range (the planner, told how narrow it is, reads the GIN matches in it or walks it); whatever
 * that misses, the older rest. The ranges partition the keys in order, so the result is
 * exactly the newest matches whatever the estimate. `walkRows` is a parameter for the tests.
 */
export async function newestMatches(
  db: Kysely<Database>,
  query: SearchQuery,
  filter: SearchFilter,
  candidates: number,
  walkRows = WALK_ROWS,
): Promise<string[]> {
  const tsquery = tsqueryOf(query);
  // A section's matches are sparse among the newest rows, so the walk would tell little and
  // cost a page per row; GIN ANDed with the (section_id, doc_id) index reads only the section's
  // matches, on pages that hold the section id in the row (migration 0008).
  if (filter.sectionIds) return matchesBelow(db, tsquery, filter, filter.highKey, candidates);
  const walked = await sql<{
    seen: string;
    edge: string | null;
    top: string | null;
    hits: string[];
  }>`
    select count(*) as seen, min(w.doc_id) as edge, max(w.doc_id) as top,
      coalesce(array_agg(w.doc_id order by w.doc_id desc) filter (where w.hit), '{}') as hits
    from (
      select d.doc_id, d.document @@ ${tsquery} as hit
      from search_documents d
      where ${conditions(null, filter, filter.highKey)}
      order by d.doc_id desc
      limit ${walkRows}
    ) w`.execute(db);
  const first = walked.rows[0];
  const keys = (first?.hits ?? []).map(String).slice(0, candidates);
  const seen = Number(first?.seen ?? 0);
  if (keys.length >= candidates || seen < walkRows || !first?.edge || !first.top) return keys;
  let below = Number(first.edge);
  if (keys.length > 0) {
    // Rows of the range needed at the walk's rate of matches, with a margin for chance (the
    // fewer the matches, the wider), converted to keys at the walk's rate of keys per row.
    const share = keys.length / seen;
    const margin = 1.25 + 2 / Math.sqrt(keys.length);
    const rows = ((candidates - keys.length) / share) * margin;
    const keysPerRow = Math.max(1, (Number(first.top) - below) / (seen - 1));
    const from = below - Math.ceil(rows * keysPerRow);
    // Keys are safe integers (see DOC_KEY_SLOTS); a range reaching past the lowest is the rest.
    if (from > (filter.lowKey ?? Number.MIN_SAFE_INTEGER)) {
      const range = { ...filter, lowKey: from };
      keys.push(...(await matchesBelow(db, tsquery, range, below, candidates - keys.length)));
      if (keys.length >= candidates) return keys;
      below = from;
    }
  }
  keys.push(...(await matchesBelow(db, tsquery, filter, below, candidates - keys.length)));
  return keys;
}

/**
 * The query as a tsquery. Quoted words and phrases: websearch_to_tsquery reads them literally,
 * never as operators, and never raises a syntax error.
 */
function tsqueryOf(query: SearchQuery): RawBuilder<unknown> {
  return sql`websearch_to_tsquery(${CONFIG}, ${quotedTerms(query)})`;
}

/**
 * The keys of the newest `limit` matches below the key `below`, by the planner's choice of plan
 * (which needs current statistics: autovacuum keeps them; run ANALYZE after a bulk import).
 */
async function matchesBelow(
  db: Kysely<Database>,
  tsquery: RawBuilder<unknown>,
  filter: SearchFilter,
  below: number,
  limit: number,
): Promise<string[]> {
  const rows = await sql<{ doc_id: string }>`
    select d.doc_id from search_documents d
    where ${conditions(tsquery, filter, below)}
    order by d.doc_id desc
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => String(r.doc_id));
}

/**
 * PostgreSQL's parser reads "<…>" as an HTML tag and skips it, and skips everything between
 * <script> and </script>: an article that writes about markup would lose those words. Angle
 * brackets become their typographic lookalikes (‹ ›) before parsing, in the index and in
 * snippets alike, so every word is indexed and highlighted.
 */
function untagged(column: string): RawBuilder<string> {
  return sql<string>`translate(${sql.raw(column)}, '<>', '‹›')`;
}

/** The filter's conditions on `d`, keys below `below`, and the match when a query is given. */
function conditions(
  tsquery: RawBuilder<unknown> | null,
  filter: SearchFilter,
  below: number,
): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`d.doc_id < ${below}`];
  if (tsquery) parts.push(sql`d.document @@ ${tsquery}`);
  if (filter.lowKey !== undefined) parts.push(sql`d.doc_id >= ${filter.lowKey}`);
  if (filter.sectionIds) parts.push(sql`d.section_id in (${sql.join(filter.sectionIds)})`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}
