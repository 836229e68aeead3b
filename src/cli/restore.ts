import { stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { systemActor } from "../auth/actor.js";
import type { Config } from "../config.js";
import { restoreSite } from "../services/site-restore.js";
import { migrateToLatest, openStore } from "../store/reads.js";
import { CliError, usageError } from "./output.js";

const help = `Usage: masthead restore FILE.tar [--force]

Loads an archive made by 'masthead export' or 'masthead backup' into the configured database
(SQLite or PostgreSQL) and media folder. The database must hold no content: a fresh one, or one
just made by 'masthead init' without --demo. The whole archive is checked first; if anything is
wrong with it, nothing is written. Search is rebuilt from the restored articles.

Accounts restored without passwords (an archive made without --include-credentials) sign in
after choosing one: the command prints how to send each a link.

Options:
  --force      replace all content and accounts of a database that has some
  -h, --help   show this help
`;

/** `masthead restore FILE.tar`: the archive into the configured database. */
async function run(args: string[], config: Config): Promise<void> {
  let parsed: { values: { force?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { force: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    throw usageError(`${(error as Error).message}. Run 'masthead restore --help'.`);
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined)
    throw usageError("name the archive to restore: masthead restore FILE.tar");
  if (extra.length > 0) throw usageError(`unexpected argument '${extra[0]}'`);
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new CliError(`the archive '${file}' does not exist`);
  if (!info.isFile()) throw new CliError(`the archive '${file}' is not a file`);
  const store = await openStore(config.database);
  try {
    await migrateToLatest(store);
    const report = await restoreSite(
      { store, dataDir: config.dataDir },
      systemActor("command line"),
      file,
      { force: parsed.values.force ?? false },
    );
    const { counts } = report;
    const where = config.database.kind === "sqlite" ? config.database.file : "PostgreSQL";
    console.log(
      `masthead: restored ${counts.articles ?? 0} articles and pages, ${counts.comments ?? 0} ` +
        `comments, ${counts.people ?? 0} people, ${counts.users ?? 0} accounts and ` +
        `${counts.mediaFiles ?? 0} media files (exported ${report.exportedAt} by Masthead ` +
        `${report.masthead}) into ${where}${report.replaced ? ", replacing its content" : ""}`,
    );
    console.log(`Search rebuilt: ${report.searchDocuments} articles indexed.`);
    if (report.accountsWithoutPassword.length > 0) {
      console.log(
        "These accounts have no password yet. Send each a one-time link to choose one (run on " +
          "this server, with MASTHEAD_URL set to the public address):",
      );
      for (const account of report.accountsWithoutPassword)
        console.log(
          `  masthead user reset-link --email ${shellQuote(account.email)}   # ${account.name}, ${account.role}`,
        );
    }
  } finally {
    await store.close();
  }
}

function shellQuote(value: string): string {
  return /^[\w@.+-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

export const restoreCommand = { help, run };
