import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { Presets, SingleBar } from "cli-progress";
import { type Actor, systemActor } from "../auth/actor.js";
import type { Config } from "../config.js";
import { type ImportReport, summarizeReport } from "../importers/report.js";
import { makeResetLink } from "../services/accounts.js";
import { importFile } from "../services/import-file.js";
import { openStore, type Store } from "../store/reads.js";
import { CliError, usageError } from "./output.js";

const help = `Usage: masthead import wordpress FILE.xml [options]
       masthead import ghost FILE.json [options]

wordpress: imports a WordPress export (Tools → Export → All content: a WXR file, from
self-hosted WordPress or wordpress.com): posts, pages, categories as sections, tags, authors as
staff people, comments and images.

ghost: imports a Ghost export (Settings → Labs → Export your content: a JSON file, Ghost 1.x to
6.x): posts, pages, primary tags as sections, other tags, users as staff people (no accounts),
feature and content images. Members, passwords, API keys and sessions are never read.

Both add a redirect from every old address they can derive. Running one again updates what it
imported before instead of duplicating it.

Options:
  --media-dir DIR   a copy of the old site's uploads (WordPress: wp-content/uploads; Ghost:
                    content/images): images come from there
  --fetch-media     download images the media folder does not have
  --dry-run         print the report of what would be imported; write nothing
  --as-draft        (wordpress) import every post and page as a draft
  --overwrite       also replace items edited in Masthead since the last import
  --accounts        (wordpress) also make a contributor account for each author with an email,
                    and print a one-time link for each to choose a password
  --quiet           no progress bar (there is none without a terminal either)
  --report FILE     where to save the JSON report (default: $MASTHEAD_DATA_DIR/imports/…)
  -h, --help        show this help
`;

/** `masthead import wordpress|ghost FILE`: runs the import and prints and saves its report. */
async function run(args: string[], config: Config): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw usageError(`${(error as Error).message}. Run 'masthead import --help'.`);
  }
  const { values, positionals } = parsed;
  const [platform, file, ...extra] = positionals;
  if (platform !== "wordpress" && platform !== "ghost")
    throw usageError(
      platform === undefined
        ? "say what to import from: masthead import wordpress FILE.xml, or masthead import ghost FILE.json"
        : `cannot import from '${platform}'; Masthead imports from: wordpress, ghost`,
    );
  if (file === undefined)
    throw usageError(
      `name the export file: masthead import ${platform} ${platform === "ghost" ? "FILE.json" : "FILE.xml"}`,
    );
  if (extra.length > 0) throw usageError(`unexpected argument '${extra[0]}'`);
  if (platform === "ghost")
    for (const flag of ["as-draft", "accounts"] as const)
      if (values[flag]) throw usageError(`--${flag} is for WordPress imports only`);
  await mustBe(file, "file", "the export file");
  if (values["media-dir"] !== undefined)
    await mustBe(values["media-dir"], "directory", "--media-dir");

  const bar = values.quiet || !process.stderr.isTTY ? undefined : progressBar();
  const actor = systemActor("command line");
  // The importer writes on a connection of its own (in its worker); this one records the end.
  const store = await openStore(config.database);
  try {
    const report = await importFile(
      { store, database: config.database },
      actor,
      {
        platform,
        file,
        options: {
          dataDir: config.dataDir,
          mediaDir: values["media-dir"],
          fetchMedia: values["fetch-media"],
          dryRun: values["dry-run"],
          asDraft: values["as-draft"],
          overwrite: values.overwrite,
          accounts: values.accounts,
        },
      },
      (m) => bar?.update(m.pass, m.done, m.total),
    );
    bar?.stop();
    const reportFile =
      values.report ??
      path.join(
        config.dataDir,
        "imports",
        `${platform}-${report.startedAt.replace(/[:.]/g, "-")}.json`,
      );
    await mkdir(path.dirname(reportFile), { recursive: true });
    await writeFile(reportFile, `${JSON.stringify(report, null, 2)}\n`);
    for (const line of summarizeReport(report)) console.log(line);
    console.log(`Report saved to ${reportFile}`);
    if (!report.dryRun && report.accounts.length > 0)
      await printPasswordLinks({ store, publicUrl: config.publicUrl }, actor, report);
  } finally {
    bar?.stop();
    await store.close();
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      "media-dir": { type: "string" },
      "fetch-media": { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      "as-draft": { type: "boolean", default: false },
      overwrite: { type: "boolean", default: false },
      accounts: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      report: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** One-time links for the new accounts to choose a password (as `masthead user reset-link`). */
async function printPasswordLinks(
  deps: { store: Store; publicUrl: string },
  actor: Actor,
  report: ImportReport,
): Promise<void> {
  console.log("Accounts made (contributors; an owner can change their role):");
  for (const account of report.accounts) {
    const { link } = await makeResetLink(deps, actor, { id: account.userId });
    console.log(
      `  ${account.name} <${account.email}> — choose a password (works once, until ${link.expiresAt}):`,
    );
    console.log(`  ${link.url}`);
  }
}

async function mustBe(where: string, kind: "file" | "directory", what: string): Promise<void> {
  const info = await stat(where).catch(() => undefined);
  if (!info) throw new CliError(`${what} '${where}' does not exist`);
  if (kind === "file" ? !info.isFile() : !info.isDirectory())
    throw new CliError(`${what} '${where}' is not a ${kind}`);
}

/** A bar on the terminal: items per second and time left, for the scan (bytes) and the import. */
function progressBar() {
  const bar = new SingleBar(
    {
      format:
        " {pass} [{bar}] {percentage}% | {value}/{total} {unit} | {speed}/s | {eta_formatted} left",
      hideCursor: true,
      etaBuffer: 50,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  let current: string | undefined;
  let started = Date.now();
  return {
    update(pass: "scan" | "import", done: number, total: number) {
      if (pass !== current) {
        if (current !== undefined) bar.stop();
        current = pass;
        started = Date.now();
        bar.start(total, 0, {
          pass: pass === "scan" ? "Reading " : "Importing",
          unit: pass === "scan" ? "bytes" : "items",
          speed: "0",
        });
      }
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(done, { speed: String(Math.round(done / seconds)) });
    },
    stop() {
      if (current !== undefined) bar.stop();
      current = undefined;
    },
  };
}

export const importCommand = { help, run };
