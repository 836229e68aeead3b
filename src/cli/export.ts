import { stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { exportToFile } from "../archive/export.js";
import type { Config } from "../config.js";
import { migrateToLatest, openStore } from "../store/reads.js";
import { CliError, usageError } from "./output.js";

const help = `Usage: masthead export FILE.tar [--include-credentials]

Writes the whole publication into one archive: articles and pages with their revisions and
corrections, people, sections, tags, trackers, comments, daily view counts, redirects, settings,
import records, staff accounts (without passwords) and every media file. 'masthead restore'
loads it into another database, SQLite or PostgreSQL. The file appears only once complete.

Options:
  --include-credentials   also write the accounts' password hashes, so staff can sign in
                          with their passwords after a restore (keep such a file private)
  -h, --help              show this help
`;

/** `masthead export FILE.tar`: the archive of the configured database. */
async function run(args: string[], config: Config): Promise<void> {
  let parsed: { values: { "include-credentials"?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        "include-credentials": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw usageError(`${(error as Error).message}. Run 'masthead export --help'.`);
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) throw usageError("name the archive to write: masthead export FILE.tar");
  if (extra.length > 0) throw usageError(`unexpected argument '${extra[0]}'`);
  const info = await stat(path.dirname(path.resolve(file))).catch(() => undefined);
  if (!info?.isDirectory())
    throw new CliError(`the folder of '${file}' does not exist; create it first`);
  const store = await openStore(config.database);
  try {
    await migrateToLatest(store);
    const manifest = await exportToFile(store, file, {
      dataDir: config.dataDir,
      includeCredentials: parsed.values["include-credentials"] ?? false,
    });
    const { counts } = manifest;
    const articles = counts.articles ?? 0;
    console.log(
      `masthead: exported ${articles} articles and pages, ${counts.comments ?? 0} comments, ` +
        `${counts.people ?? 0} people, ${counts.users ?? 0} accounts and ${counts.mediaFiles ?? 0} ` +
        `media files to ${file}` +
        (manifest.includesCredentials ? " (with password hashes: keep it private)" : ""),
    );
  } finally {
    await store.close();
  }
}

export const exportCommand = { help, run };
