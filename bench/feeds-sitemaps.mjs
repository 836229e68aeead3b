// Feeds and sitemaps: what building them costs, cold (rendered from the database) and warm
// (served from the page cache), on SQLite with the demo plus 2,000 published articles, in
// process with app.inject so only Masthead's own work is timed. Run after `npm run build`.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Fastify from "fastify";
import { systemActor } from "../dist/auth/actor.js";
import { loadConfig } from "../dist/config.js";
import { loadDemoPublication } from "../dist/services/demo-publication.js";
import { createPageCache, sitePlugin } from "../dist/site/index.js";
import { sitemapLines, sitemapRootXml } from "../dist/site/seo/sitemap.js";
import {
  createArticle,
  listPeople,
  listSections,
  migrateToLatest,
  openStore,
} from "../dist/store/index.js";
import { cleanUp, removeAtExit } from "./lib.mjs";

const ARTICLES = 2000;
const RUNS = 30;

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const p50 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const dataDir = await mkdtemp(path.join(tmpdir(), "mh-bench-feeds-"));
  removeAtExit(dataDir);
  const store = await openStore({ kind: "sqlite", file: path.join(dataDir, "masthead.db") });
  await migrateToLatest(store);
  await loadDemoPublication({ store, dataDir }, systemActor("bench"));
  const [section] = await listSections(store);
  const [person] = await listPeople(store);
  const paragraph = {
    type: "paragraph",
    content: [{ text: "A paragraph of reporting. ".repeat(20) }],
  };
  for (let i = 0; i < ARTICLES; i++)
    await createArticle(store, {
      slug: `bench-${i}`,
      headline: `Bench article ${i}`,
      dek: "A dek.",
      type: "news",
      sectionId: section.id,
      authorIds: [person.id],
      status: "published",
      publishedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      body: Array.from({ length: 12 }, () => paragraph),
    });
  const config = loadConfig({
    MASTHEAD_DATA_DIR: dataDir,
    MASTHEAD_URL: "https://news.example.org",
  });
  // The public site as server.ts registers it, with a cache this script can empty.
  const cache = createPageCache();
  const app = Fastify();
  await app.register(sitePlugin, { store, config, pageCache: cache });
  await app.ready();

  const rows = [];
  for (const url of ["/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/news-sitemap.xml"]) {
    const cold = [];
    const warm = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      cache.clear();
      const c = process.hrtime.bigint();
      const first = await app.inject(url);
      cold.push(ms(c));
      bytes = first.rawPayload.length;
      const w = process.hrtime.bigint();
      await app.inject(url);
      warm.push(ms(w));
    }
    rows.push({ url, cold: p50(cold), warm: p50(warm), bytes });
  }

  // The sitemap builder alone at the per-file limit of 50,000 URLs.
  const articles = Array.from({ length: 50_000 }, (_, i) => ({
    slug: `a-fairly-typical-article-slug-of-some-length-${i}`,
    sectionId: section.id,
    publishedAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-02T00:00:00.000Z",
  }));
  const lines = sitemapLines({
    base: "https://news.example.org",
    articles,
    sections: [],
    authors: [],
    tags: [],
    trackers: [],
  }).slice(0, 50_000);
  const s = process.hrtime.bigint();
  const xml = await sitemapRootXml("https://news.example.org", lines);
  const full = { ms: ms(s), bytes: Buffer.byteLength(xml) };

  console.log(`| what | cold p50 | warm p50 | size |`);
  console.log(`| --- | --- | --- | --- |`);
  for (const r of rows)
    console.log(
      `| GET ${r.url} | ${r.cold.toFixed(1)} ms | ${r.warm.toFixed(2)} ms | ${(r.bytes / 1024).toFixed(1)} KB |`,
    );
  console.log(
    `| one sitemap file of 50,000 URLs (builder only) | ${full.ms.toFixed(0)} ms | — | ${(full.bytes / 1024 / 1024).toFixed(2)} MB |`,
  );
  await app.close();
  await store.close();
} finally {
  await cleanUp();
}
