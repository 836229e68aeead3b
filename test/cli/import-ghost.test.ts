// `masthead import ghost` as a person types it: wrong files refused with a clear error and nothing
// written, then a dry run and a real run in the same worker as the WordPress import, on SQLite.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { masthead } from "../helpers/cli.js";
import { makeGhostImages } from "../importers/ghost/images.js";

const GHOST = path.resolve("test/fixtures/ghost");

/** Rows the import could have written, all tables it writes to. */
async function written(dataDir: string): Promise<number> {
  const store = await openStore({ kind: "sqlite", file: path.join(dataDir, "masthead.db") });
  try {
    let n = 0;
    for (const table of [
      "articles",
      "people",
      "sections",
      "tags",
      "media",
      "redirects",
      "import_sources",
    ])
      n += Number(
        (
          await store.db
            .selectFrom(table as "articles")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return n;
  } finally {
    await store.close();
  }
}

describe("masthead import ghost", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "mh-cli-ghost-"));
    await writeFile(path.join(dataDir, "notes.txt"), "just some text\n");
    // Migrated once, so the runs below may go at once without racing to migrate.
    expect((await masthead(["init"], dataDir)).code).toBe(0);
  }, 60_000);
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("refuses every file that is not a readable Ghost export, saying why, writing nothing", async () => {
    const cases: [string, RegExp][] = [
      [path.join(GHOST, "truncated.json"), /ends too early/],
      [path.join(GHOST, "not-ghost.json"), /not a Ghost export/],
      [path.join(GHOST, "future-version.json"), /Ghost 9\.1\.0, newer than this importer knows/],
      [
        path.resolve("test/fixtures/wordpress/full-1.2.xml"),
        /WordPress export.*masthead import wordpress/,
      ],
      [path.join(dataDir, "notes.txt"), /not JSON/],
    ];
    const runs = await Promise.all(
      cases.map(([file]) => masthead(["import", "ghost", file], dataDir)),
    );
    for (const [i, run] of runs.entries()) {
      expect([cases[i]?.[0], run.code]).toEqual([cases[i]?.[0], 1]);
      expect(run.stderr).toMatch(/^masthead: error: /m);
      expect(run.stderr).toMatch(cases[i]?.[1] as RegExp);
      expect(run.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace for our own errors
    }
    expect(await written(dataDir)).toBe(0);
  }, 180_000);

  it("says which command to use for a Ghost export given to wordpress, and refuses WordPress-only flags", async () => {
    const [wrong, accounts] = await Promise.all([
      masthead(["import", "wordpress", path.join(GHOST, "ghost-5.json")], dataDir),
      masthead(["import", "ghost", path.join(GHOST, "ghost-5.json"), "--accounts"], dataDir),
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Ghost JSON export.*masthead import ghost/);
    expect(accounts.code).toBe(2);
    expect(accounts.stderr).toContain("--accounts is for WordPress imports only");
  }, 60_000);

  it("prints and saves a report; a dry run writes nothing; secrets stay out of the report", async () => {
    const images = path.join(dataDir, "images");
    await makeGhostImages(images, ["2023/05/harbour.jpg", "2023/06/chart.png", "2023/01/jane.jpg"]);
    const file = path.join(GHOST, "ghost-5.json");
    const dry = await masthead(
      ["import", "ghost", file, "--dry-run", "--media-dir", images],
      dataDir,
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Dry run: nothing was written");
    expect(dry.stdout).toMatch(/articles\s+6 imported/);
    expect(await written(dataDir)).toBe(0);
    const reportFile = path.join(dataDir, "ghost-report.json");
    const real = await masthead(
      ["import", "ghost", file, "--media-dir", images, "--report", reportFile, "--quiet"],
      dataDir,
    );
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/articles\s+6 imported/);
    expect(real.stdout).toMatch(/pages\s+2 imported/);
    expect(real.stdout).toMatch(
      /Media missing: 1 \(give --media-dir with a copy of Ghost's content\/images/,
    );
    const saved = await readFile(reportFile, "utf8");
    expect(JSON.parse(saved).counts.media.imported).toBe(3);
    for (const text of [saved, real.stdout, real.stderr])
      expect(text).not.toMatch(/SECRET|\$2a\$10\$/i);
    const again = await masthead(
      ["import", "ghost", file, "--media-dir", images, "--quiet"],
      dataDir,
    );
    expect(again.stdout).toMatch(/articles\s+0 imported, 0 updated, 6 unchanged/);
  }, 180_000);
});
