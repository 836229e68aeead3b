import { Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArticleInput, MarkedRun } from "../../src/content/index.js";
import { adapterFor } from "../../src/store/dialect/index.js";
import {
  createArticle,
  createDraft,
  createPerson,
  createSection,
  deleteArticle,
  migrateToLatest,
  publishDueArticles,
  type Store,
  saveArticle,
  searchArticles,
  transitionArticle,
  updatePerson,
  updateSection,
} from "../../src/store/index.js";
import { buildMigrations } from "../../src/store/migrations/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import {
  type Basics,
  personInput,
  published,
  sectionInput,
  seedBasics,
  uniqueSlug,
} from "../helpers/fixtures.js";

const actor = { userId: "u1", name: "Ed Itor" };
const page = { limit: 10, offset: 0 };

const paragraph = (text: string) => ({ type: "paragraph" as const, content: [{ text }] });
const marked = (runs: readonly MarkedRun[]) => runs.filter((r) => r.marked).map((r) => r.text);
const slugsOf = async (store: Store, query: string, extra: object = {}) =>
  (await searchArticles(store, { query, ...page, ...extra })).items.map((h) => h.slug);

/** Absurd things typed into a search box; none may throw. */
const ABSURD = [
  "x".repeat(10_000),
  "harbour ".repeat(2_000),
  "AND OR NOT NEAR ( ) * ^ : - + { } [ ]",
  '"""',
  '"harbour',
  "harbour\u0000\u0000budget",
  "\u0000",
  "🚢⚓️🌊",
  "NEAR(harbour budget, 2)",
  "headline:harbour",
  "harbour*",
  "'; drop table articles; --",
  '\\\\ \\" %_ $1 ?',
  "\uE000harbour\uE001",
  "   ",
  "",
];

for (const db of DATABASES)
  describe(`search on ${db.name}`, () => {
    describe("a small newsroom's published articles", () => {
      let store: Store;
      let basics: Basics;
      let sportsId: string;
      const hour = 3_600_000;
      beforeAll(async () => {
        store = await db.open();
        basics = await seedBasics(store);
        const sports = await createSection(store, sectionInput({ name: "Sports desk" }));
        sportsId = sports.id;
        const add = (
          slug: string,
          input: Partial<ArticleInput>,
          at = new Date(Date.now() - hour),
        ) => createArticle(store, basics.articleInput({ slug, ...published(at), ...input }));
        await add("headline-match", {
          headline: "Harbour budget approved",
          dek: "The vote was close.",
          body: [paragraph("The council met on Tuesday evening.")],
        });
        await add("body-match", {
          headline: "Council meets on Tuesday",
          dek: "A long evening.",
          body: [
            paragraph(
              "Among many other items, the members also talked briefly about the harbour and its " +
                "ageing cranes, before moving on to parking fees and the library opening hours.",
            ),
          ],
        });
        await add("phrase", {
          headline: "Cartels warned",
          body: [paragraph("The president signalled imminent land strikes against the cartels.")],
        });
        await add("words-apart", {
          headline: "Farmers strike",
          body: [paragraph("On their land, farmers went on strikes over prices.")],
        });
        await add(
          "sports-story",
          { headline: "Lighthouse derby ends in a draw", sectionId: sports.id },
          new Date("2024-03-10T12:00:00Z"),
        );
        await add(
          "old-lighthouse",
          { headline: "Lighthouse keeper retires", body: [paragraph("After forty years.")] },
          new Date("2023-06-01T12:00:00Z"),
        );
        await add(
          "hostile",
          { headline: "Tags <script>alert(1)</script> & \uE000marks\uE001 in text" },
          new Date("2023-01-01T12:00:00Z"),
        );
        // Long bodies: the snippet shows the match wherever it is.
        const filler = "Rain fell gently over the quiet valley all afternoon. ".repeat(25);
        await add("long-body", {
          headline: "A week in the valley",
          body: [paragraph(filler), paragraph(`Then the orchestra rehearsed. ${filler}`)],
        });
        await add("decoy-start", {
          headline: "Market day",
          body: [
            paragraph(`Artistic posters hung early. ${filler}`),
            paragraph("Artisans sold bread."),
          ],
        });
        await createArticle(
          store,
          basics.articleInput({ slug: "draft-harbour", headline: "Harbour draft" }),
        );
        await add(
          "future-harbour",
          { headline: "Harbour future" },
          new Date(Date.now() + 24 * hour),
        );
      });
      afterAll(() => store.close());

      it("ranks a headline match above a body-only match", async () => {
        expect(await slugsOf(store, "harbour")).toEqual(["headline-match", "body-match"]);
      });

      it("finds only public articles: no drafts, nothing dated in the future", async () => {
        const slugs = await slugsOf(store, "harbour");
        expect(slugs).not.toContain("draft-harbour");
        expect(slugs).not.toContain("future-harbour");
      });

      it("highlights the matched words in the snippet and headline, stemmed", async () => {
        const [hit] = (await searchArticles(store, { query: "cranes", ...page })).items;
        expect(hit?.slug).toBe("body-match");
        expect(marked(hit?.snippet ?? [])).toEqual(["cranes"]);
        expect(hit?.snippet.map((r) => r.text).join("")).toContain("ageing cranes");
        const [head] = (await searchArticles(store, { query: "approve", ...page })).items;
        expect(marked(head?.headlineRuns ?? [])).toEqual(["approved"]);
      });

      it("marks the match in a long body, wherever it is", async () => {
        const [deep] = (await searchArticles(store, { query: "orchestra", ...page })).items;
        expect(deep?.slug).toBe("long-body");
        expect(marked(deep?.snippet ?? [])).toEqual(["orchestra"]);
        // The first place the word's start occurs ("Artis…tic") is not a match: still marked.
        const [decoy] = (await searchArticles(store, { query: "artisans", ...page })).items;
        expect(decoy?.slug).toBe("decoy-start");
        expect(marked(decoy?.snippet ?? [])).toEqual(["Artisans"]);
      });

      it("matches a quoted phrase only with its words in order", async () => {
        expect(await slugsOf(store, '"land strikes"')).toEqual(["phrase"]);
        expect((await slugsOf(store, "land strikes")).sort()).toEqual(["phrase", "words-apart"]);
      });

      it("filters by section and by publication date", async () => {
        expect((await slugsOf(store, "lighthouse")).sort()).toEqual([
          "old-lighthouse",
          "sports-story",
        ]);
        expect(await slugsOf(store, "lighthouse", { sectionIds: [sportsId] })).toEqual([
          "sports-story",
        ]);
        expect(
          await slugsOf(store, "lighthouse", {
            from: new Date("2024-01-01T00:00:00Z"),
            to: new Date("2025-01-01T00:00:00Z"),
          }),
        ).toEqual(["sports-story"]);
        expect(
          await slugsOf(store, "lighthouse", { to: new Date("2024-01-01T00:00:00Z") }),
        ).toEqual(["old-lighthouse"]);
      });

      it("searches bylines and section names", async () => {
        expect(await slugsOf(store, "sports desk")).toEqual(["sports-story"]);
        expect((await slugsOf(store, "ada reporter")).length).toBeGreaterThanOrEqual(7);
      });

      it("pages through results with a total", async () => {
        const first = await searchArticles(store, { query: "ada", limit: 3, offset: 0 });
        const second = await searchArticles(store, { query: "ada", limit: 3, offset: 3 });
        expect(first.total).toBe(9);
        expect(second.total).toBe(9);
        const all = [...first.items, ...second.items].map((h) => h.slug);
        expect(new Set(all).size).toBe(6);
      });

      it("keeps snippet marks its own: marks typed into an article are not in the index", async () => {
        const [hit] = (await searchArticles(store, { query: "alert", ...page })).items;
        expect(hit?.slug).toBe("hostile");
        expect(hit?.headline).toContain("<script>");
        expect(marked(hit?.headlineRuns ?? [])).toEqual(["alert"]);
      });

      it("gives each hit its article as it is now, with the byline in order", async () => {
        const first = await createPerson(store, personInput({ name: "Brigid Columnist" }));
        const second = await createPerson(store, personInput({ name: "Cato Photographer" }));
        const at = new Date("2022-05-04T09:30:00.000Z");
        const article = await createArticle(
          store,
          basics.articleInput({
            ...published(at),
            slug: "zeppelin-review",
            type: "analysis",
            headline: "Zeppelin hangar reopens",
            dek: "A review of the restored hangar.",
            authorIds: [second.id, first.id],
          }),
        );
        const [hit] = (await searchArticles(store, { query: "zeppelin", ...page })).items;
        expect(hit).toMatchObject({
          id: article.id,
          slug: "zeppelin-review",
          type: "analysis",
          headline: "Zeppelin hangar reopens",
          dek: "A review of the restored hangar.",
          sectionId: basics.section.id,
          publishedAt: at.toISOString(),
          authorIds: [second.id, first.id],
        });
        expect(marked(hit?.headlineRuns ?? [])).toEqual(["Zeppelin"]);
      });

      it("answers absurd queries with an empty or sensible result, never an error", async () => {
        for (const query of ABSURD) {
          const result = await searchArticles(store, { query, ...page });
          expect(Array.isArray(result.items), JSON.stringify(query.slice(0, 40))).toBe(true);
        }
        expect(await slugsOf(store, '"harbour')).toEqual(["headline-match", "body-match"]);
        expect(await slugsOf(store, "harbour\u0000budget")).toEqual(["headline-match"]);
        expect(await slugsOf(store, "🚢⚓️🌊")).toEqual([]);
      });
    });

    describe("stays in step with the newsroom's writes", () => {
      const store = useFreshStore(db);

      it("publishing adds, editing updates, unpublishing and deleting remove a result", async () => {
        const basics = await seedBasics(store());
        const {
          status: _s,
          publishedAt: _p,
          ...edit
        } = basics.articleInput({
          headline: "Ferry timetable changes",
        });
        const { article } = await createDraft(store(), edit, actor);
        expect(await slugsOf(store(), "ferry")).toEqual([]);
        await transitionArticle(store(), article.id, {
          to: "published",
          expectedVersion: 1,
          actor,
        });
        expect(await slugsOf(store(), "ferry")).toEqual([article.slug]);
        await saveArticle(
          store(),
          article.id,
          { ...edit, headline: "Tram timetable changes" },
          {
            expectedVersion: 2,
            actor,
          },
        );
        expect(await slugsOf(store(), "ferry")).toEqual([]);
        expect(await slugsOf(store(), "tram")).toEqual([article.slug]);
        await transitionArticle(store(), article.id, {
          to: "unpublished",
          expectedVersion: 3,
          actor,
        });
        expect(await slugsOf(store(), "tram")).toEqual([]);
        await transitionArticle(store(), article.id, {
          to: "published",
          expectedVersion: 4,
          actor,
        });
        expect(await slugsOf(store(), "tram")).toEqual([article.slug]);
        await deleteArticle(store(), article.id);
        expect(await slugsOf(store(), "tram")).toEqual([]);
      });

      it("scheduled publishing makes an article findable when its time comes", async () => {
        const basics = await seedBasics(store());
        const {
          status: _s,
          publishedAt: _p,
          ...edit
        } = basics.articleInput({ headline: "Eclipse tonight" });
        const { article } = await createDraft(store(), edit, actor);
        const at = new Date(Date.now() + 60_000);
        await transitionArticle(store(), article.id, {
          to: "scheduled",
          publishedAt: at.toISOString(),
          expectedVersion: 1,
          actor,
        });
        const later = new Date(at.getTime() + 1000);
        expect(await slugsOf(store(), "eclipse", { now: later })).toEqual([]);
        await publishDueArticles(store(), later);
        expect(await slugsOf(store(), "eclipse", { now: later })).toEqual([article.slug]);
      });

      it("indexes articles published in the same millisecond, or dated far in the future", async () => {
        const basics = await seedBasics(store());
        const at = new Date("2025-05-05T05:05:05.005Z");
        const slugs: string[] = [];
        for (let i = 0; i < 3; i++)
          slugs.push(
            (
              await createArticle(
                store(),
                basics.articleInput({ ...published(at), headline: "Twin harbour" }),
              )
            ).slug,
          );
        const far = await createArticle(
          store(),
          basics.articleInput({
            ...published(new Date("2999-01-01T00:00:00Z")),
            headline: "Twin harbour",
          }),
        );
        expect((await slugsOf(store(), "twin")).sort()).toEqual(slugs.sort());
        expect(await slugsOf(store(), "twin", { now: new Date("3000-01-01T00:00:00Z") })).toContain(
          far.slug,
        );
      });

      it("renaming an author or a section reindexes their articles", async () => {
        const basics = await seedBasics(store());
        const article = await createArticle(store(), basics.articleInput(published()));
        await updatePerson(
          store(),
          basics.person.id,
          personInput({ slug: basics.person.slug, name: "Zelda Quill" }),
        );
        expect(await slugsOf(store(), "zelda quill")).toEqual([article.slug]);
        await updateSection(store(), basics.section.id, {
          slug: basics.section.slug,
          name: "Waterfront",
        });
        expect(await slugsOf(store(), "waterfront")).toEqual([article.slug]);
        expect(await slugsOf(store(), "ada")).toEqual([]);
        await updateSection(store(), basics.section.id, {
          slug: basics.section.slug,
          name: "Boardwalk",
        });
        expect(await slugsOf(store(), "waterfront")).toEqual([]);
        expect(await slugsOf(store(), "boardwalk")).toEqual([article.slug]);
      });
    });

    it("an upgraded database finds the articles published before the search migration", async () => {
      const store = await db.open({ migrate: false });
      try {
        const migrations = buildMigrations(adapterFor(store.dialect));
        const migrator = new Migrator({
          db: store.db,
          provider: { getMigrations: async () => migrations },
        });
        const { error } = await migrator.migrateTo("0006_comments");
        expect(error).toBeUndefined();
        // Only what the schema of then holds: today's createMedia and createArticle write
        // columns of later migrations.
        const section = await createSection(store, sectionInput());
        // Written as the store did before search existed: straight into the table.
        const before = { slug: uniqueSlug("article"), headline: "Pelican census", ...published() };
        await store.db
          .insertInto("articles")
          .values({
            id: "a-before",
            slug: before.slug,
            headline: before.headline,
            dek: "",
            type: "news",
            section_id: section.id,
            status: "published",
            published_at: before.publishedAt ?? "",
            featured_image_id: null,
            body: JSON.stringify([paragraph("Counted at dawn.")]),
            comments_enabled: 1,
            created_at: new Date().toISOString(),
            updated_at: new Date().toISOString(),
          })
          .execute();
        await migrateToLatest(store);
        expect(await slugsOf(store, "pelican dawn")).toEqual([before.slug]);
      } finally {
        await store.close();
      }
    });
  });
