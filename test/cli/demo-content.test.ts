import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { systemActor } from "../../src/auth/actor.js";
import { ContentInvalidError } from "../../src/content/index.js";
import { DEMO_DIR, loadDemoPublication } from "../../src/services/demo-publication.js";
import {
  getSettings,
  hasAnyContent,
  listArticleSummaries,
  listPeople,
  listSections,
  loadPublicPage,
  readChangesAfter,
} from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";

/** A copy of the demo folder whose article has a headline no editor could save. */
async function brokenDemo(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "mh-demo-"));
  await cp(DEMO_DIR, dir, { recursive: true });
  const file = path.join(dir, "content.json");
  const demo = JSON.parse(await readFile(file, "utf8"));
  demo.articles[0].headline = "x".repeat(500);
  await writeFile(file, JSON.stringify(demo));
  return dir;
}

for (const db of DATABASES)
  describe(`demo content on ${db.name}`, () => {
    const store = useFreshStore(db);

    it("loads the reference publication, recorded as an import: every page may change", async () => {
      await loadDemoPublication(
        { store: store(), dataDir: await mkdtemp(path.join(tmpdir(), "mh-data-")) },
        systemActor("tests"),
      );
      expect(await hasAnyContent(store())).toBe(true);
      expect((await getSettings(store())).title).toBe("Zany Progressive");
      expect(await readChangesAfter(store(), 0)).toMatchObject([
        { type: "import.finished", paths: ["/*"], data: { source: "demo" } },
      ]);
    });

    it("publishes the About page as an AboutPage, apart from the articles", async () => {
      await loadDemoPublication(
        { store: store(), dataDir: await mkdtemp(path.join(tmpdir(), "mh-data-")) },
        systemActor("tests"),
      );
      const about = await loadPublicPage(store(), "about");
      expect(about?.article).toMatchObject({
        kind: "page",
        pageType: "AboutPage",
        sectionId: null,
      });
      const all = { limit: 10, offset: 0 };
      expect((await listArticleSummaries(store(), all)).total).toBe(1);
      expect((await listArticleSummaries(store(), { ...all, kind: "page" })).total).toBe(1);
    });

    it("loads all of it or nothing: a bad article leaves the database untouched", async () => {
      const error = await loadDemoPublication(
        { store: store(), dataDir: await mkdtemp(path.join(tmpdir(), "mh-data-")) },
        systemActor("tests"),
        await brokenDemo(),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContentInvalidError);
      expect((error as ContentInvalidError).issues.map((i) => i.path)).toEqual(["headline"]);
      expect(await hasAnyContent(store())).toBe(false);
      expect(await listSections(store())).toEqual([]);
      expect(await listPeople(store())).toEqual([]);
      expect((await getSettings(store())).title).toBe("Masthead");
      expect(await readChangesAfter(store(), 0)).toEqual([]);
    });
  });
