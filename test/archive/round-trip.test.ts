// Export → restore into SQLite and into PostgreSQL → export gives the same members, byte for
// byte; a SQLite publication restored on PostgreSQL serves the same pages; secrets stay out.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportToFile } from "../../src/archive/export.js";
import { tableMember } from "../../src/archive/format.js";
import { restoreArchive } from "../../src/archive/restore.js";
import { deserializeRow, TABLES } from "../../src/archive/tables.js";
import { loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import { findRedirect, type Store, searchArticles } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { readMembers } from "./helpers.js";
import { buildPublication, DEMO_SLUG, SECRET_HASH, SESSION_ID } from "./publication.js";

const sqliteDb = DATABASES[0] as (typeof DATABASES)[number];

describe("export and restore", () => {
  let source: Store;
  let dataDir: string;
  let work: string;
  let archive: string;
  let members: Map<string, Buffer>;
  beforeAll(async () => {
    source = await sqliteDb.open();
    dataDir = await buildPublication(source);
    work = await mkdtemp(path.join(tmpdir(), "mh-archive-"));
    archive = path.join(work, "publication.tar");
    await exportToFile(source, archive, { dataDir });
    members = await readMembers(archive);
  }, 60_000);
  afterAll(async () => {
    await source?.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  it("holds a manifest first, then every table, then the media files, with their checksums", async () => {
    const names = [...members.keys()];
    expect(names[0]).toBe("manifest.json");
    expect(names.slice(1, TABLES.length + 1)).toEqual(TABLES.map((t) => tableMember(t.name)));
    const manifest = JSON.parse((members.get("manifest.json") as Buffer).toString());
    expect(manifest).toMatchObject({ formatVersion: 1, includesCredentials: false });
    expect(manifest.members.map((m: { name: string }) => m.name)).toEqual(names.slice(1));
    // Every table holds rows, so the round trip below covers every column.
    for (const table of TABLES)
      expect([table.name, manifest.counts[table.name]]).not.toEqual([table.name, 0]);
    expect(manifest.counts.mediaFiles).toBeGreaterThan(2);
    const rows = JSON.parse((members.get("data/articles.json") as Buffer).toString());
    expect(rows.length).toBe(manifest.counts.articles);
    expect(existsSync(`${archive}.partial`)).toBe(false);
  });

  it("writes canonical rows: sorted keys, ISO times, booleans, numbers, parsed JSON", () => {
    const [article] = JSON.parse((members.get("data/articles.json") as Buffer).toString());
    expect(Object.keys(article)).toEqual([...Object.keys(article)].sort());
    expect(article.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof article.comments_enabled).toBe("boolean");
    expect(typeof article.version).toBe("number");
    expect(Array.isArray(article.body)).toBe(true);
    const [views] = JSON.parse((members.get("data/article_views_daily.json") as Buffer).toString());
    expect(views).toMatchObject({ day: "2026-11-29", views: 7 });
  });

  it("holds an article's search and sharing fields, and restores a row written before them", () => {
    const rows = JSON.parse((members.get("data/articles.json") as Buffer).toString());
    const demo = rows.find((r: { slug: string }) => r.slug === DEMO_SLUG);
    expect(demo).toMatchObject({
      meta_title: "U.S. weighs strikes on Mexican cartels",
      meta_description: "What the president said, and what it would take.",
      canonical_url: "https://elsewhere.example/strikes",
      featured_image_caption: "Soldiers at the border crossing.",
    });
    const articles = TABLES.find((t) => t.name === "articles") as (typeof TABLES)[number];
    const {
      meta_title: _t,
      meta_description: _d,
      canonical_url: _c,
      featured_image_caption: _f,
      ...older
    } = demo;
    expect(deserializeRow(articles, older, "data/articles.json, line 2", false)).toMatchObject({
      meta_title: "",
      meta_description: "",
      canonical_url: null,
      featured_image_caption: "",
    });
  });

  it("leaves out password hashes, sessions, secrets and visitor hashes", async () => {
    const all = Buffer.concat(
      [...members].filter(([n]) => !n.startsWith("media/")).map(([, b]) => b),
    ).toString();
    expect(all).not.toContain(SECRET_HASH);
    expect(all).not.toContain(SESSION_ID);
    expect(all).not.toContain("csrf-secret-token");
    expect(all).not.toContain("password_hash");
    const secret = await source.db
      .selectFrom("comment_secrets")
      .select("value")
      .executeTakeFirstOrThrow();
    expect(all).not.toContain(secret.value);
    for (const name of members.keys())
      expect(name).not.toMatch(
        /sessions|api_keys|one_time_tokens|view_|comment_secrets|search_documents|data_versions|preview_links|login_failures/,
      );
  });

  it("includes password hashes only with includeCredentials", async () => {
    const file = path.join(work, "with-credentials.tar");
    const manifest = await exportToFile(source, file, { dataDir, includeCredentials: true });
    expect(manifest.includesCredentials).toBe(true);
    const users = (await readMembers(file)).get("data/users.json")?.toString() ?? "";
    expect(users).toContain(SECRET_HASH);
    expect(users).not.toContain(SESSION_ID);
  });

  for (const db of DATABASES)
    it(`restores into ${db.name}, and exports the same members again`, async () => {
      const target = await db.open();
      const targetDir = await mkdtemp(path.join(tmpdir(), "mh-archive-dst-"));
      try {
        const report = await restoreArchive(target, archive, { dataDir: targetDir });
        expect(report.replaced).toBe(false);
        expect(report.searchDocuments).toBeGreaterThan(0);
        expect(report.accountsWithoutPassword.map((a) => a.email)).toEqual([
          "new@example.org",
          "owner@example.org",
        ]);
        const again = path.join(targetDir, "again.tar");
        await exportToFile(target, again, { dataDir: targetDir });
        const second = await readMembers(again);
        expect([...second.keys()]).toEqual([...members.keys()]);
        for (const [name, bytes] of members)
          if (name !== "manifest.json")
            expect([name, second.get(name)?.equals(bytes)]).toEqual([name, true]);
        // What the restore rebuilt or kept working.
        const found = await searchArticles(target, { query: "cartels", limit: 10, offset: 0 });
        expect(found.items.map((i) => i.slug)).toContain(DEMO_SLUG);
        expect(await findRedirect(target, "/2019/05/harbour")).toBe(`/articles/${DEMO_SLUG}`);
        const sessions = await target.db.selectFrom("sessions").select("id").execute();
        expect(sessions).toEqual([]);
        const image = JSON.parse((members.get("data/media.json") as Buffer).toString())[0];
        expect(await readFile(path.join(targetDir, "media", image.storage_key))).toEqual(
          members.get(`media/${image.storage_key}`),
        );
        // A restore with --force over the same content gives the same members once more.
        const forced = await restoreArchive(target, again, { dataDir: targetDir, force: true });
        expect(forced.replaced).toBe(true);
        const third = await readMembers(await exportAgain(target, targetDir, "third.tar"));
        for (const [name, bytes] of members)
          if (name !== "manifest.json")
            expect([name, third.get(name)?.equals(bytes)]).toEqual([name, true]);
        const count = await sql<{ n: number }>`select count(*) as n from search_documents`.execute(
          target.db,
        );
        expect(Number(count.rows[0]?.n)).toBe(report.searchDocuments);
      } finally {
        await target.close();
        await rm(targetDir, { recursive: true, force: true });
      }
    }, 60_000);

  for (const db of DATABASES)
    it(`serves the same pages from the publication restored on ${db.name}`, async () => {
      const target = await db.open();
      const targetDir = await mkdtemp(path.join(tmpdir(), "mh-archive-http-"));
      const apps = await Promise.all(
        [
          [source, dataDir],
          [target, targetDir],
        ].map(async ([store, dir]) => {
          if (store === target) await restoreArchive(target, archive, { dataDir: targetDir });
          const config = loadConfig({
            MASTHEAD_DATA_DIR: dir as string,
            MASTHEAD_URL: "https://news.example.org",
          });
          const app = await buildServer({ config, store: store as Store, logLevel: "silent" });
          await app.ready();
          return app;
        }),
      );
      try {
        const paths = [
          "/",
          `/articles/${DEMO_SLUG}`,
          "/about",
          "/sections/resist-hate",
          "/sections/mexico",
          "/tags/cartels",
          "/authors/serena-zehlius",
          "/trackers/criminals-pardoned-by-trump-this-term",
          "/search?q=cartels",
          "/feed.xml",
          "/atom.xml",
          "/feed.json",
          "/sitemap.xml",
          "/news-sitemap.xml",
          "/2019/05/harbour",
          "/old/some-story",
          "/private-post",
          "/no-such-page",
        ];
        for (const url of paths) {
          const [a, b] = await Promise.all(apps.map((app) => app.inject({ method: "GET", url })));
          expect({ url, status: b?.statusCode, location: b?.headers.location }).toEqual({
            url,
            status: a?.statusCode,
            location: a?.headers.location,
          });
          // Search snippets are chosen by the database's own engine (FTS5's snippet(), PostgreSQL's
          // ts_headline), which pick different excerpts of the same text: the results must agree.
          const compared =
            url.startsWith("/search") && db.name !== "sqlite" ? searchResults : withoutTokens;
          expect({ url, body: compared(b?.body ?? "") }).toEqual({
            url,
            body: compared(a?.body ?? ""),
          });
        }
        const image = JSON.parse((members.get("data/media_variants.json") as Buffer).toString())[0];
        const [a, b] = await Promise.all(
          apps.map((app) => app.inject({ method: "GET", url: `/media/${image.storage_key}` })),
        );
        expect(b?.statusCode).toBe(200);
        expect(b?.rawPayload.equals(a?.rawPayload as Buffer)).toBe(true);
      } finally {
        await Promise.all(apps.map((app) => app.close()));
        await target.close();
        await rm(targetDir, { recursive: true, force: true });
      }
    }, 60_000);
});

async function exportAgain(store: Store, dir: string, name: string): Promise<string> {
  const file = path.join(dir, name);
  await exportToFile(store, file, { dataDir: dir });
  return file;
}

/** A search page's count and the addresses it lists, in order. */
function searchResults(body: string): string[] {
  return body.match(/id="search-count"[^<]*<|href="\/articles\/[^"]+"/g) ?? [];
}

/** The page without what differs per request (form tokens, nonces). */
function withoutTokens(body: string): string {
  return body
    .replace(/(name="(?:_csrf|stamp)"[^>]*value=")[^"]*"/g, '$1…"')
    .replace(/(nonce=")[^"]*"/g, '$1…"')
    .replace(/("?(?:token|csrf|formToken)"?\s*[:=]\s*")[^"]*"/gi, '$1…"');
}
