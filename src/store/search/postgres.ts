import { type Kysely, type RawBuilder, sql } from "kysely";
import { MARK_END, MARK_START, quotedTerms, type SearchQuery } from "../../content/index.js";
import type { Database } from "../schema.js";
import {
  ARTICLE_COLUMNS,
  DOC_KEY_SLOTS,
  type RankedMatch,
  rankedMatch,
  type SearchAdapter,
  type SearchFilter,
  type SnippetRow,
  sectionKey,
} from "./adapter.js";

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
    const found = await newestMatches(db, query, filter, candidates);
    if (found.length === 0 || offset >= found.length) return { matches: [], total: found.length };
    // Ranked here from the ranks the matching pass computed while it had the rows: reading the
    // candidates again to rank them cost a key lookup each, about a quarter of a search's time.
    const page = [...found].sort(byRank).slice(offset, offset + limit);
    // ts_headline re-parses the text, so it runs for this page's rows only, half of them on a
    // second connection: it is a fifth of a search's time, all of it parsing.
    const half = Math.ceil(page.length / 2);
    const rows = (
      await Promise.all(
        [page.slice(0, half), page.slice(half)]
          .filter((part) => part.length > 0)
          .map((part) => snippets(db, tsquery, part)),
      )
    ).flat();
    const byKey = new Map(rows.map((r) => [Number(r.doc_id), r]));
    const matches = page.flatMap((m): RankedMatch[] => {
      const r = byKey.get(m.key);
      const match = r && rankedMatch(r, r.author_ids);
      return match ? [match] : [];
    });
    return { matches, total: found.length };
  },
};

/**
 * The marked headline, dek and body excerpt of these matches, with their articles and bylines
 * (read here rather than by the store: one round trip less).
 */
async function snippets(db: Kysely<Database>, tsquery: RawBuilder<unknown>, part: KeyRank[]) {
  const result = await sql<SnippetRow & { doc_id: string; author_ids: string[] }>`
    select d.doc_id,
      ts_headline(${CONFIG}, ${untagged("d.headline")}, ${tsquery}, ${HEADLINE_ALL}) as marked_headline,
      ts_headline(${CONFIG}, ${untagged("d.dek")}, ${tsquery}, ${HEADLINE_ALL}) as marked_dek,
      ts_headline(${CONFIG}, ${untagged("d.body")}, ${tsquery}, ${BODY_EXCERPT}) as marked_body,
      ${ARTICLE_COLUMNS},
      array(
        select aa.person_id from article_authors aa
        where aa.article_id = a.id order by aa.position
      ) as author_ids
    from search_documents d join articles a on a.id = d.article_id
    where d.doc_id in (${sql.join(part.map((m) => m.key))})`.execute(db);
  return result.rows;
}

/** A match's document key (a safe integer: see DOC_KEY_SLOTS) and its ts_rank_cd for the query. */
export interface KeyRank {
  key: number;
  rank: number;
}

/** Best rank first; among equal ranks, the newest. */
function byRank(a: KeyRank, b: KeyRank): number {
  return b.rank - a.rank || b.key - a.key;
}

/**
 * Rows the first pass walks newest first, testing each against the query: a word in more than
 * two thirds of the articles is done there, and for any other the share that matched says how
 * far back the newest `candidates` matches reach.
 */
const WALK_ROWS = 1500;

/**
 * The keys of the newest `candidates` matches, newest first, each with its rank. Left to itself
 * the planner either walks the key backwards, testing every row until it has enough (cheap for
 * a common word, but 25,000 rows for a word or phrase in 4% of the articles), or reads every
 * match through the GIN index and sorts them (cheap for a rare word, thousands of scattered
 * pages for a common one): its estimates for phrases and words that occur together are far off.
 * So: walk the newest `walkRows` rows of the site; from the share that matched (in the
 * filter's sections, if any), estimate the key range that holds the rest, with a margin, and
 * search only that range, whose weeks the GIN index intersects with the words; if it falls
 * short, a range estimated again from what it found, a few times; then the older rest. The
 * ranges partition the keys in order, so the result is exactly the newest matches whatever
 * the estimates. `walkRows` is a parameter for the tests.
 */
export async function newestMatches(
  db: Kysely<Database>,
  query: SearchQuery,
  filter: SearchFilter,
  candidates: number,
  walkRows = WALK_ROWS,
): Promise<KeyRank[]> {
  const tsquery = tsqueryOf(query);
  // The walk tests the newest rows of the whole site, a section's or not: a section's own
  // newest rows are scattered (a page each), the site's are the few pages every search reads.
  const { sectionIds, ...range } = filter;
  const inSections = sectionIds ? sql`and d.section_id in (${sql.join(sectionIds)})` : sql``;
  // In two halves at once, on two connections: the second starts below the newest half.
  const half = Math.ceil(walkRows / 2);
  const [newer, older] = await Promise.all([
    walk(db, tsquery, inSections, range, 0, half),
    walk(db, tsquery, inSections, range, half, walkRows - half),
  ]);
  const keys = [...newer.hits, ...older.hits].slice(0, candidates);
  const seen = newer.seen + older.seen;
  const top = newer.top;
  const edge = older.seen > 0 ? older.edge : newer.edge;
  if (keys.length >= candidates || seen < walkRows || edge === null || top === null) return keys;
  let below = edge;
  // Matches per key so far: the walk's, then each range's as well (a range that came up short
  // held all of its matches, so it measured its own share exactly).
  let matched = keys.length;
  let spanned = Math.max(1, top - below);
  for (let step = 0; step < MAX_RANGES && matched > 0; step++) {
    // The keys needed at that rate, with a margin for chance (the fewer the matches, the
    // wider). Too wide reads rows for nothing; too narrow costs one more, smaller range.
    const need = candidates - keys.length;
    const margin = 1.1 + 1.5 / Math.sqrt(matched);
    const from = below - Math.ceil(((need * spanned) / matched) * margin);
    // Keys are safe integers (see DOC_KEY_SLOTS); a range reaching past the lowest is the rest,
    // and so is one of more weeks than its two statements' index scans intersect cheaply.
    if (from <= (filter.lowKey ?? Number.MIN_SAFE_INTEGER) || !fewWeeks(from, below, 2)) break;
    const found = await rangeMatches(db, tsquery, { ...filter, lowKey: from }, below, need);
    keys.push(...found);
    if (keys.length >= candidates) return keys;
    matched += found.length;
    spanned += below - from;
    below = from;
  }
  keys.push(...(await matchesBelow(db, tsquery, filter, below, candidates - keys.length)));
  return keys;
}

/** What part of the walk saw: how many rows, their lowest and highest keys, and the matches. */
interface Walked {
  seen: number;
  edge: number | null;
  top: number | null;
  hits: KeyRank[];
}

/**
 * Tests `take` rows newest first, after the newest `skip` (found by the key index alone), within
 * the range, against the query and the sections, and ranks the rows that match.
 */
async function walk(
  db: Kysely<Database>,
  tsquery: RawBuilder<unknown>,
  inSections: RawBuilder<unknown>,
  range: Omit<SearchFilter, "sectionIds">,
  skip: number,
  take: number,
): Promise<Walked> {
  if (take <= 0) return { seen: 0, edge: null, top: null, hits: [] };
  // The inner `d` shadows the outer one, so conditions() serves both.
  const below =
    skip === 0
      ? sql``
      : sql`and d.doc_id < (
          select d.doc_id from search_documents d where ${conditions(null, range, range.highKey)}
          order by d.doc_id desc offset ${skip - 1} limit 1)`;
  const walked = await sql<{
    seen: string;
    edge: string | null;
    top: string | null;
    hits: string[];
    ranks: number[];
  }>`
    select count(*) as seen, min(w.doc_id) as edge, max(w.doc_id) as top,
      coalesce(array_agg(w.doc_id order by w.doc_id desc) filter (where w.hit), '{}') as hits,
      coalesce(array_agg(w.rank order by w.doc_id desc) filter (where w.hit), '{}') as ranks
    from (
      select r.doc_id, r.hit, case when r.hit then ts_rank_cd(r.document, ${tsquery}) end as rank
      from (
        select d.doc_id, d.document, (d.document @@ ${tsquery} ${inSections}) as hit
        from search_documents d
        where ${conditions(null, range, range.highKey)} ${below}
        order by d.doc_id desc
        limit ${take}
      ) r
    ) w`.execute(db);
  const row = walked.rows[0];
  const ranks = row?.ranks ?? [];
  return {
    seen: Number(row?.seen ?? 0),
    edge: row?.edge == null ? null : Number(row.edge),
    top: row?.top == null ? null : Number(row.top),
    hits: (row?.hits ?? []).map((key, i) => ({ key: Number(key), rank: Number(ranks[i]) })),
  };
}

/** Ranges searched after the walk before the search takes the whole rest. */
const MAX_RANGES = 3;

/**
 * The newest `limit` matches in [filter.lowKey, below), its older and newer weeks searched at
 * once on two connections: a range is most of a search's time, and most of that is reading
 * its matches' rows, which two server processes do in about half the time.
 */
async function rangeMatches(
  db: Kysely<Database>,
  tsquery: RawBuilder<unknown>,
  filter: SearchFilter & { lowKey: number },
  below: number,
  limit: number,
): Promise<KeyRank[]> {
  const first = weekOf(filter.lowKey);
  const last = weekOf(below - 1);
  if (last === first) return matchesBelow(db, tsquery, filter, below, limit);
  // Split at a week's first key, so each half reads only its own weeks' entries and rows.
  const mid = weekStart(first + Math.ceil((last - first + 1) / 2));
  const [newer, older] = await Promise.all([
    matchesBelow(db, tsquery, { ...filter, lowKey: mid }, below, limit),
    matchesBelow(db, tsquery, filter, mid, limit),
  ]);
  return [...newer, ...older].slice(0, limit);
}

/**
 * The query as a tsquery. Quoted words and phrases: websearch_to_tsquery reads them literally,
 * never as operators, and never raises a syntax error.
 */
function tsqueryOf(query: SearchQuery): RawBuilder<unknown> {
  return sql`websearch_to_tsquery(${CONFIG}, ${quotedTerms(query)})`;
}

/**
 * The newest `limit` matches below the key `below` with their ranks, by the planner's choice of
 * plan (which needs current statistics: autovacuum keeps them; run ANALYZE after a bulk import).
 */
async function matchesBelow(
  db: Kysely<Database>,
  tsquery: RawBuilder<unknown>,
  filter: SearchFilter,
  below: number,
  limit: number,
): Promise<KeyRank[]> {
  // Only the newest `limit` matches are ranked, each found again by its tuple id within this
  // statement's snapshot (no index lookup). The documents stay out of the sort: 1,001 of them
  // are more than work_mem, and the sort spilled to disk.
  const rows = await sql<{ doc_id: string; rank: number }>`
    select m.doc_id, ts_rank_cd(r.document, ${tsquery}) as rank
    from (
      select d.ctid as tid, d.doc_id from search_documents d
      where ${conditions(tsquery, filter, below)}
      order by d.doc_id desc
      limit ${limit}
    ) m
    join search_documents r on r.ctid = m.tid
    order by m.doc_id desc`.execute(db);
  return rows.rows.map((r) => ({ key: Number(r.doc_id), rank: Number(r.rank) }));
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

/**
 * Width of a week in document keys: the search index's filter keys put each row in its week, so
 * a key range is a handful of index entries (see FILTER_KEYS).
 */
const WEEK_KEYS = 7 * 86_400_000 * DOC_KEY_SLOTS;
/**
 * Weeks one statement may span and still be searched by its weeks' index entries: reading them
 * costs about 45 ns per row the weeks hold, and more per row past some 60 weeks (50 weeks of
 * 1,000 rows each: 2.4 ms; 100 weeks: 10.9 ms), where reading all the word's matches is cheaper.
 */
const MAX_RANGE_WEEKS = 60;

/**
 * The row's filter keys, indexed with the document in one GIN index (migration 0009): its
 * section key and its week ("w" and the week's number). A section or a range of weeks is then
 * intersected with the words' matches inside the index, which skips the parts of a common
 * word's list that the filter rules out; ANDing a separate B-tree's bitmap with the word's
 * whole list cost 5–10 ms for a common word. The expression must be written exactly as the
 * index's, so the planner recognises it: a literal, not a parameter.
 */
export const FILTER_KEYS = sql.raw(`array[section_key, 'w' || (doc_id / ${WEEK_KEYS})::text]`);

/** The filter's conditions on `d`, keys below `below`, and the match when a query is given. */
function conditions(
  tsquery: RawBuilder<unknown> | null,
  filter: SearchFilter,
  below: number,
): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [];
  const low = filter.lowKey;
  if (tsquery && low !== undefined && fewWeeks(low, below)) {
    // The range's weeks narrow the index scan; the bounds themselves are tested on the rows
    // (written so no B-tree matches them: the planner would AND the key index's bitmap back in).
    // FILTER_KEYS is unqualified: every statement that filters reads `search_documents d` alone.
    parts.push(sql`${FILTER_KEYS} && array[${sql.join(weeksOf(low, below))}]::text[]`);
    parts.push(sql`d.doc_id + 0 < ${below}`, sql`d.doc_id + 0 >= ${low}`);
  } else {
    parts.push(sql`d.doc_id < ${below}`);
    if (low !== undefined) parts.push(sql`d.doc_id >= ${low}`);
  }
  if (tsquery) parts.push(sql`d.document @@ ${tsquery}`);
  if (filter.sectionIds) {
    parts.push(
      sql`${FILTER_KEYS} && array[${sql.join(filter.sectionIds.map(sectionKey))}]::text[]`,
    );
    // Two ids could share a key (it keeps only letters and digits): the ids decide.
    parts.push(sql`d.section_id in (${sql.join(filter.sectionIds)})`);
  }
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

/** Whether the keys in [low, below) span few enough weeks for the index to intersect them. */
function fewWeeks(low: number, below: number, statements = 1): boolean {
  return weekOf(below - 1) - weekOf(low) < MAX_RANGE_WEEKS * statements;
}

/** The week keys of the document keys in [low, below). */
function weeksOf(low: number, below: number): string[] {
  const weeks: string[] = [];
  for (let w = weekOf(low); w <= weekOf(below - 1); w++) weeks.push(`w${w}`);
  return weeks;
}

/** A key's week number as FILTER_KEYS computes it (PostgreSQL's integer division truncates). */
function weekOf(key: number): number {
  return Math.trunc(key / WEEK_KEYS);
}

/** The smallest key in week `week` (week 0 holds keys on both sides of zero, as truncation does). */
function weekStart(week: number): number {
  return week > 0 ? week * WEEK_KEYS : (week - 1) * WEEK_KEYS + 1;
}
