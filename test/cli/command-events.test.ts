// The `masthead` command's writes and their change events, as a table: every command of the
// CLI's own table (src/cli/commands.ts, and each `user` action) must be listed here, so a new
// write command cannot land without its events; `user create` and `import wordpress` are run
// for real (the built command, on an SQLite file) to check the outbox.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands.js";
import { ACTIONS as USER_ACTIONS } from "../../src/cli/user.js";
import type { ChangeType } from "../../src/content/index.js";
import { latestChangePosition, openStore, readChangesAfter } from "../../src/store/index.js";
import { masthead } from "../helpers/cli.js";

type CommandEntry =
  /** A write: the event types one successful run records. */
  | { events: ChangeType[] }
  /** Changes nothing in the publication, or nothing any reader, cache or webhook could see. */
  | { events: []; noEventsBecause: string };

/** Keyed by the words that name a command, as typed: "user create", "import ghost". */
const COMMAND_EVENTS: Record<string, CommandEntry> = {
  serve: {
    events: [],
    noEventsBecause: "serves the app; what it writes is the admin API's and the scheduler's",
  },
  init: {
    events: [],
    noEventsBecause: "creates or migrates the tables: no content changes",
  },
  "init --demo": { events: ["import.finished"] },
  "user create": { events: ["account.changed"] },
  "user invite": { events: ["account.changed"] },
  "user reset-link": { events: ["account.changed"] },
  "user list": { events: [], noEventsBecause: "reads" },
  "import wordpress": { events: ["import.finished"] },
  "import ghost": { events: ["import.finished"] },
  export: { events: [], noEventsBecause: "reads the publication into an archive" },
  restore: { events: ["publication.restored"] },
  // Sends what is queued; an edition whose last row went out is marked sent with its event.
  "mail-sender": { events: ["edition.sent"] },
  backup: {
    events: [],
    noEventsBecause: "reads the publication into a dated archive (and copies the SQLite file)",
  },
};

/** The commands the CLI has, with each `user` action named: what the table must cover. */
function cliCommands(): string[] {
  return Object.keys(COMMANDS).flatMap((name) =>
    name === "user" ? Object.keys(USER_ACTIONS).map((action) => `user ${action}`) : [name],
  );
}

describe("the command line's writes", () => {
  it("lists every command of the CLI, and no command it does not have", () => {
    const listed = Object.keys(COMMAND_EVENTS);
    const covered = (command: string) =>
      listed.some((key) => key === command || key.startsWith(`${command} `));
    expect(cliCommands().filter((command) => !covered(command))).toEqual([]);
    const words = new Set(cliCommands());
    expect(
      listed.filter((key) => !words.has(key) && !words.has(key.split(" ")[0] as string)),
    ).toEqual([]);
  });

  it("says why each command that records nothing records nothing", () => {
    expect(
      Object.entries(COMMAND_EVENTS)
        .filter(([, entry]) => entry.events.length === 0 && !("noEventsBecause" in entry))
        .map(([key]) => key),
    ).toEqual([]);
  });

  describe("run for real, on an SQLite file", () => {
    let dataDir: string;
    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-cli-events-"));
    });
    afterAll(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    /** The event types `args` recorded, after checking it succeeded. */
    async function eventsOf(args: string[]): Promise<ChangeType[]> {
      const file = path.join(dataDir, "masthead.db");
      const position = async () => {
        const store = await openStore({ kind: "sqlite", file });
        try {
          return await latestChangePosition(store);
        } finally {
          await store.close();
        }
      };
      const before = await position().catch(() => 0);
      const run = await masthead(args, dataDir);
      expect(run.code, run.stderr).toBe(0);
      const store = await openStore({ kind: "sqlite", file });
      try {
        return [...new Set((await readChangesAfter(store, before)).map((e) => e.type))].sort();
      } finally {
        await store.close();
      }
    }

    it("user create", async () => {
      const types = await eventsOf([
        "user",
        "create",
        "--email",
        "cli@example.org",
        "--name",
        "Cli Owner",
        "--role",
        "owner",
      ]);
      expect(types).toEqual(COMMAND_EVENTS["user create"]?.events);
    }, 60_000);

    it("import wordpress", async () => {
      const types = await eventsOf([
        "import",
        "wordpress",
        path.resolve("test/fixtures/wordpress/small-1.1.xml"),
      ]);
      expect(types).toEqual(COMMAND_EVENTS["import wordpress"]?.events);
    }, 90_000);
  });
});
