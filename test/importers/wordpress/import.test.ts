// The WordPress import end to end, on each database: the fixture export goes in through the
// same function the CLI calls, then the real app answers for it over HTTP.
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import type { ImportReport } from "../../../src/importers/report.js";
import { importWordPress } from "../../../src/importers/wordpress/import.js";
import { buildServer } from "../../../src/server.js";
import {
  getArticleBySlug,
  getVersionedArticle,
  importedRecords,
  type Store,
  saveArticle,
} from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";

const FIXTURE = path.resolve("test/fixtures/wordpress/full-1.2.xml");
const SOURCE = "wordpress:https://example.org";
const NOW = new Date("2024-03-01T12:00:00Z");

/** A copy of wp-content/uploads with the fixture's images (made here, so no binaries are committed). */
async function makeUploads(dir: string): Promise<void> {
  await mkdir(path.join(dir, "2019/05"), { recursive: true });
  for (const [name, color] of [
    ["harbour.jpg", "#2a6f97"],
    ["protest-crowd.jpg", "#a23b72"],
  ] as const)
    await sharp({ create: { width: 640, height: 400, channels: 3, background: color } })
      .jpeg()
      .toFile(path.join(dir, "2019/05", name));
}

async function count(
  store: Store,
  table: "articles" | "comments" | "media" | "redirects",
  where?: [string, string],
) {
  let q = store.db.selectFrom(table as "articles").select((eb) => eb.fn.countAll<number>().as("n"));
  if (where) q = q.where(where[0] as "id", "=", where[1]);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

for (const db of DATABASES)
  describe(`WordPress import (${db.name})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let dataDir: string;
    let uploads: string;
    let report: ImportReport;
    const run = (opts: { dryRun?: boolean; overwrite?: boolean; accounts?: boolean } = {}) =>
      importWordPress(store, FIXTURE, { dataDir, mediaDir: uploads, now: NOW, ...opts });

    beforeAll(async () => {
      store = await db.open();
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-wp-"));
      uploads = path.join(dataDir, "old-uploads");
      await makeUploads(uploads);
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
      expect(report.counts.article.imported).toBe(9);
      expect(report.counts.page.imported).toBe(2);
      expect(await count(store, "articles", ["kind", "article"])).toBe(9);
      expect(await count(store, "articles", ["kind", "page"])).toBe(2);
      expect(await count(store, "comments")).toBe(report.counts.comment.imported);
      expect(await count(store, "media")).toBe(report.counts.media.imported);
      expect(report.counts.media.imported).toBe(2);
      expect(report.mediaMissing).toEqual([]);
      expect(report.skipped.map((s) => s.kind)).toEqual(
        expect.arrayContaining(["pingback", "trackback", "nav_menu_item", "wp_block", "event"]),
      );
      // The election post's table, code, preformatted text and gallery are typed blocks now
      // (test/importers/wordpress/import-writing-blocks.test.ts covers each and its fallbacks).
      expect(report.legacyHtml.map((l) => l.reason)).not.toContain("wp:table");
      const election = await getArticleBySlug(store, "election-night");
      expect(election?.body.map((b) => b.type)).toEqual(
        expect.arrayContaining(["table", "code", "gallery", "quote"]),
      );
    });

    it("serves imported posts and pages", async () => {
      const post = await app.inject({ url: "/articles/harbour-reopens" });
      expect(post.statusCode).toBe(200);
      expect(post.body).toContain("Harbour reopens after storm");
      // The featured and body images come from the uploads copy, never from the old site.
      expect(post.body).toContain("<picture");
      expect(post.body).not.toMatch(/(src|srcset)="[^"]*example\.org/);
      // Yoast SEO's fields and the featured image's caption (its attachment's excerpt) are kept.
      expect(await getArticleBySlug(store, "harbour-reopens")).toMatchObject({
        metaTitle: "Harbour reopens: ferries back from Monday",
        metaDescription: "The storm-damaged harbour reopens to ferries and fishing boats.",
        canonicalUrl: "https://news.example.org/harbour-reopens",
        featuredImageCaption: "The harbour at dawn.",
      });
      expect(post.body).toContain("<title>Harbour reopens: ferries back from Monday — ");
      const page = await app.inject({ url: "/about" });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("About us");
      // A publication not yet named takes the old site's name and language.
      expect(page.body).toContain("<title>About us — The Harbour Gazette</title>");
      expect(page.body).toContain('<html lang="en-GB">');
      const draft = await getArticleBySlug(store, "ferry-timetable");
      expect(draft?.status).toBe("in_review");
      expect((await app.inject({ url: "/articles/ferry-timetable" })).statusCode).toBe(404);
    });

    it("keeps unicode exactly", async () => {
      const items = await importedRecords(store, SOURCE, "article");
      const id = items.get("post:18")?.targetId as string;
      const article = (await getVersionedArticle(store, id))?.article;
      // Emoji sequences, right-to-left text, combining marks and bidi controls, byte for byte.
      const raw = /<title><!\[CDATA\[(🌊[^\]]*)\]\]><\/title>/.exec(
        await readFile(FIXTURE, "utf8"),
      )?.[1];
      expect(raw).toMatch(/\u202E/);
      expect(article?.headline).toBe(raw);
    });

    it("threads comments under the right parents with their statuses, emails kept private", async () => {
      const ids = await importedRecords(store, SOURCE, "comment");
      const target = (wp: string) => ids.get(wp)?.targetId;
      const rows = await store.db.selectFrom("comments").selectAll().execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const row = (wp: string) => byId.get(target(wp) as string);
      expect(row("201")?.parent_id).toBeNull();
      expect(row("202")?.parent_id).toBe(target("201"));
      expect(row("203")?.parent_id).toBe(target("202"));
      expect(row("203")?.depth).toBe(2);
      expect(row("204")?.status).toBe("pending");
      expect(row("205")?.status).toBe("spam");
      expect(row("206")?.status).toBe("deleted");
      expect(row("207")?.parent_id).toBeNull();
      expect(ids.has("208")).toBe(false); // pingback
      expect(ids.has("209")).toBe(false); // trackback
      const page = await app.inject({ url: "/articles/harbour-reopens" });
      for (const r of rows) if (r.author_email) expect(page.body).not.toContain(r.author_email);
      // The commenter's web address is kept and linked, without endorsing it.
      expect(page.body).toContain(
        '<a href="https://tomfisher.example" rel="nofollow ugc noopener">',
      );
    });

    it("answers old WordPress addresses with 301 to the live pages", async () => {
      const cases: [string, string][] = [
        ["/2019/05/03/harbour-reopens/", "/articles/harbour-reopens"],
        ["/2019/05/03/harbour-reopens", "/articles/harbour-reopens"],
        ["/?p=10", "/articles/harbour-reopens"],
        ["/?page_id=20", "/about"],
        ["/about/ethics/", "/ethics"],
        ["/category/news/world/europe/", "/sections/europe"],
        ["/?cat=4", "/sections/europe"],
        ["/tag/elections/", "/tags/elections"],
        ["/author/editor-in-chief/", "/authors/editor-in-chief"],
        ["/feed/", "/feed.xml"],
      ];
      for (const [from, to] of cases) {
        const res = await app.inject({ url: from, headers: { host: "news.example.com" } });
        expect([from, res.statusCode]).toEqual([from, 301]);
        expect(new URL(res.headers.location as string, "http://x").pathname).toBe(to);
        const live = await app.inject({ url: to });
        expect([to, live.statusCode]).toEqual([to, 200]);
      }
    });

    it("answers a password-protected post's old address with 410", async () => {
      for (const url of ["/2019/06/04/subscriber-briefing/", "/?p=16"]) {
        const res = await app.inject({ url });
        expect([url, res.statusCode]).toEqual([url, 410]);
        expect(res.body).toContain("This page is gone");
      }
    });

    it("changes nothing when the same export is imported again", async () => {
      const before = await Promise.all([
        count(store, "articles"),
        count(store, "comments"),
        count(store, "media"),
        count(store, "redirects"),
      ]);
      const again = await run();
      expect(again.counts.article).toMatchObject({ imported: 0, updated: 0, unchanged: 9 });
      expect(again.counts.page).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });
      expect(again.counts.comment.imported + again.counts.comment.updated).toBe(0);
      expect(again.counts.media.imported).toBe(0);
      const after = await Promise.all([
        count(store, "articles"),
        count(store, "comments"),
        count(store, "media"),
        count(store, "redirects"),
      ]);
      expect(after).toEqual(before);
    });

    it("skips an item edited in Masthead since, unless told to overwrite", async () => {
      const id = (await importedRecords(store, SOURCE, "article")).get("post:17")
        ?.targetId as string;
      const current = await getVersionedArticle(store, id);
      if (!current) throw new Error("imported post 17 is missing");
      const {
        id: _id,
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
      expect(kept.counts.article).toMatchObject({ unchanged: 8, skipped: 1, updated: 0 });
      expect(kept.skipped.some((s) => s.id === "17" && /edited in Masthead/.test(s.reason))).toBe(
        true,
      );
      expect((await getVersionedArticle(store, id))?.article.headline).toBe("Edited in Masthead");
      const replaced = await run({ overwrite: true });
      expect(replaced.counts.article).toMatchObject({ unchanged: 8, updated: 1 });
      expect((await getVersionedArticle(store, id))?.article.headline).toBe(
        "Watch: the storm from the lighthouse",
      );
    });

    it("makes contributor accounts for the authors only when asked, linked to their people", async () => {
      const users = () =>
        store.db
          .selectFrom("users")
          .select(["email", "role", "person_id", "password_hash"])
          .execute();
      expect(await users()).toEqual([]);
      const withAccounts = await run({ overwrite: false, accounts: true });
      expect(withAccounts.accounts.map((a) => a.email).sort()).toEqual([
        "jdoe@example.org",
        "layla@example.org",
        "maria@example.org",
      ]);
      const people = await importedRecords(store, SOURCE, "person");
      const made = await users();
      expect(made.every((u) => u.role === "contributor" && u.password_hash === null)).toBe(true);
      expect(made.map((u) => u.person_id).sort()).toEqual(
        [...people.values()].map((p) => p.targetId).sort(),
      );
      // Asked again: the accounts exist, nothing more is made.
      expect((await run({ accounts: true })).accounts).toEqual([]);
    });

    it("writes nothing in a dry run", async () => {
      const fresh = await db.open();
      try {
        const dry = await importWordPress(fresh, FIXTURE, {
          dataDir,
          mediaDir: uploads,
          now: NOW,
          dryRun: true,
        });
        expect(dry.dryRun).toBe(true);
        expect(dry.counts.article.imported).toBe(report.counts.article.imported);
        expect(dry.counts.page.imported).toBe(report.counts.page.imported);
        expect(await count(fresh, "articles")).toBe(0);
        expect(await count(fresh, "media")).toBe(0);
        expect(await count(fresh, "redirects")).toBe(0);
      } finally {
        await fresh.close();
      }
    });
  });
