#!/usr/bin/env node
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { ERROR_CODES } from "../content/errors.js";
import { COMMANDS } from "./commands.js";
import { failAndExit, usageError } from "./output.js";

const HELP = `masthead — a self-hosted publishing platform for independent newsrooms

Usage: masthead <command> [options]

Commands:
  serve              serve the public site (and APIs) until stopped
  init [--demo]      create or migrate the database; --demo also loads the demo publication
  user <action>      staff accounts: create, invite, reset-link, list
  import wordpress FILE.xml
                     import a WordPress export (posts, pages, comments, media, old links)
  import ghost FILE.json
                     import a Ghost export (posts, pages, tags, staff, images, old links)
  export FILE.tar    write the whole publication (content, accounts, media) into one archive
  restore FILE.tar   load an archive into an empty database (SQLite or PostgreSQL)
  backup             a dated archive (and SQLite copy) in $MASTHEAD_DATA_DIR/backups, keeping 7
  mail-sender        send queued email only (a sender process of its own; needs MASTHEAD_SMTP_URL)

Options:
  -h, --help         show help (also after a command: masthead init --help)

Configuration (environment variables):
  PORT               port to listen on (default 3000)
  HOST               address to listen on (default 127.0.0.1)
  DATABASE_URL       postgres://user@host:5432/db for PostgreSQL, or an SQLite file path
                     (default: $MASTHEAD_DATA_DIR/masthead.db)
  MASTHEAD_DATA_DIR  where the SQLite file and uploaded media live (default ./data)
  MASTHEAD_URL       the public base URL used in canonical links (default http://HOST:PORT)
`;

/** Entry point of the `masthead` command. */
async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    process.stdout.write(HELP);
    if (name === undefined) process.exitCode = ERROR_CODES.MH_USAGE.cliExit;
    return;
  }
  const load = COMMANDS[name];
  if (!load) throw usageError(`unknown command '${name}'. Run 'masthead --help' for the list.`);
  const command = await load();
  const { values } = parseArgs({
    args: rest,
    options: { help: { type: "boolean", short: "h" } },
    strict: false,
  });
  if (values.help) {
    process.stdout.write(command.help);
    return;
  }
  await command.run(rest, loadConfig());
}

main(process.argv.slice(2)).catch(failAndExit);
