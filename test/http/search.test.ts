import { beforeAll, describe, expect, it } from "vitest";
import { createArticle, getPersonBySlug, getSectionBySlug } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { DEMO_PATH, useDemoApp } from "./app.js";

const PHRASE = "security cooperation and national sovereignty";

for (const db of DATABASES)
  describe(`the search page on ${db.name}`, () => {
    const t = useDemoApp(db);
    const get = (url: string) => t().app.inject({ method: "GET", url });

    beforeAll(async () => {
      // Twelve more matches for "quokka", so results run to a second page.
      const { store } = t();
      const section = await getSectionBySlug(store, "resist-hate");
      const person = await getPersonBySlug(store, "serena-zehlius");
      if (!section || !person) throw new Error("the demo content is missing its section or author");
      for (let i = 0; i < 12; i++)
        await createArticle(store, {
          slug: `quokka-${i}`,
          headline: `Quokka census, part ${i + 1}`,
          dek: "",
          type: "news",
          sectionId: section.id,
          authorIds: [person.id],
          status: "published",
          publishedAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
          body: [{ type: "paragraph", content: [{ text: "Counted on Rottnest Island." }] }],
        });
    });

    it("finds the reference article by a phrase of its body, with the phrase marked", async () => {
      const res = await get(`/search?q=${encodeURIComponent(`"${PHRASE}"`)}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.body).toContain(`href="${DEMO_PATH}"`);
      expect(res.body).toMatch(/<mark>security( cooperation and national sovereignty)?<\/mark>/);
      expect(res.body).toContain("1 result for");
      expect(res.body).toContain('<meta name="robots" content="noindex"/>');
    });

    it("shows a GET form that works without JavaScript, echoing the query escaped", async () => {
      const hostile = '"><script>alert(1)</script>';
      const res = await get(`/search?q=${encodeURIComponent(hostile)}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/<form class="search-form" method="get" action="\/search">/);
      expect(res.body).not.toContain("<script>alert(1)</script>");
      expect(res.body).toContain("&lt;script>alert(1)&lt;/script>");
    });

    it("pages results with stable URLs and rel=prev/next", async () => {
      const first = await get("/search?q=quokka");
      expect(first.statusCode).toBe(200);
      expect(first.body).toContain("12 results for");
      expect(first.body).toContain('<link rel="next" href="/search?q=quokka&amp;page=2"/>');
      expect(first.body.match(/class="search-result"/g)).toHaveLength(10);
      const second = await get("/search?q=quokka&page=2");
      expect(second.statusCode).toBe(200);
      expect(second.body).toContain('<link rel="prev" href="/search?q=quokka"/>');
      expect(second.body.match(/class="search-result"/g)).toHaveLength(2);
      expect((await get("/search?q=quokka&page=3")).statusCode).toBe(404);
      expect((await get("/search?q=quokka&page=0")).statusCode).toBe(404);
      expect((await get("/search?q=quokka&page=abc")).statusCode).toBe(404);
    });

    it("filters by section and by dates, and says what is wrong with a bad filter", async () => {
      expect((await get("/search?q=quokka&section=resist-hate")).body).toContain("12 results");
      const future = await get("/search?q=quokka&from=2999-01-01");
      expect(future.statusCode).toBe(200);
      expect(future.body).toContain("Nothing matched");
      const badDate = await get("/search?q=quokka&from=2025-02-30");
      expect(badDate.statusCode).toBe(400);
      expect(badDate.body).toContain("must be a real day written as YYYY-MM-DD");
      const reversed = await get("/search?q=quokka&from=2025-02-02&to=2025-01-01");
      expect(reversed.statusCode).toBe(400);
      expect(reversed.body).toContain("must not be after");
      const unknown = await get("/search?q=quokka&section=no-such-section");
      expect(unknown.statusCode).toBe(400);
      expect(unknown.body).toContain("There is no section");
    });

    it("answers absurd queries with a page and a clear message, never a 500", async () => {
      const queries = [
        "x".repeat(10_000),
        "AND OR NOT ( ) * ^ : -",
        '"unbalanced quokka',
        "%00quokka%00",
        "🦘🦘",
        "",
      ];
      for (const q of queries) {
        const res = await get(`/search?q=${encodeURIComponent(q)}`);
        expect(res.statusCode, q.slice(0, 30)).toBe(200);
      }
      expect((await get(`/search?q=${encodeURIComponent("y".repeat(10_000))}`)).body).toContain(
        "only its first 200 characters",
      );
      expect((await get("/search?q=AND%20OR%20%28%29")).body).toContain("no words to look for");
      expect((await get(`/search?q=${encodeURIComponent('"unbalanced quokka')}`)).body).toContain(
        "Nothing matched",
      );
      expect((await get("/search?q=quokka&q=other")).statusCode).toBe(200);
    });

    it("serves the address the home page's SearchAction names", async () => {
      const res = await get("/search?q=cartels");
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`href="${DEMO_PATH}"`);
    });
  });
