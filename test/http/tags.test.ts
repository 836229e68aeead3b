import { beforeAll, describe, expect, it } from "vitest";
import { createArticle, createTag, listPeople, listSections } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { DEMO_PATH, useDemoApp } from "./app.js";

/** The JSON of every ld+json script in a page. */
const jsonLdOf = (html: string): Record<string, unknown>[] =>
  [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) =>
    JSON.parse(m[1] as string),
  );
const meta = (html: string, key: string): string[] =>
  [...html.matchAll(new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`, "g"))].map(
    (m) => m[1] as string,
  );

for (const db of DATABASES)
  describe(`tag pages, pagination and page metadata on ${db.name}`, () => {
    const t = useDemoApp(db);
    // Twelve published articles tagged "budget": two pages of them, and of the home page.
    beforeAll(async () => {
      const { store } = t();
      const [section] = await listSections(store);
      const [person] = await listPeople(store);
      const tag = await createTag(store, { slug: "budget", name: "Budget" });
      for (let i = 1; i <= 12; i++)
        await createArticle(store, {
          slug: `budget-${i}`,
          headline: `Budget story ${i}`,
          type: i % 2 ? "analysis" : "opinion",
          sectionId: section?.id as string,
          authorIds: [person?.id as string],
          tagIds: [tag.id],
          status: "published",
          publishedAt: new Date(Date.UTC(2025, 0, i)).toISOString(),
          body: [{ type: "paragraph", content: [{ text: `Story ${i}.` }] }],
        });
    });

    it("a tag page lists its articles, newest first, ten a page with rel prev/next", async () => {
      const { app } = t();
      const first = await app.inject("/tags/budget");
      expect(first.statusCode).toBe(200);
      expect(first.body).toContain("<h1>Budget</h1>");
      expect(first.body).toContain('href="/articles/budget-12"');
      expect(first.body).not.toContain('href="/articles/budget-2"');
      expect(first.body).toContain('<link rel="next" href="/tags/budget/page/2"/>');
      expect(first.body).toContain('<a rel="next" href="/tags/budget/page/2"');
      expect(first.body).not.toContain('rel="prev"');
      expect(first.body).toContain('<link rel="alternate" type="application/rss+xml"');
      expect(first.body).toContain('href="/tags/budget/feed.xml"');

      const second = await app.inject("/tags/budget/page/2");
      expect(second.statusCode).toBe(200);
      expect(second.body).toContain('href="/articles/budget-1"');
      expect(second.body).toContain('<link rel="prev" href="/tags/budget"/>');
      expect(second.body).toContain('<link rel="canonical" href="http');
      expect(second.body).not.toContain('<link rel="next"');

      expect((await app.inject("/tags/budget/page/3")).statusCode).toBe(404);
      expect((await app.inject("/tags/nope")).statusCode).toBe(404);
      expect((await app.inject("/tags/budget/page/x")).statusCode).toBe(404);
      const one = await app.inject("/tags/budget/page/1");
      expect(one.statusCode).toBe(301);
      expect(one.headers.location).toBe("/tags/budget");
    });

    it("the home page pages with rel prev/next and 404s past the end", async () => {
      const { app } = t();
      const home = await app.inject("/");
      expect(home.body).toContain('<link rel="next" href="/page/2"/>');
      const two = await app.inject("/page/2");
      expect(two.body).toContain('<link rel="prev" href="/"/>');
      expect((await app.inject("/page/3")).statusCode).toBe(404);
      expect((await app.inject("/page/1")).headers.location).toBe("/");
    });

    it("an article links its tags and carries its card and NewsArticle data", async () => {
      const { app } = t();
      const tagged = (await app.inject("/articles/budget-3")).body;
      expect(tagged).toContain('<a href="/tags/budget" rel="tag">Budget</a>');
      expect(meta(tagged, "article:tag")).toEqual(["Budget"]);
      const [analysis] = jsonLdOf(tagged);
      expect(analysis?.["@type"]).toBe("AnalysisNewsArticle");
      expect(analysis?.keywords).toEqual(["Budget"]);

      const demo = (await app.inject(DEMO_PATH)).body;
      expect(meta(demo, "og:type")).toEqual(["article"]);
      expect(meta(demo, "og:url")[0]).toMatch(new RegExp(`^https?://[^/]+${DEMO_PATH}$`));
      expect(meta(demo, "og:image")[0]).toMatch(/^https?:\/\/[^/]+\/media\//);
      expect(meta(demo, "og:image:width")).toHaveLength(1);
      expect(meta(demo, "twitter:card")).toEqual(["summary_large_image"]);
      expect(meta(demo, "article:section")).toEqual(["Resist Hate"]);
      const [ld] = jsonLdOf(demo);
      expect(ld).toMatchObject({
        "@type": "ReportageNewsArticle",
        author: [{ name: "Serena Zehlius" }],
        publisher: { name: "Zany Progressive", logo: { "@type": "ImageObject" } },
      });
      for (const key of ["headline", "image", "datePublished", "dateModified"])
        expect(ld).toHaveProperty(key);
      // The default logo the publisher node points at is served.
      const publisher = ld?.publisher as { logo: { url: string } };
      const logo = publisher.logo.url;
      const png = await app.inject(new URL(logo).pathname);
      expect(png.statusCode).toBe(200);
      expect(png.headers["content-type"]).toBe("image/png");
    });

    it("the author page is a profile with a Person; the home page a WebSite with search", async () => {
      const { app } = t();
      const author = (await app.inject("/authors/serena-zehlius")).body;
      expect(meta(author, "og:type")).toEqual(["profile"]);
      expect(jsonLdOf(author)[0]).toMatchObject({
        "@type": "Person",
        name: "Serena Zehlius",
        url: expect.stringMatching(/\/authors\/serena-zehlius$/),
      });
      const home = (await app.inject("/")).body;
      expect(meta(home, "og:type")).toEqual(["website"]);
      const graph = jsonLdOf(home)[0]?.["@graph"] as { "@type": string }[];
      expect(graph.map((n) => n["@type"])).toEqual(["WebSite", "Organization"]);
    });

    it("a tracker page has its card and its entries as an ItemList", async () => {
      const path = "/trackers/criminals-pardoned-by-trump-this-term";
      const html = (await t().app.inject(path)).body;
      expect(meta(html, "og:type")).toEqual(["website"]);
      expect(meta(html, "og:url")[0]).toMatch(new RegExp(`${path}$`));
      expect(meta(html, "og:title")[0]).toMatch(/pardoned/i);
      expect(meta(html, "twitter:card")).toHaveLength(1);
      const [list] = jsonLdOf(html);
      expect(list).toMatchObject({
        "@type": "ItemList",
        numberOfItems: 1,
        itemListElement: [{ "@type": "ListItem", position: 1 }],
      });
      const [entry] = (list?.itemListElement ?? []) as { name: string }[];
      expect(entry?.name).toMatch(/Honduras/);
    });
  });
