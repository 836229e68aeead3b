import { parseArgs } from "node:util";
import { backup, DEFAULT_KEEP } from "../archive/backup.js";
import type { Config } from "../config.js";
import { migrateToLatest, openStore } from "../store/reads.js";
import { usageError } from "./output.js";

const help = `Usage: masthead backup [--dir DIR] [--keep N]

Writes a dated archive of the publication (masthead-YYYY-MM-DDTHH-MM-SSZ.tar, as 'masthead
export' makes) and, on SQLite, an online copy of the database file beside it (.db, made with
VACUUM INTO while the site keeps running). Then deletes the oldest backups this command made,
keeping the newest N of each kind. Schedule it with cron or a systemd timer: docs/OPERATIONS.md.

Options:
  --dir DIR    where backups go (default: $MASTHEAD_DATA_DIR/backups)
  --keep N     how many of each kind to keep (default ${DEFAULT_KEEP})
  -h, --help   show this help
`;

/** `masthead backup`: a dated archive (and SQLite copy), keeping the newest N. */
async function run(args: string[], config: Config): Promise<void> {
  let parsed: { values: { dir?: string; keep?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        dir: { type: "string" },
        keep: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw usageError(`${(error as Error).message}. Run 'masthead backup --help'.`);
  }
  if (parsed.positionals.length > 0)
    throw usageError(`unexpected argument '${parsed.positionals[0]}'`);
  const keep = parsed.values.keep === undefined ? DEFAULT_KEEP : Number(parsed.values.keep);
  if (!Number.isInteger(keep) || keep < 1)
    throw usageError(`--keep must be a whole number of at least 1; got '${parsed.values.keep}'`);
  const store = await openStore(config.database);
  try {
    await migrateToLatest(store);
    const report = await backup(store, { dataDir: config.dataDir, dir: parsed.values.dir, keep });
    console.log(`masthead: backup written to ${report.archive}`);
    if (report.database) console.log(`masthead: SQLite copy written to ${report.database}`);
    for (const removed of report.removed) console.log(`masthead: removed old backup ${removed}`);
  } finally {
    await store.close();
  }
}

export const backupCommand = { help, run };
