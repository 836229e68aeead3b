import { parseArgs } from "node:util";
import { systemActor } from "../auth/actor.js";
import type { Config } from "../config.js";
import { loadDemoPublication } from "../services/demo-publication.js";
import { hasAnyContent, migrateToLatest, openStore } from "../store/reads.js";
import { CliError, usageError } from "./output.js";

const help = `Usage: masthead init [--demo [--if-empty]]

Creates the database if needed and applies every pending migration.

Options:
  --demo       also load the demo publication (the reference article, its author,
               section, tracker and media) — for trying Masthead, not for production
  --if-empty   with --demo: load the demo only when the database holds no article yet
               (what 'npm start' uses, so restarts never duplicate it)
  -h, --help   show this help
`;

/** `masthead init`: migrate, and optionally load the demo content. */
async function run(args: string[], config: Config): Promise<void> {
  let values: { demo?: boolean; "if-empty"?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        demo: { type: "boolean" },
        "if-empty": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw usageError(`${(error as Error).message}. Run 'masthead init --help'.`);
  }
  if (values["if-empty"] && !values.demo)
    throw usageError("--if-empty only makes sense with --demo");
  const store = await openStore(config.database);
  try {
    await migrateToLatest(store);
    const where = config.database.kind === "sqlite" ? config.database.file : "PostgreSQL";
    if (!values.demo) {
      console.log(`masthead: database ready (${where})`);
      return;
    }
    if (await hasAnyContent(store)) {
      if (values["if-empty"]) {
        console.log(
          `masthead: database ready (${where}); it already holds content, demo not loaded`,
        );
        return;
      }
      throw new CliError(
        "the database already holds articles; the demo is only loaded into an empty one",
      );
    }
    await loadDemoPublication({ store, dataDir: config.dataDir }, systemActor("command line"));
    console.log(`masthead: database ready (${where}) with the demo publication`);
  } finally {
    await store.close();
  }
}

export const initCommand = { help, run };
