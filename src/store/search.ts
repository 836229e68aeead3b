// Full-text search over public articles: the index rows (written here, one Kysely code path for
// both databases) and the search itself (ranked and highlighted by the database's adapter in
// ./search/). Every write that changes what an article's index row holds calls
// `reindexArticles` in its own transaction, so the index never disagrees with the articles.
import type { Kysely } from "kysely";
import { MastheadError } from "../content/errors.js";
import {
  type ArticleType,
  articlePlainText,
  type Block,
  ContentInvalidError,
  type MarkedRun,
  parseSearchQuery,
  type SearchQuery,
  searchableText,
  splitMarked,
} from "../content/index.js";
import { chunks, toIso } from "./columns.js";
import { adapterFor } from "./dialect/index.js";
import type { Database } from "./schema.js";
import { DOC_KEY_SLOTS, docKeyFloor, searchAdapterFor, sectionKey } from "./search/index.js";

export { DOC_KEY_SLOTS, docKeyFloor };

import { inTransaction, type Store } from "./store.js";

/**
 * Matches a search ranks and counts at most: the newest ones. Past this a search reports "more
 * than" this many; ranking every match of a common word would cost time in proportion to the
 * archive, and readers of news rarely want the 1,001st-best article about it.
 */
export const SEARCH_COUNT_CAP = 1000;

/** What to search for and which page of the results. */
export interface SearchOptions {
  /** What the reader typed, or a query parsed already. */
  query: string | SearchQuery;
  /** Only articles in these sections (pass a section and its subsections). */
  sectionIds?: readonly string[];
  /** Published at or after this moment. */
  from?: Date;
  /** Published before this moment. */
  to?: Date;
  limit: number;
  offset: number;
  /** The moment "public" is judged at; defaults to the current time. */
  now?: Date;
}

/** One result: what a results list shows of the article, and its text with the matches marked. */
export interface SearchHit {
  id: string;
  slug: string;
  headline: string;
  dek: string;
  type: ArticleType;
  sectionId: string;
  publishedAt: string;
  authorIds: string[];
  /** The headline with matched words marked. */
  headlineRuns: MarkedRun[];
  /** An excerpt of the body (or the dek, when only it matched) with matched words marked. */
  snippet: MarkedRun[];
}

/** A page of results and how many there are in all, up to SEARCH_COUNT_CAP. */
export interface SearchResults {
  items: SearchHit[];
  total: number;
  /** There are more than `total` matches (the count stopped at SEARCH_COUNT_CAP). */
  totalCapped: boolean;
}

/**
 * Searches the public articles: ranked best first (headline matches above dek, byline and
 * section, above body), with highlighted snippets. A query with no searchable words finds
 * nothing; no input makes it throw but bad paging (ContentInvalidError).
 * @example const { items, total } = await searchArticles(store, { query: '"land strikes"', limit: 10, offset: 0 });
 */
export async function searchArticles(store: Store, opts: SearchOptions): Promise<SearchResults> {
  checkPage(opts);
  const query = typeof opts.query === "string" ? parseSearchQuery(opts.query) : opts.query;
  const none: SearchResults = { items: [], total: 0, totalCapped: false };
  if (query.terms.length === 0 || opts.sectionIds?.length === 0) return none;
  // Public means published at or before now: keys below the next millisecond's floor.
  const now = (opts.now ?? new Date()).getTime();
  const highKey = Math.min(
    docKeyFloor(new Date(now)) + DOC_KEY_SLOTS,
    opts.to ? docKeyFloor(opts.to) : Number.POSITIVE_INFINITY,
  );
  const { matches, total } = await searchAdapterFor(store.dialect).search(
    store.db,
    query,
    {
      highKey,
      lowKey: opts.from ? docKeyFloor(opts.from) : undefined,
      sectionIds: opts.sectionIds,
    },
    { limit: opts.limit, offset: opts.offset, candidates: SEARCH_COUNT_CAP + 1 },
  );
  const items = matches.map(({ article, ...marked }): SearchHit => {
    const body = splitMarked(marked.body);
    const dek = splitMarked(marked.dek);
    const bodyMatched = body.some((r) => r.marked);
    const dekMatched = dek.some((r) => r.marked);
    return {
      ...article,
      type: article.type as ArticleType,
      headlineRuns: marked.headline
        ? splitMarked(marked.headline)
        : [{ text: article.headline, marked: false }],
      snippet: !bodyMatched && (dekMatched || body.length === 0) ? dek : body,
    };
  });
  const totalCapped = total > SEARCH_COUNT_CAP;
  return { items, total: Math.min(total, SEARCH_COUNT_CAP), totalCapped };
}

/**
 * Brings the index rows of these articles in line with the articles: a published article gets
 * its current headline, dek, body text, byline and section name; any other (or a missing one)
 * leaves the index. Joins the caller's transaction, as every write path calls it inside its own.
 */
export async function reindexArticles(store: Store, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await inTransaction(store, async (trx) => {
    for (const batch of chunks([...new Set(ids)], 200)) await reindexBatch(store, trx, batch);
  });
}

/** Reindexes the published articles that name this person in their byline (after a rename). */
export async function reindexArticlesByPerson(store: Store, personId: string): Promise<void> {
  const rows = await store.db
    .selectFrom("article_authors")
    .innerJoin("search_documents", "search_documents.article_id", "article_authors.article_id")
    .select("article_authors.article_id as id")
    .where("article_authors.person_id", "=", personId)
    .execute();
  await reindexArticles(
    store,
    rows.map((r) => r.id),
  );
}

/** Reindexes the published articles in this section (after a rename). */
export async function reindexArticlesBySection(store: Store, sectionId: string): Promise<void> {
  const rows = await store.db
    .selectFrom("search_documents")
    .select("article_id as id")
    .where("section_id", "=", sectionId)
    .execute();
  await reindexArticles(
    store,
    rows.map((r) => r.id),
  );
}

/**
 * Indexes every published article (a database upgraded to the search migration, or a rebuild)
 * and returns how many it indexed. Joins the caller's transaction (the migration's).
 */
export async function reindexAllArticles(store: Store): Promise<number> {
  const rows = await store.db
    .selectFrom("articles")
    .select("id")
    .where("status", "=", "published")
    .orderBy("published_at")
    .orderBy("id")
    .execute();
  await reindexArticles(
    store,
    rows.map((r) => r.id),
  );
  return rows.length;
}

async function reindexBatch(store: Store, trx: Kysely<Database>, ids: string[]): Promise<void> {
  await trx.deleteFrom("search_documents").where("article_id", "in", ids).execute();
  const articles = await trx
    .selectFrom("articles")
    .innerJoin("sections", "sections.id", "articles.section_id")
    .select([
      "articles.id",
      "articles.headline",
      "articles.dek",
      "articles.body",
      "articles.section_id",
      "articles.published_at",
      "sections.name as section_name",
    ])
    .where("articles.id", "in", ids)
    .where("articles.status", "=", "published")
    .where("articles.published_at", "is not", null)
    // The inner join on sections keeps only rows with a section, which leaves pages out (they
    // have none; see kindIssues): results link to /articles/<slug>. Not a filter on `kind`,
    // because migrations before 0011 (which adds it) call this too.
    .$narrowType<{ section_id: string }>()
    .execute();
  if (articles.length === 0) return;
  const bylines = await trx
    .selectFrom("article_authors")
    .innerJoin("people", "people.id", "article_authors.person_id")
    .select(["article_authors.article_id", "people.name"])
    .where(
      "article_authors.article_id",
      "in",
      articles.map((a) => a.id),
    )
    .orderBy("article_authors.position")
    .execute();
  const adapter = adapterFor(store.dialect);
  const floors = articles.map((a) => docKeyFloor(toIso(a.published_at ?? "")));
  const taken = new Set(
    (
      await trx
        .selectFrom("search_documents")
        .select("doc_id")
        // Each article's own slot range: a batch may span years (a renamed author's articles).
        .where((eb) =>
          eb.or(
            [...new Set(floors)].map((f) =>
              eb.and([eb("doc_id", ">=", f), eb("doc_id", "<", f + DOC_KEY_SLOTS)]),
            ),
          ),
        )
        .execute()
    ).map((r) => Number(r.doc_id)),
  );
  const keys = articles.map((a, i) => {
    const floor = floors[i] ?? 0;
    let key = floor;
    while (taken.has(key)) key += 1;
    if (key >= floor + DOC_KEY_SLOTS)
      throw new MastheadError(
        "MH_CONFLICT",
        `more than ${DOC_KEY_SLOTS} articles share the publication time ${toIso(a.published_at ?? "")}; ` +
          "give this one a different publishedAt (a millisecond apart is enough)",
      );
    taken.add(key);
    return key;
  });
  await trx
    .insertInto("search_documents")
    .values(
      articles.map((a, i) => ({
        doc_id: keys[i] ?? 0,
        article_id: a.id,
        section_id: a.section_id,
        published_at: toIso(a.published_at ?? ""),
        headline: searchableText(a.headline),
        dek: searchableText(a.dek),
        authors: searchableText(
          bylines
            .filter((b) => b.article_id === a.id)
            .map((b) => b.name)
            .join(", "),
        ),
        section_name: searchableText(a.section_name),
        section_key: sectionKey(a.section_id),
        body: searchableText(articlePlainText(adapter.readJson(a.body) as Block[])),
      })),
    )
    .execute();
}

function checkPage({ limit, offset }: SearchOptions): void {
  const issues = [];
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    issues.push({ path: "limit", message: "must be a whole number from 1 to 100" });
  if (!Number.isInteger(offset) || offset < 0)
    issues.push({ path: "offset", message: "must be a whole number, 0 or more" });
  if (issues.length > 0) throw new ContentInvalidError("search options", issues);
}
