// `masthead export`, `restore` and `backup` as a person types them, through the real command
// (built) on SQLite: moving a publication from one data directory to another.
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../src/content/errors.js";
import { masthead } from "../helpers/cli.js";

describe("masthead export, restore and backup", () => {
  let work: string;
  let from: string;
  let to: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "mh-cli-archive-"));
    from = path.join(work, "from");
    to = path.join(work, "to");
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it("says how to call them when called wrongly", async () => {
    const [noFile, help, restoreHelp, backupKeep, noArchive] = await Promise.all([
      masthead(["export"], from),
      masthead(["export", "--help"], from),
      masthead(["restore", "--help"], from),
      masthead(["backup", "--keep", "none"], from),
      masthead(["restore", path.join(work, "nope.tar")], from),
    ]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain("masthead export FILE.tar");
    expect(help.stdout).toContain("--include-credentials");
    expect(restoreHelp.stdout).toContain("--force");
    expect(backupKeep.code).toBe(2);
    expect(backupKeep.stderr).toContain("--keep must be a whole number");
    expect(noArchive.code).toBe(1);
    expect(noArchive.stderr).toMatch(/does not exist/);
  }, 60_000);

  it("moves a publication: export, restore into a fresh database, refuse a second restore", async () => {
    expect((await masthead(["init", "--demo"], from)).code).toBe(0);
    const made = await masthead(
      ["user", "create", "--email", "ed@example.org", "--name", "Ed Itor", "--role", "editor"],
      from,
    );
    expect(made.code).toBe(0);
    const file = path.join(work, "site.tar");
    const exported = await masthead(["export", file], from);
    expect(exported.stderr).toBe("");
    expect(exported.stdout).toMatch(
      /exported 2 articles and pages, .* 1 accounts and 2 media files/,
    );

    const restored = await masthead(["restore", file], to);
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/restored 2 articles and pages/);
    expect(restored.stdout).toContain("masthead user reset-link --email ed@example.org");
    expect((await readdir(path.join(to, "media"))).length).toBe(2);

    const again = await masthead(["restore", file], to);
    expect(again.code).toBe(ERROR_CODES.MH_ARCHIVE_TARGET_NOT_EMPTY.cliExit);
    expect(again.stderr).toMatch(/^masthead: error: the database already holds content .*--force/m);
    const forced = await masthead(["restore", file, "--force"], to);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("replacing its content");

    const wrong = path.join(work, "wrong.tar");
    await writeFile(wrong, "not an archive at all\n".repeat(100));
    const refused = await masthead(["restore", wrong, "--force"], to);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^masthead: error: .*is not a Masthead archive/m);
    expect(refused.stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 120_000);

  it("backs up into the data directory's backups folder", async () => {
    const run = await masthead(["backup", "--keep", "1"], from);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const files = (await readdir(path.join(from, "backups"))).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^masthead-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db$/);
    expect(files[1]).toMatch(/^masthead-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.tar$/);
  }, 60_000);
});
