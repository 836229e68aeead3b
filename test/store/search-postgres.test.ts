// PostgreSQL's own parts of search: the newest matches found in ranges (walk, estimated range,
// rest) must be exactly what one "newest first" query gives, and migration 0008's row layout.
import { randomUUID } from "node:crypto";
import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSearchQuery } from "../../src/content/index.js";
import { adapterFor } from "../../src/store/dialect/index.js";
import {
  createArticle,
  createPerson,
  createSection,
  migrateToLatest,
  type Store,
  searchArticles,
} from "../../src/store/index.js";
import { buildMigrations } from "../../src/store/migrations/index.js";
import type { SearchFilter } from "../../src/store/search/index.js";
import { newestMatches, TS_CONFIG } from "../../src/store/search/postgres.js";
import { DOC_KEY_SLOTS, docKeyFloor } from "../../src/store/search.js";
import { DATABASES } from "../helpers/databases.js";
import { personInput, published, sectionInput, seedBasics } from "../helpers/fixtures.js";

const postgres = DATABASES.find((db) => db.name === "postgres");
const hour = 3_600_000;
const paragraph = (text: string) => ({ type: "paragraph" as const, content: [{ text }] });

/** Article i's body: "alpha" in all, "beta" in a third, "gamma ray" in a few, "delta" in one. */
function bodyOf(i: number): string {
  const words = ["alpha"];
  if (i % 3 === 0) words.push("beta");
  if (i % 7 === 0) words.push(i % 2 === 0 ? "gamma ray" : "ray then gamma");
  if (i === 50) words.push("delta");
  return `${words.join(" and ")} were noted.`;
}

describe.skipIf(!postgres)("search on postgres: the newest matches, range by range", () => {
  let store: Store;
  let sectionIds: string[];
  const now = new Date();
  const highKey = docKeyFloor(now) + DOC_KEY_SLOTS;

  beforeAll(async () => {
    if (!postgres) return;
    store = await postgres.open();
    const basics = await seedBasics(store);
    const other = await createSection(store, sectionInput({ name: "Other desk" }));
    sectionIds = [basics.section.id, other.id];
    // A day and a quarter apart: 21 weeks, so ranges span several weeks and split in halves.
    for (let i = 0; i < 120; i++)
      await createArticle(
        store,
        basics.articleInput({
          ...published(new Date(now.getTime() - (i + 1) * 30 * hour)),
          headline: `Report ${i}`,
          sectionId: sectionIds[i % 2],
          body: [paragraph(bodyOf(i))],
        }),
      );
    // Around 1970, where keys turn negative: the week keys must agree with the key ranges.
    for (const at of ["1969-12-20T10:00:00Z", "1970-01-01T00:00:00.500Z", "1970-01-10T08:00:00Z"])
      await createArticle(
        store,
        basics.articleInput({
          ...published(new Date(at)),
          headline: `Epoch ${at}`,
          sectionId: sectionIds[0],
          body: [paragraph("epoch notes")],
        }),
      );
  }, 60_000);
  afterAll(() => store?.close());

  /** What one query over every key gives: the reference the ranges must reproduce. */
  async function reference(query: string, filter: SearchFilter, limit: number) {
    const terms = parseSearchQuery(query).terms.map((t) => `"${t.words.join(" ")}"`);
    const rows = await sql<{ doc_id: string }>`
      select doc_id from search_documents
      where document @@ websearch_to_tsquery(${sql.lit(TS_CONFIG)}, ${terms.join(" ")})
        and doc_id < ${filter.highKey}
        and doc_id >= ${filter.lowKey ?? Number.MIN_SAFE_INTEGER}
        and (${filter.sectionIds === undefined} or section_id in (${sql.join(filter.sectionIds ?? [""])}))
      order by doc_id desc limit ${limit}`.execute(store.db);
    return rows.rows.map((r) => Number(r.doc_id));
  }

  it("finds exactly the newest matches, whatever share of the walk matched", async () => {
    const filters: SearchFilter[] = [
      { highKey },
      { highKey, sectionIds: [sectionIds[1] ?? ""] },
      {
        highKey: docKeyFloor(new Date(now.getTime() - 100 * hour)),
        lowKey: docKeyFloor(new Date(now.getTime() - 2000 * hour)),
      },
      {
        highKey: docKeyFloor(new Date("1970-02-01T00:00:00Z")),
        lowKey: docKeyFloor(new Date("1969-12-01T00:00:00Z")),
      },
    ];
    const queries = [
      "alpha",
      "beta",
      "gamma",
      '"gamma ray"',
      "delta",
      "beta gamma",
      "zeta",
      "epoch",
    ];
    for (const query of queries)
      for (const filter of filters)
        for (const candidates of [3, 12, 1001])
          for (const walkRows of [2, 5, 20, 1500]) {
            const got = await newestMatches(
              store.db,
              parseSearchQuery(query),
              filter,
              candidates,
              walkRows,
            );
            const label = JSON.stringify({ query, filter, candidates, walkRows });
            expect(
              got.map((m) => m.key),
              label,
            ).toEqual(await reference(query, filter, candidates));
            // Ranked while matched: every match carries its ts_rank_cd.
            for (const m of got) expect(m.rank, label).toBeGreaterThan(0);
          }
  });

  it("ranks the candidates and pages through them with the count", async () => {
    const all = await searchArticles(store, { query: "beta", limit: 100, offset: 0, now });
    expect(all.total).toBe(40);
    const pages = [];
    for (let offset = 0; offset < 50; offset += 15)
      pages.push(...(await searchArticles(store, { query: "beta", limit: 15, offset, now })).items);
    expect(pages.map((h) => h.id)).toEqual(all.items.map((h) => h.id));
    const past = await searchArticles(store, { query: "beta", limit: 10, offset: 60, now });
    expect(past).toEqual({ items: [], total: 40, totalCapped: false });
  });
});

describe.skipIf(!postgres)("search on postgres: migrations 0008 and 0009", () => {
  it("keeps ids in the row, runs without parallel workers, indexes the filter keys, and finds what 0007 indexed", async () => {
    if (!postgres) return;
    const store = await postgres.open({ migrate: false });
    try {
      const migrator = new Migrator({
        db: store.db,
        provider: { getMigrations: async () => buildMigrations(adapterFor(store.dialect)) },
      });
      expect((await migrator.migrateTo("0006_comments")).error).toBeUndefined();
      // Only what the schema of then holds: today's createMedia writes 0014's description.
      const section = await createSection(store, sectionInput());
      const person = await createPerson(store, personInput());
      // Written as a row, as the store of then wrote it: today's createArticle writes columns
      // of later migrations (0011's kind). 0007 indexes it on the way up.
      const article = { id: randomUUID() };
      const at = published().publishedAt as string;
      await store.db
        .insertInto("articles")
        .values({
          id: article.id,
          slug: "heron-census",
          headline: "Heron census",
          dek: "",
          type: "news",
          section_id: section.id,
          status: "published",
          published_at: at,
          featured_image_id: null,
          body: "[]",
          comments_enabled: 1,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await store.db
        .insertInto("article_authors")
        .values({ article_id: article.id, person_id: person.id, position: 0 })
        .execute();
      await migrateToLatest(store);
      const layout = await sql<{ attname: string; attstorage: string }>`
        select attname, attstorage from pg_attribute
        where attrelid = 'search_documents'::regclass
          and attname in ('article_id', 'section_id', 'section_key')
        order by attname`.execute(store.db);
      expect(layout.rows).toEqual([
        { attname: "article_id", attstorage: "p" },
        { attname: "section_id", attstorage: "p" },
        { attname: "section_key", attstorage: "p" },
      ]);
      const options = await sql<{ reloptions: string[] }>`
        select reloptions from pg_class where oid = 'search_documents'::regclass`.execute(store.db);
      expect(options.rows[0]?.reloptions).toContain("parallel_workers=0");
      // 0009: one GIN index over the document and the filter keys replaces the two before.
      const indexes = await sql<{ indexname: string; indexdef: string }>`
        select indexname, indexdef from pg_indexes
        where tablename = 'search_documents' and indexname like 'search_documents_%'
        order by indexname`.execute(store.db);
      expect(indexes.rows.map((r) => r.indexname)).toEqual([
        "search_documents_article_id_key",
        "search_documents_pkey",
        "search_documents_terms",
      ]);
      expect(indexes.rows[2]?.indexdef).toMatch(/USING gin \(document, \(ARRAY\[section_key/);
      const found = await searchArticles(store, {
        query: "heron",
        sectionIds: [section.id],
        limit: 10,
        offset: 0,
      });
      expect(found.items.map((h) => h.id)).toEqual([article.id]);
    } finally {
      await store.close();
    }
  });
});
