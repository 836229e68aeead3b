import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPassword } from "../../src/auth/login.js";
import { ERROR_CODES, type ErrorCode } from "../../src/content/errors.js";
import { resetPassword } from "../../src/services/account-links.js";
import { openStore, type Store } from "../../src/store/index.js";
import { cliArgs } from "../helpers/cli.js";
import { createPostgresDatabase, DATABASES, PG_TEST_URL } from "../helpers/databases.js";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A database for the command: a fresh SQLite data dir, or a fresh PostgreSQL database. */
interface Target {
  env: Record<string, string>;
  open(): Promise<Store>;
  drop(): Promise<void>;
}

async function target(name: string): Promise<Target> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "mh-cli-user-"));
  if (name === "postgres" && PG_TEST_URL) {
    const pg = await createPostgresDatabase(PG_TEST_URL);
    return {
      env: { MASTHEAD_DATA_DIR: dataDir, DATABASE_URL: pg.url },
      open: () => openStore({ kind: "postgres", url: pg.url }),
      drop: async () => {
        await pg.drop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  return {
    env: { MASTHEAD_DATA_DIR: dataDir },
    open: () => openStore({ kind: "sqlite", file: path.join(dataDir, "masthead.db") }),
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** Runs the real `masthead` command built, with `stdin` as its standard input. */
function masthead(args: string[], env: Record<string, string>, stdin = ""): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgs(args), {
      env: {
        PATH: process.env.PATH,
        LOG_LEVEL: "warn",
        MASTHEAD_URL: "https://news.example.org",
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const PASSWORD = "a password for the owner";

describe("masthead user: help and usage", () => {
  it("prints help for the command and after each action", async () => {
    // Four launches of the command at once: one after another they outlast the timeout on a busy machine.
    const [top, ...runs] = await Promise.all([
      masthead(["--help"], {}),
      ...[
        ["user", "--help"],
        ["user", "create", "--help"],
        ["user", "invite", "-h"],
      ].map((args) => masthead(args, {})),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Usage: masthead user <action>/);
      expect(run.stdout).toMatch(/reset-link --email E/);
    }
    expect(top.stdout).toMatch(/user <action>/);
  }, 60_000);

  it.each([
    [["user"], /say what to do/],
    [["user", "promote"], /unknown action 'promote'/],
    [["user", "create", "--email", "a@example.org"], /needs --name, --role/],
    [["user", "list", "--email", "a@example.org"], /takes no --email/],
    [["user", "invite", "--email", "a@example.org", "--role"], /--role/],
  ])("%j is a usage error (exit 2) that says what is wrong", async (args, message) => {
    const run = await masthead(args, {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

for (const db of DATABASES)
  describe(`masthead user (${db.name})`, () => {
    let t: Target;
    beforeAll(async () => {
      t = await target(db.name);
    });
    afterAll(async () => {
      await t.drop();
    });
    const withStore = async <T>(work: (store: Store) => Promise<T>): Promise<T> => {
      const store = await t.open();
      try {
        return await work(store);
      } finally {
        await store.close();
      }
    };

    it("creates the first owner with a password read from standard input; they can sign in", async () => {
      const run = await masthead(
        [
          "user",
          "create",
          "--email",
          "Owner@Example.org",
          "--name",
          "Olu Owner",
          "--role",
          "owner",
          "--password-stdin",
        ],
        t.env,
        `${PASSWORD}\n`,
      );
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/created owner owner@example\.org/);
      expect(run.stdout).not.toContain(PASSWORD);
      const user = await withStore((store) =>
        checkPassword(store, {
          email: "owner@example.org",
          password: PASSWORD,
          address: "127.0.0.1",
        }),
      );
      expect(user.role).toBe("owner");
    });

    it("without a password, prints a one-time link that sets it", async () => {
      const run = await masthead(
        ["user", "create", "--email", "ed@example.org", "--name", "Ed", "--role", "editor"],
        t.env,
      );
      expect(run.code).toBe(0);
      const url = run.stdout.match(/https:\/\/news\.example\.org\/admin\/reset\?token=([\w-]+)/);
      expect(url).not.toBeNull();
      await withStore(async (store) => {
        await resetPassword(
          { store },
          { token: url?.[1] as string, password: "edits all day long" },
        );
        const user = await checkPassword(store, {
          email: "ed@example.org",
          password: "edits all day long",
          address: "127.0.0.1",
        });
        expect(user.role).toBe("editor");
      });
    });

    it("prints invitation and reset links", async () => {
      const invite = await masthead(
        ["user", "invite", "--email", "new@example.org", "--role", "author"],
        t.env,
      );
      expect(invite.code).toBe(0);
      expect(invite.stdout).toMatch(/Invitation for new@example\.org as author/);
      expect(invite.stdout).toMatch(/https:\/\/news\.example\.org\/admin\/accept\?token=[\w-]{43}/);
      const reset = await masthead(["user", "reset-link", "--email", "OWNER@example.org"], t.env);
      expect(reset.code).toBe(0);
      expect(reset.stdout).toMatch(/https:\/\/news\.example\.org\/admin\/reset\?token=[\w-]{43}/);
    });

    it("lists the accounts", async () => {
      const run = await masthead(["user", "list"], t.env);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/ed@example\.org\s+editor\s+Ed\s+active/);
      expect(run.stdout).toMatch(/owner@example\.org\s+owner\s+Olu Owner\s+active/);
    });

    it.each([
      [
        ["create", "--email", "x@example.org", "--name", "X", "--role", "chief"],
        "",
        /role: role must be one of/,
        "MH_CONTENT_INVALID",
      ],
      [
        [
          "create",
          "--email",
          "x@example.org",
          "--name",
          "X",
          "--role",
          "author",
          "--password-stdin",
        ],
        "short\n",
        /password: password must be at least 12/,
        "MH_CONTENT_INVALID",
      ],
      [
        [
          "create",
          "--email",
          "x@example.org",
          "--name",
          "X",
          "--role",
          "author",
          "--password-stdin",
        ],
        "",
        /standard input held no password/,
        "MH_CLI",
      ],
      [
        ["create", "--email", "OWNER@example.org", "--name", "Twin", "--role", "author"],
        "",
        /account with email 'owner@example\.org' already exists/,
        "MH_CONFLICT",
      ],
      [
        ["invite", "--email", "owner@example.org", "--role", "author"],
        "",
        /already exists/,
        "MH_CONFLICT",
      ],
      [
        ["reset-link", "--email", "nobody@example.org"],
        "",
        /no account with email 'nobody@example\.org'/,
        "MH_NOT_FOUND",
      ],
    ] as const)(
      "user %j fails with its code's exit, a clear message, and writes nothing",
      async (args, stdin, message, code: ErrorCode) => {
        const before = await withStore(
          async (s) => (await s.db.selectFrom("users").select("id").execute()).length,
        );
        const run = await masthead(["user", ...args], t.env, stdin);
        expect(run.code).toBe(ERROR_CODES[code].cliExit);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).not.toMatch(/\n\s+at /);
        const after = await withStore(
          async (s) => (await s.db.selectFrom("users").select("id").execute()).length,
        );
        expect(after).toBe(before);
      },
    );
  });
