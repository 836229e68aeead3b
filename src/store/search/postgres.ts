import { type RawBuilder, sql } from "kysely";
import { MARK_END, MARK_START, quotedTerms } from "../../content/index.js";
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
    // Quoted words and phrases: websearch_to_tsquery reads them literally, never as operators,
    // and never raises a syntax error.
    const tsquery = sql`websearch_to_tsquery(${CONFIG}, ${quotedTerms(query)})`;
    // The planner walks the primary key backwards (newest first) for a common word and stops
    // after `candidates`, or takes the GIN index for a rare one: both need current statistics,
    // which autovacuum keeps (run ANALYZE after a bulk import).
    const newest = sql`
      select d.doc_id
      from search_documents d
      where ${conditions(tsquery, filter)}
      order by d.doc_id desc
      limit ${candidates}`;
    // One pass: the window count is taken over every candidate before the page is cut. Only
    // the keys go through the sort; the candidates' documents are read once, to rank them.
    const ranked = await sql<{ doc_id: string; article_id: string; n: string }>`
      with candidates as (${newest})
      select d.doc_id, d.article_id, count(*) over () as n
      from candidates c join search_documents d on d.doc_id = c.doc_id
      order by ts_rank_cd(d.document, ${tsquery}) desc, d.doc_id desc
      limit ${limit} offset ${offset}`.execute(db);
    let total = Number(ranked.rows[0]?.n ?? 0);
    if (ranked.rows.length === 0) {
      if (offset > 0) {
        const counted = await sql<{ n: string }>`
          select count(*) as n from (${newest}) c`.execute(db);
        total = Number(counted.rows[0]?.n ?? 0);
      }
      return { matches: [], total };
    }
    // ts_headline re-parses the text, so it runs for this page's rows only.
    const texts = await sql<{ doc_id: string; headline: string; dek: string; body: string }>`
      select d.doc_id,
        ts_headline(${CONFIG}, ${untagged("d.headline")}, q, ${HEADLINE_ALL}) as headline,
        ts_headline(${CONFIG}, ${untagged("d.dek")}, q, ${HEADLINE_ALL}) as dek,
        ts_headline(${CONFIG}, ${untagged("d.body")}, q, ${BODY_EXCERPT}) as body
      from search_documents d, ${tsquery} q
      where d.doc_id in (${sql.join(ranked.rows.map((r) => r.doc_id))})`.execute(db);
    const byDoc = new Map(texts.rows.map((t) => [String(t.doc_id), t]));
    const matches: RankedMatch[] = ranked.rows.map((r) => {
      const t = byDoc.get(String(r.doc_id));
      return {
        articleId: r.article_id,
        headline: t?.headline ?? "",
        dek: t?.dek ?? "",
        body: t?.body ?? "",
      };
    });
    return { matches, total };
  },
};

/**
 * PostgreSQL's parser reads "<…>" as an HTML tag and skips it, and skips everything between
 * <script> and </script>: an article that writes about markup would lose those words. Angle
 * brackets become their typographic lookalikes (‹ ›) before parsing, in the index and in
 * snippets alike, so every word is indexed and highlighted.
 */
function untagged(column: string): RawBuilder<string> {
  return sql<string>`translate(${sql.raw(column)}, '<>', '‹›')`;
}

function conditions(tsquery: RawBuilder<unknown>, filter: SearchFilter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [
    sql`d.document @@ ${tsquery}`,
    sql`d.doc_id < ${filter.highKey}`,
  ];
  if (filter.lowKey !== undefined) parts.push(sql`d.doc_id >= ${filter.lowKey}`);
  if (filter.sectionIds) parts.push(sql`d.section_id in (${sql.join(filter.sectionIds)})`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}
