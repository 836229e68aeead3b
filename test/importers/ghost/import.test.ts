// The Ghost import end to end, on each database: the 5.x fixture export goes in through the same
// function the CLI calls, then the real app answers for it over HTTP.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { importGhost } from "../../../src/importers/ghost/import.js";
import type { ImportReport } from "../../../src/importers/report.js";
import { buildServer } from "../../../src/server.js";
import {
  getArticleBySlug,
  getMediaById,
  getPersonBySlug,
  getSectionBySlug,
  getTagBySlug,
  getVersionedArticle,
  importedRecords,
  type Store,
  saveArticle,
} from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";
import { makeGhostImages } from "./images.js";

const FIXTURE = path.resolve("test/fixtures/ghost/ghost-5.json");
const NOW = new Date("2024-03-01T12:00:00Z");

async function count(
  store: Store,
  table: "articles" | "media" | "redirects" | "people",
  where?: [string, string],
) {
  let q = store.db.selectFrom(table as "articles").select((eb) => eb.fn.countAll<number>().as("n"));
  if (where) q = q.where(where[0] as "id", "=", where[1]);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Every row of every table, as text: what a leaked secret would show up in. */
async function everything(store: Store): Promise<string> {
  const tables = await store.db.introspection.getTables();
  const out: string[] = [];
  for (const t of tables) {
    const rows = await store.db
      .selectFrom(t.name as "articles")
      .selectAll()
      .execute();
    out.push(
      JSON.stringify(rows, (_k, v) =>
        v instanceof Uint8Array ? Buffer.from(v).toString("latin1") : v,
      ),
    );
  }
  return out.join("\n");
}

for (const db of DATABASES)
  describe(`Ghost import (${db.name})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let dataDir: string;
    let images: string;
    let report: ImportReport;
    const run = (opts: { dryRun?: boolean; overwrite?: boolean } = {}) =>
      importGhost(store, FIXTURE, { dataDir, mediaDir: images, now: NOW, ...opts });

    beforeAll(async () => {
      store = await db.open();
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-ghost-"));
      images = path.join(dataDir, "old-images");
      await makeGhostImages(images, [
        "2023/05/harbour.jpg",
        "2023/06/chart.png",
        "2023/01/jane.jpg",
      ]);
      report = await run();
      app = await buildServer({
        config: loadConfig({ MASTHEAD_DATA_DIR: dataDir }),
        store,
        logLevel: "silent",
      });
      await app.ready();
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await store?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it("imports what the report counts, and the database holds exactly that", async () => {
      expect(report.counts.article.imported).toBe(6);
      expect(report.counts.page.imported).toBe(2);
      expect(await count(store, "articles", ["kind", "article"])).toBe(6);
      expect(await count(store, "articles", ["kind", "page"])).toBe(2);
      expect(report.counts.media.imported).toBe(3);
      expect(await count(store, "media")).toBe(3);
      expect(report.counts.person.imported).toBe(3);
      expect(await count(store, "people")).toBe(3);
      expect(await count(store, "redirects")).toBe(report.counts.redirect.imported);
      expect(report.mediaMissing.map((m) => m.url)).toEqual([
        "/content/images/2023/06/missing.jpg",
      ]);
    });

    it("keeps the authors' order, the primary tag as section and drops internal tags", async () => {
      const [jane, omar] = await Promise.all([
        getPersonBySlug(store, "jane"),
        getPersonBySlug(store, "omar"),
      ]);
      expect(jane?.bio).toBe("Covers the harbour.");
      expect(jane?.avatarId).not.toBeNull();
      const harbour = await getArticleBySlug(store, "harbour-opens");
      expect(harbour?.authorIds).toEqual([omar?.id, jane?.id]);
      expect(harbour?.sectionId).toBe((await getSectionBySlug(store, "news"))?.id);
      const harbourTag = await getTagBySlug(store, "harbour");
      expect(harbour?.tagIds).toEqual([harbourTag?.id]);
      expect(harbour?.dek).toBe("Ferries are back after ten years.");
      // Its first tag is internal: the first public one is the primary tag.
      const climate = await getArticleBySlug(store, "climate-report");
      expect(climate?.sectionId).toBe((await getSectionBySlug(store, "climate"))?.id);
      expect(climate?.tagIds).toEqual([harbourTag?.id]);
      expect(await getTagBySlug(store, "hash-newsletter")).toBeUndefined();
      expect(await getSectionBySlug(store, "hash-newsletter")).toBeUndefined();
      expect(
        report.skipped.some((s) => s.title === "#newsletter" && /internal/.test(s.reason)),
      ).toBe(true);
      expect((await getArticleBySlug(store, "draft-post"))?.sectionId).toBe(
        (await getSectionBySlug(store, "uncategorized"))?.id,
      );
    });

    it("maps statuses, pages, feature images and reports what Masthead has no place for", async () => {
      const scheduled = await getArticleBySlug(store, "scheduled-opinion");
      expect(scheduled).toMatchObject({
        status: "scheduled",
        publishedAt: "2030-01-01T08:00:00.000Z",
        type: "opinion",
      });
      expect((await getArticleBySlug(store, "draft-post"))?.status).toBe("draft");
      expect((await getArticleBySlug(store, "newsletter-only"))?.status).toBe("unpublished");
      expect((await getArticleBySlug(store, "about-us"))?.kind).toBe("page");
      // "search" is an address of the site itself: the page takes another slug, noted.
      expect((await getArticleBySlug(store, "search-p6"))?.kind).toBe("page");
      const climate = await getArticleBySlug(store, "climate-report");
      const feature = await getMediaById(store, climate?.featuredImageId as string);
      expect(feature?.alt).toBe("A chart of rising seas");
      // Ghost's caption (HTML) is the article's plain-text caption, no longer the image's credit.
      expect(feature?.credit.creator).toBe("");
      expect(climate).toMatchObject({
        metaTitle: "SEO title for the climate report",
        metaDescription: "What the climate report says.",
        featuredImageCaption: "Chart by Sea Lab",
        canonicalUrl: null,
      });
      expect((await getArticleBySlug(store, "syndicated"))?.canonicalUrl).toBe(
        "https://elsewhere.example/original",
      );
      const reasons = report.notes.map((n) => `${n.id}: ${n.reason}`);
      for (const expected of [
        /^p1: featured in Ghost/,
        /^p2: for members only in Ghost; Masthead has no paywall/,
        /^p2: og_title not kept: Masthead's social cards use the meta title and description/,
        /^p7: sent as an email only/,
        /^p6: slug 'search' is used by the site itself/,
      ])
        expect(
          reasons.some((r) => expected.test(r)),
          String(expected),
        ).toBe(true);
      expect(
        reasons.some((r) => /meta title '|meta description not kept|canonical URL/.test(r)),
      ).toBe(false);
    });

    it("serves imported posts and pages", async () => {
      const post = await app.inject({ url: "/articles/harbour-opens" });
      expect(post.statusCode).toBe(200);
      expect(post.body).toContain("Harbour opens to ferries");
      expect(post.body).toContain("<picture");
      expect(post.body).not.toContain("__GHOST_URL__");
      const lexicalText = await app.inject({ url: "/articles/syndicated" });
      expect(lexicalText.body).toContain("First published elsewhere.");
      const page = await app.inject({ url: "/about-us" });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("We are a small newsroom.");
      expect(page.body).toContain("The Harbour Gazette");
      expect((await app.inject({ url: "/articles/draft-post" })).statusCode).toBe(404);
    });

    it("answers old Ghost addresses with 301 to the live pages", async () => {
      const cases: [string, string][] = [
        ["/harbour-opens/", "/articles/harbour-opens"],
        ["/harbour-opens/amp/", "/articles/harbour-opens"],
        ["/climate-report/", "/articles/climate-report"],
        ["/search/", "/search-p6"],
        ["/tag/news/", "/sections/news"],
        ["/tag/harbour/", "/tags/harbour"],
        ["/tag/news/rss/", "/sections/news/feed.xml"],
        ["/author/jane/", "/authors/jane"],
        ["/author/omar/rss/", "/authors/omar/feed.xml"],
        ["/rss/", "/feed.xml"],
      ];
      for (const [from, to] of cases) {
        const res = await app.inject({ url: from });
        expect([from, res.statusCode]).toEqual([from, 301]);
        expect(new URL(res.headers.location as string, "http://x").pathname).toBe(to);
        const live = await app.inject({ url: to });
        expect([to, live.statusCode]).toEqual([to, 200]);
      }
      // Never on the old site: no redirect to make.
      for (const url of ["/draft-post/", "/newsletter-only/", "/scheduled-opinion/"])
        expect([url, (await app.inject({ url })).statusCode]).toEqual([url, 404]);
    });

    it("never imports, stores or reports passwords, emails, keys, members or sessions", async () => {
      const stored = await everything(store);
      const saved = JSON.stringify(report);
      for (const text of [stored, saved]) {
        expect(text).not.toMatch(/SECRET/i);
        expect(text).not.toContain("secret-mail");
        expect(text).not.toContain("$2a$10$");
      }
      expect(stored).not.toContain("A Member");
      expect(report.skipped.filter((s) => s.kind === "table").map((s) => s.id)).toEqual(
        expect.arrayContaining(["members", "sessions", "api_keys", "webhooks", "tokens"]),
      );
      expect(await count(store, "articles")).toBe(8);
      const users = await store.db.selectFrom("users").select("id").execute();
      expect(users).toEqual([]);
    });

    it("changes nothing when the same export is imported again", async () => {
      const counts = () =>
        Promise.all(
          ["articles", "media", "redirects", "people"].map((t) => count(store, t as "articles")),
        );
      const before = await counts();
      const again = await run();
      expect(again.counts.article).toMatchObject({ imported: 0, updated: 0, unchanged: 6 });
      expect(again.counts.page).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });
      expect(again.counts.media.imported).toBe(0);
      expect(again.counts.redirect.imported).toBe(0);
      expect(await counts()).toEqual(before);
    });

    it("skips a post edited in Masthead since, unless told to overwrite", async () => {
      const id = (await importedRecords(store, "ghost", "article")).get("post:p8")
        ?.targetId as string;
      const current = await getVersionedArticle(store, id);
      if (!current) throw new Error("imported post p8 is missing");
      const {
        id: _i,
        createdAt: _c,
        updatedAt: _u,
        status: _s,
        publishedAt: _p,
        ...edit
      } = current.article;
      await saveArticle(
        store,
        id,
        { ...edit, headline: "Edited in Masthead" },
        { expectedVersion: current.version, actor: { userId: null, name: "test" } },
      );
      const kept = await run();
      expect(kept.counts.article).toMatchObject({ unchanged: 5, skipped: 1, updated: 0 });
      expect((await getVersionedArticle(store, id))?.article.headline).toBe("Edited in Masthead");
      const replaced = await run({ overwrite: true });
      expect(replaced.counts.article).toMatchObject({ unchanged: 5, updated: 1 });
      expect((await getVersionedArticle(store, id))?.article.headline).toBe("From another site");
    });

    it("writes nothing in a dry run", async () => {
      const fresh = await db.open();
      try {
        const dry = await importGhost(fresh, FIXTURE, {
          dataDir,
          mediaDir: images,
          now: NOW,
          dryRun: true,
        });
        expect(dry.counts.article.imported).toBe(report.counts.article.imported);
        expect(dry.counts.page.imported).toBe(report.counts.page.imported);
        expect(dry.counts.media.imported).toBe(report.counts.media.imported);
        for (const t of ["articles", "media", "redirects", "people"] as const)
          expect([t, await count(fresh, t)]).toEqual([t, 0]);
      } finally {
        await fresh.close();
      }
    });
  });
