import { parseFeed } from "@rowanmanning/feed-parser";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { listPeople, listSections } from "../../src/store/index.js";
import { signIn } from "../helpers/auth.js";
import { DATABASES } from "../helpers/databases.js";
import { DEMO_PATH, useDemoApp } from "./app.js";

const BASE = loadConfig({ MASTHEAD_DATA_DIR: "/unused" }).publicUrl;
const API = "/api/admin/v1";

for (const db of DATABASES)
  describe(`feeds on ${db.name}`, () => {
    const t = useDemoApp(db);

    it("serves the site's RSS, Atom and JSON feeds with their content types", async () => {
      const { app } = t();
      const rss = await app.inject("/feed.xml");
      expect(rss.statusCode).toBe(200);
      expect(rss.headers["content-type"]).toBe("application/rss+xml; charset=utf-8");
      const atom = await app.inject("/atom.xml");
      expect(atom.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
      for (const res of [rss, atom]) {
        const feed = parseFeed(res.body);
        expect(feed.title).toBe("Zany Progressive");
        expect(feed.items.map((i) => i.url)).toContain(`${BASE}${DEMO_PATH}`);
        expect(feed.items[0]?.authors.map((a) => a.name)).toEqual(["Serena Zehlius"]);
        expect(res.body).not.toMatch(/[\w.-]+@[\w-]+\.\w+/);
      }
      const json = await app.inject("/feed.json");
      expect(json.headers["content-type"]).toBe("application/feed+json; charset=utf-8");
      expect(json.json().items[0].url).toBe(`${BASE}${DEMO_PATH}`);
    });

    it("answers an unchanged feed with 304", async () => {
      const first = await t().app.inject("/feed.xml");
      const again = await t().app.inject({
        url: "/feed.xml",
        headers: { "if-none-match": String(first.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
    });

    it("serves section and author feeds, and 404 for unknown ones", async () => {
      const { app } = t();
      const section = parseFeed((await app.inject("/sections/resist-hate/feed.xml")).body);
      expect(section.title).toBe("Resist Hate — Zany Progressive");
      expect(section.items).toHaveLength(1);
      const author = await app.inject("/authors/serena-zehlius/atom.xml");
      expect(parseFeed(author.body).items[0]?.url).toBe(`${BASE}${DEMO_PATH}`);
      expect((await app.inject("/authors/serena-zehlius/feed.json")).json().items).toHaveLength(1);
      expect((await app.inject("/sections/nope/feed.xml")).statusCode).toBe(404);
      expect((await app.inject("/tags/Bad%20Slug/atom.xml")).statusCode).toBe(404);
    });

    it("announces the feeds in the head of the pages they follow", async () => {
      const { app } = t();
      const home = (await app.inject("/")).body;
      expect(home).toContain(
        '<link rel="alternate" type="application/rss+xml" title="Zany Progressive (RSS)" href="/feed.xml"/>',
      );
      expect(home).toContain('type="application/feed+json"');
      const section = (await app.inject("/sections/resist-hate")).body;
      expect(section).toContain('href="/sections/resist-hate/atom.xml"');
      const author = (await app.inject("/authors/serena-zehlius")).body;
      expect(author).toContain('href="/authors/serena-zehlius/feed.json"');
    });

    it("a publish shows in the feeds and sitemaps at once; an unpublish removes it", async () => {
      const { app, store } = t();
      // Warm the caches first, so the test sees invalidation rather than a first render.
      for (const url of ["/feed.xml", "/atom.xml", "/sitemap.xml", "/news-sitemap.xml"])
        expect((await app.inject(url)).statusCode).toBe(200);
      const editor = await signIn(app, store, "editor");
      const [section] = await listSections(store);
      const [person] = await listPeople(store);
      const created = await app.inject({
        method: "POST",
        url: `${API}/articles`,
        headers: editor.headers,
        payload: {
          slug: "fresh-news",
          headline: "Fresh news <now>",
          type: "news",
          sectionId: section?.id,
          authorIds: [person?.id],
          body: [{ type: "paragraph", content: [{ text: "Just in." }] }],
        },
      });
      expect(created.statusCode).toBe(201);
      const { id } = created.json().article;
      const versionOf = (res: { headers: Record<string, unknown> }) =>
        Number(String(res.headers.etag).replaceAll('"', ""));
      const transition = (to: string, v: number) =>
        app.inject({
          method: "POST",
          url: `${API}/articles/${id}/transitions`,
          headers: editor.headers,
          payload: { to, version: v },
        });
      const published = await transition("published", versionOf(created));
      expect(published.statusCode, published.body).toBe(200);
      const url = `${BASE}/articles/fresh-news`;
      expect(parseFeed((await app.inject("/feed.xml")).body).items[0]?.url).toBe(url);
      expect(parseFeed((await app.inject("/atom.xml")).body).items[0]?.title).toBe(
        "Fresh news <now>",
      );
      expect((await app.inject("/sitemap.xml")).body).toContain(`<loc>${url}</loc>`);
      expect((await app.inject("/news-sitemap.xml")).body).toContain(`<loc>${url}</loc>`);

      const gone = await transition("unpublished", versionOf(published));
      expect(gone.statusCode, gone.body).toBe(200);
      expect((await app.inject("/feed.xml")).body).not.toContain(url);
      expect((await app.inject("/sitemap.xml")).body).not.toContain(url);
    });

    it("a settings change to excerpts reaches the cached feed at once", async () => {
      const { app, store } = t();
      const before = parseFeed((await app.inject("/feed.xml")).body).items[0]?.content ?? "";
      expect(before).toContain("Why this matters");
      const owner = await signIn(app, store, "owner");
      const current = (await app.inject({ url: `${API}/settings`, headers: owner.headers })).json();
      const put = await app.inject({
        method: "PUT",
        url: `${API}/settings`,
        headers: owner.headers,
        payload: { ...current, feedContent: "excerpt" },
      });
      expect(put.statusCode).toBe(200);
      const after = parseFeed((await app.inject("/feed.xml")).body).items[0]?.content ?? "";
      expect(after).not.toContain("Why this matters");
      expect(after).toContain("Read the full article");
    });
  });
