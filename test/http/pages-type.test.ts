import { describe, expect, it } from "vitest";
import { createArticle, getArticleBySlug, listPeople } from "../../src/store/index.js";
import { signIn } from "../helpers/auth.js";
import { DATABASES } from "../helpers/databases.js";
import { useDemoApp } from "./app.js";

/** The JSON-LD nodes of a page. */
const jsonLdOf = (html: string): Record<string, unknown>[] =>
  [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map(
    (m) => JSON.parse(m[1] ?? "{}") as Record<string, unknown>,
  );

const paragraph = (text: string) => [{ type: "paragraph" as const, content: [{ text }] }];

for (const db of DATABASES)
  describe(`pages (About, Contact…) on ${db.name}`, () => {
    const t = useDemoApp(db);

    it("serves the demo's About page at /about with its AboutPage JSON-LD and canonical URL", async () => {
      const res = await t().app.inject("/about");
      expect(res.statusCode).toBe(200);
      expect(res.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
      expect(res.body).toContain("<h1");
      expect(res.body).toContain("About Zany Progressive");
      expect(res.body).toContain("Corrections policy");
      expect(res.body).toMatch(/<link rel="canonical" href="[^"]*\/about"/);
      expect(res.body).toMatch(/<meta property="og:url" content="[^"]*\/about"/);
      expect(res.body).not.toContain("Total Views");
      expect(res.body).not.toContain("Leave a Comment");
      const [node] = jsonLdOf(res.body);
      expect(node).toMatchObject({ "@type": "AboutPage", name: "About Zany Progressive" });
      expect(String(node?.url)).toMatch(/\/about$/);
      // The cached copy is the same page.
      const again = await t().app.inject({
        url: "/about",
        headers: { "if-none-match": String(res.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
    });

    it("answers /about/ (WordPress's form of the address) with a 301 to /about", async () => {
      const res = await t().app.inject("/about/");
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe("/about");
    });

    it("keeps the page off the home page, the feeds and the News sitemap, and lists it in the sitemap", async () => {
      const { app } = t();
      for (const url of ["/", "/feed.xml", "/feed.json", "/news-sitemap.xml"]) {
        const res = await app.inject(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).not.toMatch(/\/about["<]/);
      }
      const sitemap = await app.inject("/sitemap.xml");
      expect(sitemap.body).toMatch(/<loc>[^<]*\/about<\/loc>/);
    });

    it("is not an article: /articles/about is 404, and unknown or reserved paths stay 404s", async () => {
      const { app } = t();
      for (const url of ["/articles/about", "/no-such-page", "/Not_A_Slug", "/page", "/tags"])
        expect((await app.inject(url)).statusCode, url).toBe(404);
      // Fixed routes at the root are not shadowed by /:slug.
      expect((await app.inject("/search?q=cartels")).statusCode).toBe(200);
      expect((await app.inject("/robots.txt")).statusCode).toBe(200);
    });

    it("does not serve a draft page", async () => {
      const { store, app } = t();
      const [person] = await listPeople(store);
      await createArticle(store, {
        kind: "page",
        slug: "contact",
        headline: "Contact us",
        type: "news",
        pageType: "ContactPage",
        authorIds: [person?.id as string],
        body: paragraph("Write to us."),
      });
      expect((await app.inject("/contact")).statusCode).toBe(404);
    });

    it("creates, publishes and edits a page through the admin API, the public page following", async () => {
      const { app, store } = t();
      const editor = await signIn(app, store, "editor");
      const created = await app.inject({
        method: "POST",
        url: "/api/admin/v1/articles",
        headers: editor.headers,
        payload: {
          kind: "page",
          pageType: "ContactPage",
          slug: "reach-us",
          headline: "Reach us",
          type: "news",
          body: paragraph("Our newsroom reads every letter."),
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { article, version } = created.json() as {
        article: { id: string; kind: string; sectionId: string | null };
        version: number;
      };
      expect(article).toMatchObject({ kind: "page", sectionId: null });
      const published = await app.inject({
        method: "POST",
        url: `/api/admin/v1/articles/${article.id}/transitions`,
        headers: editor.headers,
        payload: { to: "published", version },
      });
      expect(published.statusCode, published.body).toBe(200);
      const first = await app.inject("/reach-us");
      expect(first.statusCode).toBe(200);
      expect(jsonLdOf(first.body)[0]?.["@type"]).toBe("ContactPage");

      const listed = await app.inject({
        url: "/api/admin/v1/articles?kind=page",
        headers: editor.headers,
      });
      const slugs = (listed.json() as { items: { slug: string }[] }).items.map((p) => p.slug);
      expect(slugs).toEqual(expect.arrayContaining(["reach-us", "about"]));
      const articles = await app.inject({ url: "/api/admin/v1/articles", headers: editor.headers });
      expect(
        (articles.json() as { items: { slug: string }[] }).items.map((a) => a.slug),
      ).not.toContain("reach-us");

      const saved = await app.inject({
        method: "PUT",
        url: `/api/admin/v1/articles/${article.id}`,
        headers: editor.headers,
        payload: {
          kind: "page",
          pageType: "ContactPage",
          slug: "reach-us",
          headline: "Write to the newsroom",
          type: "news",
          body: paragraph("Our newsroom reads every letter."),
          version: version + 1,
        },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      // The edit dropped the cached page.
      expect((await app.inject("/reach-us")).body).toContain("Write to the newsroom");
    });

    it("refuses a page at a reserved path through the admin API with 400 at `slug`", async () => {
      const { app, store } = t();
      const editor = await signIn(app, store, "editor");
      const res = await app.inject({
        method: "POST",
        url: "/api/admin/v1/articles",
        headers: editor.headers,
        payload: {
          kind: "page",
          slug: "search",
          headline: "Search",
          type: "news",
          body: paragraph("Not a page."),
        },
      });
      expect(res.statusCode).toBe(400);
      const body = res.json() as { error: { code: string; issues: { path: string }[] } };
      expect(body.error.code).toBe("MH_CONTENT_INVALID");
      expect(body.error.issues).toEqual([
        { path: "slug", message: "'search' is used by the site itself; choose another slug" },
      ]);
      expect(await getArticleBySlug(store, "search")).toBeUndefined();
    });
  });
