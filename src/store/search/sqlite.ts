import { type RawBuilder, sql } from "kysely";
import { MARK_END, MARK_START, quotedTerms, type SearchQuery } from "../../content/index.js";
import {
  ARTICLE_COLUMNS,
  type RankedMatch,
  rankedMatch,
  type SearchAdapter,
  type SearchFilter,
  type SnippetRow,
  sectionKey,
} from "./adapter.js";

/**
 * bm25 weights of the FTS5 columns in their order: a match in the headline counts ten times one
 * in the body, the dek four times, a byline or section name twice; the section key (a filter,
 * not text) not at all.
 */
const WEIGHTS = sql.raw("10.0, 4.0, 2.0, 2.0, 1.0, 0.0");
/** Words around the match in a body snippet (FTS5 allows at most 64). */
const SNIPPET_WORDS = 28;

/**
 * FTS5's MATCH syntax for a parsed query: every word and phrase a quoted string, joined by
 * (implicit) AND. The parser left only letters, digits and marks in words, so no quote or
 * operator from the reader can reach FTS5.
 */
export function fts5Match(query: SearchQuery, sectionIds?: readonly string[]): string {
  const terms = quotedTerms(query);
  if (!sectionIds) return terms;
  // The section filter is a match on the key column, so FTS5 intersects doclists instead of
  // the database joining every match to its row.
  const sections = sectionIds.map((id) => `section_key : "${sectionKey(id)}"`).join(" OR ");
  return `${terms} AND (${sections})`;
}

export const sqliteSearch: SearchAdapter = {
  async createIndex(db) {
    // The FTS5 table reads its text from search_documents (external content) so the text is
    // stored once; the triggers keep the two in step, whatever statement changes the rows
    // (including the cascade when an article is deleted).
    await sql`
      create table search_documents (
        doc_id integer primary key,
        article_id text not null unique references articles(id) on delete cascade,
        section_id text not null,
        published_at text not null,
        headline text not null,
        dek text not null,
        authors text not null,
        section_name text not null,
        body text not null,
        section_key text not null
      )`.execute(db);
    await sql`
      create virtual table search_fts using fts5(
        headline, dek, authors, section_name, body, section_key,
        content = 'search_documents', content_rowid = 'doc_id',
        tokenize = 'porter unicode61 remove_diacritics 2'
      )`.execute(db);
    const columns = sql.raw("headline, dek, authors, section_name, body, section_key");
    const values = (row: "new" | "old") =>
      sql.raw(
        ["headline", "dek", "authors", "section_name", "body", "section_key"]
          .map((c) => `${row}.${c}`)
          .join(", "),
      );
    await sql`
      create trigger search_documents_ai after insert on search_documents begin
        insert into search_fts (rowid, ${columns}) values (new.doc_id, ${values("new")});
      end`.execute(db);
    await sql`
      create trigger search_documents_ad after delete on search_documents begin
        insert into search_fts (search_fts, rowid, ${columns})
          values ('delete', old.doc_id, ${values("old")});
      end`.execute(db);
    await sql`
      create trigger search_documents_au after update on search_documents begin
        insert into search_fts (search_fts, rowid, ${columns})
          values ('delete', old.doc_id, ${values("old")});
        insert into search_fts (rowid, ${columns}) values (new.doc_id, ${values("new")});
      end`.execute(db);
  },

  async search(db, query, filter, { limit, offset, candidates }) {
    const match = fts5Match(query, filter.sectionIds);
    // The newest matches: FTS5 walks its doclists in rowid (= publication) order and stops
    // after `candidates`, so a word in every article is ranked over that many rows, not all.
    const newest = sql`
      select search_fts.rowid as id
      from search_fts
      where ${conditions(match, filter)}
      order by search_fts.rowid desc
      limit ${candidates}`;
    const counted = await sql<{ n: number; low: number | null }>`
      with candidates as (${newest}) select count(*) as n, min(id) as low from candidates`.execute(
      db,
    );
    const total = Number(counted.rows[0]?.n ?? 0);
    const low = counted.rows[0]?.low;
    if (total === 0 || low === null || low === undefined) return { matches: [], total };
    // bm25 only over the candidates' key range, with no snippet yet: SQLite would otherwise
    // build snippets for every row before sorting.
    const ranked = await sql<{ doc_id: number }>`
      select search_fts.rowid as doc_id
      from search_fts
      where ${conditions(match, { ...filter, lowKey: low })}
      order by bm25(search_fts, ${WEIGHTS}), search_fts.rowid desc
      limit ${limit} offset ${offset}`.execute(db);
    if (ranked.rows.length === 0) return { matches: [], total };
    const docIds = ranked.rows.map((r) => r.doc_id);
    const texts = await sql<SnippetRow & { doc_id: number; author_ids: string }>`
      select search_fts.rowid as doc_id,
        highlight(search_fts, 0, ${MARK_START}, ${MARK_END}) as marked_headline,
        highlight(search_fts, 1, ${MARK_START}, ${MARK_END}) as marked_dek,
        snippet(search_fts, 4, ${MARK_START}, ${MARK_END}, '…', ${SNIPPET_WORDS}) as marked_body,
        ${ARTICLE_COLUMNS},
        (
          select json_group_array(aa.person_id order by aa.position) from article_authors aa
          where aa.article_id = a.id
        ) as author_ids
      from search_fts
        join search_documents d on d.doc_id = search_fts.rowid
        join articles a on a.id = d.article_id
      where search_fts match ${match} and search_fts.rowid in (${sql.join(docIds)})`.execute(db);
    const byDoc = new Map(texts.rows.map((t) => [t.doc_id, t]));
    const matches = ranked.rows.flatMap((r): RankedMatch[] => {
      const t = byDoc.get(r.doc_id);
      const match = t && rankedMatch(t, JSON.parse(t.author_ids) as string[]);
      return match ? [match] : [];
    });
    return { matches, total };
  },
};

/** The MATCH and the key range: FTS5 applies both while it walks its doclists. */
function conditions(match: string, filter: SearchFilter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [
    sql`search_fts match ${match}`,
    sql`search_fts.rowid < ${filter.highKey}`,
  ];
  if (filter.lowKey !== undefined) parts.push(sql`search_fts.rowid >= ${filter.lowKey}`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}
