import { type RawBuilder, sql } from "kysely";
import { MARK_END, MARK_START, type SearchQuery } from "../../content/index.js";
import type { RankedMatch, SearchAdapter, SearchFilter } from "./adapter.js";

/**
 * bm25 weights of the FTS5 columns in their order: a match in the headline counts ten times one
 * in the body, the dek four times, a byline or section name twice.
 */
const WEIGHTS = sql.raw("10.0, 4.0, 2.0, 2.0, 1.0");
/** Words around the match in a body snippet (FTS5 allows at most 64). */
const SNIPPET_WORDS = 28;

/**
 * FTS5's MATCH syntax for a parsed query: every word and phrase a quoted string, joined by
 * (implicit) AND. The parser left only letters, digits and marks in words, so no quote or
 * operator from the reader can reach FTS5.
 */
export function fts5Match(query: SearchQuery): string {
  return query.terms.map((t) => `"${t.words.join(" ")}"`).join(" ");
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
        body text not null
      )`.execute(db);
    await sql`
      create virtual table search_fts using fts5(
        headline, dek, authors, section_name, body,
        content = 'search_documents', content_rowid = 'doc_id',
        tokenize = 'porter unicode61 remove_diacritics 2'
      )`.execute(db);
    const columns = sql.raw("headline, dek, authors, section_name, body");
    const values = (row: "new" | "old") =>
      sql.raw(
        ["headline", "dek", "authors", "section_name", "body"].map((c) => `${row}.${c}`).join(", "),
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

  async search(db, query, filter, { limit, offset, countCap }) {
    const match = fts5Match(query);
    const where = conditions(match, filter);
    // Rank first, with no auxiliary function but bm25: SQLite would otherwise build snippets
    // for every match before sorting. Snippets come after, for this page's rows only.
    const [ranked, counted] = await Promise.all([
      sql<{ doc_id: number; article_id: string }>`
        select d.doc_id, d.article_id
        from search_fts join search_documents d on d.doc_id = search_fts.rowid
        where ${where}
        order by bm25(search_fts, ${WEIGHTS}), d.published_at desc
        limit ${limit} offset ${offset}`.execute(db),
      sql<{ n: number }>`
        select count(*) as n from (
          select 1 from search_fts join search_documents d on d.doc_id = search_fts.rowid
          where ${where} limit ${countCap}
        )`.execute(db),
    ]);
    const total = Number(counted.rows[0]?.n ?? 0);
    if (ranked.rows.length === 0) return { matches: [], total };
    const docIds = ranked.rows.map((r) => r.doc_id);
    const texts = await sql<{ doc_id: number; headline: string; dek: string; body: string }>`
      select rowid as doc_id,
        highlight(search_fts, 0, ${MARK_START}, ${MARK_END}) as headline,
        highlight(search_fts, 1, ${MARK_START}, ${MARK_END}) as dek,
        snippet(search_fts, 4, ${MARK_START}, ${MARK_END}, '…', ${SNIPPET_WORDS}) as body
      from search_fts
      where search_fts match ${match} and rowid in (${sql.join(docIds)})`.execute(db);
    const byDoc = new Map(texts.rows.map((t) => [t.doc_id, t]));
    const matches: RankedMatch[] = ranked.rows.map((r) => {
      const t = byDoc.get(r.doc_id);
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

function conditions(match: string, filter: SearchFilter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [
    sql`search_fts match ${match}`,
    sql`d.published_at <= ${filter.now}`,
  ];
  if (filter.sectionIds) parts.push(sql`d.section_id in (${sql.join(filter.sectionIds)})`);
  if (filter.from) parts.push(sql`d.published_at >= ${filter.from}`);
  if (filter.to) parts.push(sql`d.published_at < ${filter.to}`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}
