import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Page } from "playwright-core";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, screenshot, signIn } from "./helpers/admin.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, openDesktopPage, useSiteAndBrowser } from "./helpers/fixture.js";
import type { SeedUser } from "./helpers/server.js";

// Moving in and taking everything out from the admin app: the owner uploads a WordPress export,
// reads the dry run's report, runs the import and reads its report, finds the imported article
// in the list; then downloads the whole publication as an archive.

const OWNER: SeedUser = {
  email: "olga@example.org",
  name: "Olga Owner",
  role: "owner",
  password: PASSWORD,
};
const WXR = path.resolve("test/fixtures/wordpress/small-1.1.xml");

const env = useSiteAndBrowser({ users: [OWNER] });

describe("import and export in the admin app", E2E_TIMEOUT, () => {
  let page: Page;
  beforeAll(async () => {
    page = await openDesktopPage(env.browser);
    await signIn(page, env.site.url, OWNER);
  });
  afterAll(async () => {
    await page?.context().close();
  });
  const expectAccessible = async () => {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  };

  it("runs a dry run, shows its report, imports, and keeps the final report", async () => {
    await page.getByRole("link", { name: "Import & export" }).click();
    await page.getByRole("heading", { level: 1, name: "Import & export" }).waitFor();
    await expectAccessible();

    await page.getByLabel("Export file", { exact: true }).setInputFiles(WXR);
    await page.getByRole("button", { name: "Check the file (dry run)" }).click();
    await page.getByText("Dry run: nothing was written. The import would do this:").waitFor();
    const counts = page.getByRole("table", { name: "Records per kind" });
    expect(await counts.getByRole("row", { name: /^Articles/ }).textContent()).toMatch(
      /^Articles1000$/,
    );
    expect(await counts.getByRole("row", { name: /^Pages/ }).textContent()).toMatch(/^Pages1000$/);
    await screenshot(page, "import-dry-run");
    await expectAccessible();

    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByText("The import did this:").waitFor();
    await page
      .getByRole("status")
      .filter({ hasText: "Import of small-1.1.xml: Finished" })
      .waitFor();
    const history = page.getByRole("table", { name: "Past imports, newest first" });
    await history.getByRole("row").nth(2).waitFor();
    const rows = await history.getByRole("row").allTextContents();
    expect(rows.slice(1).map((r) => r.replace(/^.*small-1\.1\.xml/, ""))).toEqual([
      "ImportFinishedOpen",
      "Dry runFinishedOpen",
    ]);
    await screenshot(page, "import-done");
    await expectAccessible();

    // Past runs open again with their report.
    await history.getByRole("button", { name: /Open the report of the dry run/ }).click();
    await page.getByText("Dry run: nothing was written. The import would do this:").waitFor();

    await page.getByRole("link", { name: "Articles", exact: true }).click();
    await page.getByRole("link", { name: "Hello world!" }).waitFor();
  });

  it("downloads the export: a tar archive with its manifest, which restores", async () => {
    await page.getByRole("link", { name: "Import & export" }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download export" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^masthead-\d{4}-\d{2}-\d{2}\.tar$/);
    expect(await download.failure()).toBeNull();
    const bytes = await readFile((await download.path()) as string);
    const manifest = JSON.parse((await tarMembers(bytes)).get("manifest.json") ?? "null");
    expect(manifest).toMatchObject({ formatVersion: 1 });
    expect(manifest.counts.articles).toBeGreaterThan(1);
    // What a publisher does with it on a new machine: restore it into an empty database.
    const dataDir = await mkdtemp(path.join(tmpdir(), "mh-e2e-restore-"));
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [path.resolve("dist/cli/main.js"), "restore", (await download.path()) as string],
        { env: { ...process.env, MASTHEAD_DATA_DIR: dataDir, DATABASE_URL: "" } },
      );
      expect(stdout).toContain(`restored ${manifest.counts.articles} articles and pages`);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

/** The members of a tar as text, by name. */
async function tarMembers(bytes: Buffer): Promise<Map<string, string>> {
  const members = new Map<string, string>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c) => chunks.push(c as Buffer));
      stream.on("end", () => {
        members.set(header.name, Buffer.concat(chunks).toString("utf8"));
        next();
      });
    });
    extract.on("finish", resolve);
    extract.on("error", reject);
  });
  extract.end(bytes);
  await done;
  return members;
}
