#!/usr/bin/env node
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { importCommand } from "./import.js";
import { initCommand } from "./init.js";
import { failAndExit, usageError } from "./output.js";
import { serveCommand } from "./serve.js";
import { userCommand } from "./user.js";

const HELP = `masthead — a self-hosted publishing platform for independent newsrooms

Usage: masthead <command> [options]

Commands:
  serve              serve the public site (and APIs) until stopped
  init [--demo]      create or migrate the database; --demo also loads the demo publication
  user <action>      staff accounts: create, invite, reset-link, list
  import wordpress FILE.xml
                     import a WordPress export (posts, pages, comments, media, old links)

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

const COMMANDS: Record<string, { help: string; run: (args: string[]) => Promise<void> }> = {
  serve: { help: serveCommand.help, run: (args) => serveCommand.run(args, loadConfig()) },
  init: { help: initCommand.help, run: (args) => initCommand.run(args, loadConfig()) },
  user: { help: userCommand.help, run: (args) => userCommand.run(args, loadConfig()) },
  import: { help: importCommand.help, run: (args) => importCommand.run(args, loadConfig()) },
};

/** Entry point of the `masthead` command. */
async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    process.stdout.write(HELP);
    if (name === undefined) process.exitCode = 2;
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw usageError(`unknown command '${name}'. Run 'masthead --help' for the list.`);
  const { values } = parseArgs({
    args: rest,
    options: { help: { type: "boolean", short: "h" } },
    strict: false,
  });
  if (values.help) {
    process.stdout.write(command.help);
    return;
  }
  await command.run(rest);
}

main(process.argv.slice(2)).catch(failAndExit);
