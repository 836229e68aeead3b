import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFormStamp } from "../../src/site/comments/signing.js";
import { createPageCache, sitePlugin } from "../../src/site/index.js";
import {
  createArticle,
  createPerson,
  createSection,
  getCommentSecret,
  migrateToLatest,
  openStore,
  type Store,
  updateSettings,
} from "../../src/store/index.js";
import { config as baseConfig } from "./fixtures.js";

const BROWSER =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

// The plugin on a bare Fastify with a real (temporary) SQLite store: what server.ts does.
describe("sitePlugin on a bare Fastify", () => {
  let app: FastifyInstance;
  let store: Store;
  let dataDir: string;
  let articleId: string;
  const cache = createPageCache();

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "mh-site-"));
    store = await openStore({ kind: "sqlite", file: path.join(dataDir, "masthead.db") });
    await migrateToLatest(store);
    await updateSettings(store, { title: "The Daily Test", tagline: "", language: "en" });
    const section = await createSection(store, { slug: "news", name: "News" });
    const person = await createPerson(store, { slug: "ann", name: "Ann Lee" });
    const article = await createArticle(store, {
      slug: "hello",
      headline: "Hello world",
      type: "news",
      sectionId: section.id,
      authorIds: [person.id],
      status: "published",
      publishedAt: "2026-01-01T00:00:00.000Z",
      body: [{ type: "paragraph", content: [{ text: "Body." }] }],
    });
    articleId = article.id;
    app = Fastify();
    await app.register(sitePlugin, { store, config: { ...baseConfig, dataDir }, pageCache: cache });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves the home page with the site's name and the article", async () => {
    const res = await app.inject("/");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("The Daily Test");
    expect(res.body).toContain('href="/articles/hello"');
  });

  it("serves a repeat request from the cache with the same bytes and etag, and 304 when current", async () => {
    const first = await app.inject("/articles/hello");
    expect(cache.get("/articles/hello")?.etag).toBe(first.headers.etag);
    const second = await app.inject("/articles/hello?utm_source=x");
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
    const notModified = await app.inject({
      url: "/articles/hello",
      headers: { "if-none-match": first.headers.etag as string },
    });
    expect(notModified.statusCode).toBe(304);
  });

  it("a new commenter's comment is held: the cached page is unchanged, the poster's link shows it", async () => {
    await app.inject("/articles/hello");
    // A genuine form stamp from 10 s ago: readers cannot post faster than that (anti-spam).
    const stamp = makeFormStamp(await getCommentSecret(store), articleId, Date.now() - 10_000);
    const posted = await app.inject({
      method: "POST",
      url: "/articles/hello/comments",
      payload: `name=Bo&email=&body=Nice&stamp=${encodeURIComponent(stamp)}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toMatch(
      /^\/articles\/hello\?pending=[^#]+#comment-[0-9a-f-]{36}$/,
    );
    expect((await app.inject("/articles/hello")).body).toContain("Comments (0)");
    const own = await app.inject(posted.headers.location as string);
    expect(own.body).toContain("Awaiting moderation");
    expect(own.headers["cache-control"]).toBe("no-store");
  });

  it("a refused comment is a 400 page that keeps the reader's text", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/articles/hello/comments",
      payload: "name=&email=x&body=Keep+me",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain(">Keep me</textarea>");
  });

  it("counts a browser's view and answers with the total; a bot gets 204", async () => {
    const counted = await app.inject({
      method: "POST",
      url: `/views/${articleId}`,
      headers: { "user-agent": BROWSER },
    });
    expect(counted.statusCode).toBe(200);
    expect(counted.json()).toEqual({ views: 1 });
    const bot = await app.inject({
      method: "POST",
      url: `/views/${articleId}`,
      headers: { "user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" },
    });
    expect(bot.statusCode).toBe(204);
    const repeat = await app.inject({
      method: "POST",
      url: `/views/${articleId}`,
      headers: { "user-agent": BROWSER, "content-type": "application/json" },
      payload: { repeat: true },
    });
    expect(repeat.json()).toEqual({ views: 1 });
  });

  it("serves hashed assets for a year", async () => {
    const page = await app.inject("/");
    const css = /href="(\/assets\/site\.css\?v=[0-9a-f]+)"/.exec(page.body)?.[1] as string;
    const res = await app.inject(css);
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("answers unknown paths with the site's 404 page", async () => {
    const res = await app.inject("/no/such/page");
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("Page not found");
    expect(res.body).toContain("The Daily Test");
  });
});
