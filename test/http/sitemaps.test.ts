import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/auth/actor.js";
import { loadConfig } from "../../src/config.js";
import { loadDemoPublication } from "../../src/services/demo-publication.js";
import { sitePlugin } from "../../src/site/index.js";
import {
  createArticle,
  createTag,
  getArticleBySlug,
  listPeople,
  listSections,
  type Store,
} from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";

const BASE = "https://news.example.org";
const parser = new XMLParser();
const locs = (xml: string): string[] => {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml);
  return [doc.urlset?.url ?? doc.sitemapindex?.sitemap ?? []]
    .flat()
    .map((u: { loc: string }) => u.loc);
};

for (const db of DATABASES)
  describe(`sitemaps and robots.txt on ${db.name}`, () => {
    let app: FastifyInstance;
    let store: Store;
    let dataDir: string;
    const recent = new Date(Date.now() - 60 * 60 * 1000).toISOString();

    // The site alone, with three URLs per sitemap file so that the index shows on a small site.
    beforeAll(async () => {
      store = await db.open();
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-sitemaps-"));
      await loadDemoPublication({ store, dataDir }, systemActor("tests"));
      const [section] = await listSections(store);
      const [person] = await listPeople(store);
      const tag = await createTag(store, { slug: "budget", name: "Budget" });
      const base = {
        type: "news" as const,
        sectionId: section?.id as string,
        authorIds: [person?.id as string],
        body: [{ type: "paragraph" as const, content: [{ text: "Text." }] }],
      };
      await createArticle(store, {
        ...base,
        slug: "old-news",
        headline: "Old news",
        tagIds: [tag.id],
        status: "published",
        publishedAt: "2020-05-01T10:00:00.000Z",
      });
      await createArticle(store, { ...base, slug: "a-draft", headline: "Draft" });
      await createArticle(store, {
        ...base,
        slug: "in-the-future",
        headline: "Future",
        status: "scheduled",
        publishedAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      await createArticle(store, {
        ...base,
        slug: "just-in",
        headline: "Just in: </news:title> & more",
        status: "published",
        publishedAt: recent,
      });
      const config = loadConfig({ MASTHEAD_DATA_DIR: dataDir, MASTHEAD_URL: BASE });
      app = Fastify();
      await app.register(sitePlugin, { store, config, sitemapChunkSize: 3 });
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    /** Every URL of the sitemap, following the index. */
    async function allUrls(): Promise<string[]> {
      const root = await app.inject("/sitemap.xml");
      expect(root.statusCode).toBe(200);
      expect(root.headers["content-type"]).toBe("application/xml; charset=utf-8");
      expect(root.body).toContain("<sitemapindex");
      const files = locs(root.body);
      const urls: string[] = [];
      for (const file of files) {
        expect(file).toMatch(/^https:\/\/news\.example\.org\/sitemaps\/\d+\.xml$/);
        const part = await app.inject(new URL(file).pathname);
        expect(part.statusCode).toBe(200);
        const inPart = locs(part.body);
        expect(inPart.length).toBeLessThanOrEqual(3);
        urls.push(...inPart);
      }
      expect((await app.inject(`/sitemaps/${files.length + 1}.xml`)).statusCode).toBe(404);
      return urls;
    }

    it("lists every public page once, absolute, through an index of small files", async () => {
      const urls = await allUrls();
      expect(urls.sort()).toEqual(
        [
          "/",
          "/sections/resist-hate",
          "/authors/serena-zehlius",
          "/tags/budget",
          "/trackers/criminals-pardoned-by-trump-this-term",
          "/articles/trump-signals-possible-us-military-action-against-drug-cartels-in-mexico",
          "/articles/old-news",
          "/articles/just-in",
          // The demo's About page (kind 'page') is at its own address.
          "/about",
        ]
          .map((p) => BASE + p)
          .sort(),
      );
    });

    it("gives each article its lastmod: its last change, never before publication", async () => {
      const lines: { loc: string; lastmod: string }[] = [];
      for (const n of [1, 2, 3])
        lines.push(
          ...[parser.parse((await app.inject(`/sitemaps/${n}.xml`)).body).urlset.url].flat(),
        );
      const at = (slug: string) => lines.find((u) => u.loc === `${BASE}/articles/${slug}`)?.lastmod;
      // Created now with a 2020 publication date: the row's own change is the later one.
      expect(at("old-news")).toBe((await getArticleBySlug(store, "old-news"))?.updatedAt);
      const justIn = await getArticleBySlug(store, "just-in");
      expect(at("just-in")).toBe(justIn?.updatedAt);
      expect(lines.find((u) => u.loc === `${BASE}/tags/budget`)?.lastmod).toBe(
        "2020-05-01T10:00:00.000Z",
      );
    });

    it("the News sitemap lists only the last two days' articles", async () => {
      const res = await app.inject("/news-sitemap.xml");
      expect(res.headers["content-type"]).toBe("application/xml; charset=utf-8");
      expect(XMLValidator.validate(res.body)).toBe(true);
      const items = [parser.parse(res.body).urlset.url].flat();
      const fresh = items.find((u) => u.loc === `${BASE}/articles/just-in`);
      expect(fresh?.["news:news"]).toMatchObject({
        "news:publication": { "news:name": "Zany Progressive", "news:language": "en" },
        "news:publication_date": recent,
        "news:title": "Just in: </news:title> & more",
      });
      expect(res.body).not.toContain("old-news");
      expect(res.body).not.toContain("in-the-future");
    });

    it("robots.txt allows the site but not the newsroom, and names the sitemaps", async () => {
      const res = await app.inject("/robots.txt");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(res.body).toContain("User-agent: *\nDisallow: /admin\nDisallow: /api\n");
      expect(res.body).toContain("Disallow: /preview\nDisallow: /search\n");
      expect(res.body).toContain(`Sitemap: ${BASE}/sitemap.xml\nSitemap: ${BASE}/news-sitemap.xml`);
    });
  });
