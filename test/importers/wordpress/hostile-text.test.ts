// A WordPress export with DEL written as character references (&#127;, allowed in XML 1.0) in a
// post's title, on each database: the import drops them and the post imports, as it does from
// the clean export (docs/SECURITY.md, "Text hygiene").
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportReport } from "../../../src/importers/report.js";
import { importWordPress } from "../../../src/importers/wordpress/import.js";
import { getArticleBySlug, type Store } from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";

const FIXTURE = path.resolve("test/fixtures/wordpress/classic-1.0.xml");
const TITLE = "<title>Ferry &#8220;Marie&#8221; back in service</title>";

for (const db of DATABASES)
  describe(`WordPress import of hostile text (${db.name})`, () => {
    let store: Store;
    let dir: string;
    let report: ImportReport;

    beforeAll(async () => {
      store = await db.open();
      dir = await mkdtemp(path.join(tmpdir(), "mh-wp-hostile-"));
      const xml = await readFile(FIXTURE, "utf8");
      expect(xml).toContain(TITLE);
      const file = path.join(dir, "hostile.xml");
      await writeFile(
        file,
        xml.replace(TITLE, "<title>Ferry&#127; &#8220;Marie&#8221; back&#x7f; in service</title>"),
      );
      report = await importWordPress(store, file, {
        dataDir: dir,
        now: new Date("2024-03-01T12:00:00Z"),
      });
    });
    afterAll(async () => {
      await store?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("imports the post with the characters dropped from its title", async () => {
      expect(report.counts.article.imported).toBe(1);
      expect((await getArticleBySlug(store, "ferry-marie"))?.headline).toBe(
        "Ferry “Marie” back in service",
      );
    });
  });
