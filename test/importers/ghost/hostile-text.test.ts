// A Ghost export with NUL, other control characters and half surrogate pairs in a post's title,
// excerpt, Lexical text and a tag name, on each database: the import drops those characters and
// imports everything, as it does the clean export (docs/SECURITY.md, "Text hygiene").
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textProblem } from "../../../src/content/index.js";
import { importGhost } from "../../../src/importers/ghost/import.js";
import type { ImportReport } from "../../../src/importers/report.js";
import { getArticleBySlug, type Store } from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";

const FIXTURE = path.resolve("test/fixtures/ghost/ghost-5.json");

interface GhostExport {
  db: { data: { posts: Record<string, unknown>[]; tags: Record<string, unknown>[] } }[];
}

/** The 5.x fixture with hostile characters in the first post and the first tag. */
async function hostileExport(dir: string): Promise<string> {
  const data = JSON.parse(await readFile(FIXTURE, "utf8")) as GhostExport;
  const { posts, tags } = (data.db[0] as GhostExport["db"][number]).data;
  const post = posts[0] as Record<string, unknown>;
  post.title = "Harbour\u0000 opens\uD800 to\u0001 ferries";
  post.custom_excerpt = "Ferries are\u007f back after ten years.";
  // Inside the Lexical JSON, as an escape: it becomes a NUL only when the importer parses it.
  post.lexical = String(post.lexical).replace("The harbour", "The\\u0000 harbour\\ud800");
  const tag = tags[0] as Record<string, unknown>;
  tag.name = `${String(tag.name)}\u0000`;
  const file = path.join(dir, "hostile.json");
  await writeFile(file, JSON.stringify(data));
  return file;
}

for (const db of DATABASES)
  describe(`Ghost import of hostile text (${db.name})`, () => {
    let store: Store;
    let dir: string;
    let report: ImportReport;
    let tagName: string;

    beforeAll(async () => {
      store = await db.open();
      dir = await mkdtemp(path.join(tmpdir(), "mh-ghost-hostile-"));
      const file = await hostileExport(dir);
      const fixture = JSON.parse(await readFile(FIXTURE, "utf8")) as GhostExport;
      tagName = String((fixture.db[0] as GhostExport["db"][number]).data.tags[0]?.name);
      report = await importGhost(store, file, {
        dataDir: dir,
        now: new Date("2024-03-01T12:00:00Z"),
      });
    });
    afterAll(async () => {
      await store?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("imports every post, the hostile one with its characters dropped", async () => {
      expect(report.counts.article.imported).toBe(6);
      expect(report.counts.page.imported).toBe(2);
      const article = await getArticleBySlug(store, "harbour-opens");
      expect(article?.headline).toBe("Harbour opens to ferries");
      expect(article?.dek).toBe("Ferries are back after ten years.");
      expect(JSON.stringify(article?.body)).toContain("The harbour");
      expect(textProblem(JSON.stringify(article))).toBeUndefined();
      // The first Ghost tag becomes a section or a tag, with its name cleaned either way.
      const names = [
        ...(await store.db.selectFrom("tags").select("name").execute()),
        ...(await store.db.selectFrom("sections").select("name").execute()),
      ].map((r) => r.name);
      expect(names).toContain(tagName);
    });
  });
