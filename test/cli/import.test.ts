// `masthead import` as a person types it: usage mistakes, a bad file, a dry run and a real run,
// through the real command (built) on SQLite.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { masthead } from "../helpers/cli.js";

const FIXTURES = path.resolve("test/fixtures/wordpress");

describe("masthead import", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "mh-cli-import-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("says how to call it when called wrongly", async () => {
    const [none, ghost, missing, help] = await Promise.all([
      masthead(["import"], dataDir),
      masthead(["import", "blogger", "x.xml"], dataDir),
      masthead(["import", "wordpress", path.join(dataDir, "nope.xml")], dataDir),
      masthead(["import", "--help"], dataDir),
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("masthead import wordpress FILE.xml");
    expect(ghost.code).toBe(2);
    expect(ghost.stderr).toContain("cannot import from 'blogger'");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
    expect(help.stdout).toContain("--media-dir");
  }, 60_000);

  it("refuses a file that is not a WordPress export, saying why", async () => {
    const run = await masthead(
      ["import", "wordpress", path.join(FIXTURES, "ghost-export.json")],
      dataDir,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^masthead: error: .*Ghost/m);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace for our own errors
  }, 60_000);

  it("prints and saves a report; a dry run writes nothing", async () => {
    const dry = await masthead(
      ["import", "wordpress", path.join(FIXTURES, "full-1.2.xml"), "--dry-run"],
      dataDir,
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Dry run: nothing was written");
    expect(dry.stdout).toMatch(/articles\s+9 imported/);
    const real = await masthead(
      ["import", "wordpress", path.join(FIXTURES, "full-1.2.xml")],
      dataDir,
    );
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/articles\s+9 imported/);
    expect(real.stdout).toMatch(/Media missing: 2/);
    const reports = await readdir(path.join(dataDir, "imports"));
    expect(reports.length).toBe(2);
    const saved = JSON.parse(
      await readFile(path.join(dataDir, "imports", reports.sort()[1] as string), "utf8"),
    );
    expect(saved.counts.article.imported).toBe(9);
    expect(saved.mediaMissing.length).toBe(2);
    const again = await masthead(
      ["import", "wordpress", path.join(FIXTURES, "full-1.2.xml"), "--accounts"],
      dataDir,
    );
    expect(again.stdout).toMatch(/articles\s+0 imported, 0 updated, 9 unchanged/);
    // Accounts only on request: one link per author to choose a password.
    expect(again.stdout).toMatch(/Accounts made/);
    expect(again.stdout).toMatch(/Maria Okonkwo-Brandt <maria@example\.org> — choose a password/);
    expect(again.stdout.match(/\/admin\/reset\?token=/g)?.length ?? 0).toBe(3);
  }, 120_000);
});
