// Every export format the importer reads, and every file it must refuse, on each database: a
// readable export lands with pages that render; a bad file is refused with a message that names
// the problem, and nothing at all is written.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { importWordPress } from "../../../src/importers/wordpress/import.js";
import { buildServer } from "../../../src/server.js";
import type { Store } from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";

const fixture = (name: string) => path.resolve("test/fixtures/wordpress", name);

const READABLE = [
  "wpcom-1.2.xml",
  "classic-1.0.xml",
  "small-1.1.xml",
  "broken-cdata.xml",
  "latin1-declared.xml",
  "duplicate-ids.xml",
];

const REFUSED: [string, RegExp][] = [
  ["truncated.xml", /truncated|unexpected end|ends/i],
  ["no-version.xml", /not a WordPress export|wxr_version/i],
  ["unknown-version.xml", /9\.9/],
  ["rss-feed.xml", /RSS feed/i],
  ["ghost-export.json", /Ghost/i],
  ["binary.bin", /not|binary/i],
  ["latin1.xml", /UTF-8/],
  ["billion-laughs.xml", /DOCTYPE|entit/i],
  ["xxe.xml", /DOCTYPE|entit/i],
];

async function rowCounts(store: Store): Promise<number[]> {
  const tables = [
    "articles",
    "comments",
    "people",
    "sections",
    "tags",
    "media",
    "redirects",
    "import_sources",
  ] as const;
  return Promise.all(
    tables.map(async (t) =>
      Number(
        (
          await store.db
            .selectFrom(t as "articles")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ),
  );
}

for (const db of DATABASES)
  describe(`WordPress export formats (${db.name})`, () => {
    let dataDir: string;
    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-wp-formats-"));
    });
    afterAll(() => rm(dataDir, { recursive: true, force: true }));

    for (const name of READABLE)
      it(`imports ${name} and serves what it published`, async () => {
        const store = await db.open();
        const config = loadConfig({ MASTHEAD_DATA_DIR: dataDir });
        const app = await buildServer({ config, store, logLevel: "silent" });
        try {
          const report = await importWordPress(store, fixture(name), { dataDir });
          const imported = report.counts.article.imported + report.counts.page.imported;
          expect(imported).toBeGreaterThan(0);
          const [articles] = await rowCounts(store);
          expect(articles).toBe(imported);
          const published = await store.db
            .selectFrom("articles")
            .select(["slug", "kind"])
            .where("status", "=", "published")
            .execute();
          for (const a of published) {
            const res = await app.inject({
              url: a.kind === "page" ? `/${a.slug}` : `/articles/${a.slug}`,
            });
            expect([a.slug, res.statusCode]).toEqual([a.slug, 200]);
          }
          if (name === "duplicate-ids.xml")
            expect(report.skipped.some((s) => /second item with id/.test(s.reason))).toBe(true);
          // The same file again: nothing new.
          const again = await importWordPress(store, fixture(name), { dataDir });
          expect(again.counts.article.imported + again.counts.page.imported).toBe(0);
          expect((await rowCounts(store))[0]).toBe(imported);
        } finally {
          await app.close();
          await store.close();
        }
      }, 60_000);

    it("refuses every file that is not a readable WordPress export, writing nothing", async () => {
      const store = await db.open();
      try {
        const before = await rowCounts(store);
        for (const [name, message] of REFUSED) {
          const error = await importWordPress(store, fixture(name), { dataDir }).then(
            () => undefined,
            (e: unknown) => e as { code?: string; message: string },
          );
          expect([name, error?.code]).toEqual([name, "MH_IMPORT_INVALID"]);
          expect([name, error?.message]).toEqual([name, expect.stringMatching(message)]);
          expect(await rowCounts(store)).toEqual(before);
        }
      } finally {
        await store.close();
      }
    }, 60_000);
  });
