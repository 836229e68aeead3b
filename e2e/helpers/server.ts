import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type DatabaseConfig, parseDatabaseUrl } from "../../src/config.js";
import type { Role } from "../../src/content/index.js";
import { type Dialect, getPersonBySlug, openStore, type Store } from "../../src/store/index.js";
import { createPostgresDatabase, PG_TEST_URL } from "../../test/helpers/databases.js";

/** The built CLI: e2e tests run what a publisher runs, so `npm run build` must come first. */
const CLI = path.resolve("dist/cli/main.js");

/** The demo publication's reference article (see demo/content.json). */
export const REFERENCE_SLUG =
  "trump-signals-possible-us-military-action-against-drug-cartels-in-mexico";
export const REFERENCE_HEADLINE =
  "Trump Signals Possible U.S. Military Action Against Drug Cartels in Mexico";
export const REFERENCE_PATH = `/articles/${REFERENCE_SLUG}`;

/** A Masthead process serving a fresh demo publication on 127.0.0.1. */
export interface RunningSite {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  origin: string;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** Sends SIGTERM and waits for the process to exit; removes the data dir. */
  stop(): Promise<void>;
}

/** A staff account to create, as a publisher would: with `masthead user create`. */
export interface SeedUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  /** Slug of the demo Person the account writes as (its byline). */
  personSlug?: string;
}

export interface StartSiteOptions {
  /** `false` starts an empty publication (`init` without `--demo`); the demo by default. */
  demo?: boolean;
  /** Adds content to the demo database after `init --demo` and before `serve`. */
  seed?: (store: Store) => Promise<void>;
  /** Accounts created with the CLI after `seed` (none by default: setup is then open). */
  users?: SeedUser[];
  /** The database to serve from: a fresh SQLite file (the default) or a fresh PostgreSQL database. */
  database?: Dialect;
  /** More environment for the server, read when it starts (e.g. an SMTP sink's URL). */
  env?: () => NodeJS.ProcessEnv;
}

/**
 * The databases a browser test of the working day runs on: SQLite always, PostgreSQL when
 * MASTHEAD_TEST_PG_URL is set (test/helpers/databases.ts requires it under CI).
 */
export const E2E_DATABASES: Dialect[] = PG_TEST_URL ? ["sqlite", "postgres"] : ["sqlite"];

/** Asks the kernel for a free port, so MASTHEAD_URL (canonical links) names the real one. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", resolve);
  });
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `masthead ${args.join(" ")} failed (${error.code ?? error.signal}):\n${stdout}${stderr}`,
            ),
          );
        else resolve();
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

function waitForListening(child: ChildProcess, log: () => string, timeoutMs: number) {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`masthead serve did not report listening in ${timeoutMs} ms:\n${log()}`));
    }, timeoutMs);
    const onData = () => {
      // The serve command logs "Masthead is serving http://127.0.0.1:PORT (...)" once listening.
      const match = /serving (http:\/\/[^\s"()]+)/.exec(log());
      if (match?.[1]) {
        cleanup();
        resolve(match[1].replace(/\/+$/, ""));
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`masthead serve exited early (${code ?? signal}):\n${log()}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
}

/**
 * Starts the real built server on a fresh database (SQLite in a temporary data dir by default) holding the demo
 * publication (plus whatever `seed` adds), the way `npm start` does.
 */
export async function startSite(options: StartSiteOptions = {}): Promise<RunningSite> {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run 'npm run build' before the browser tests`);
  const dataDir = await mkdtemp(path.join(tmpdir(), "masthead-e2e-"));
  const port = await freePort();
  const pgDatabase =
    options.database === "postgres"
      ? await createPostgresDatabase(
          PG_TEST_URL ??
            (() => {
              throw new Error("a PostgreSQL browser test needs MASTHEAD_TEST_PG_URL");
            })(),
        )
      : undefined;
  const database: DatabaseConfig = pgDatabase
    ? { kind: "postgres", url: pgDatabase.url }
    : parseDatabaseUrl(undefined, dataDir);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    MASTHEAD_DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: String(port),
    MASTHEAD_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "info",
    ...(pgDatabase ? { DATABASE_URL: pgDatabase.url } : {}),
    ...options.env?.(),
  };
  await runCli(options.demo === false ? ["init"] : ["init", "--demo", "--if-empty"], env);

  if (options.seed) {
    const store = await openStore(database);
    try {
      await options.seed(store);
    } finally {
      await store.close();
    }
  }

  for (const user of options.users ?? []) {
    let personId: string | undefined;
    if (user.personSlug) {
      const store = await openStore(database);
      try {
        personId = (await getPersonBySlug(store, user.personSlug))?.id;
      } finally {
        await store.close();
      }
      if (!personId) throw new Error(`no person '${user.personSlug}' to link ${user.email} to`);
    }
    await runCli(
      [
        "user",
        "create",
        "--email",
        user.email,
        "--name",
        user.name,
        "--role",
        user.role,
        ...(personId ? ["--person-id", personId] : []),
        "--password-stdin",
      ],
      env,
      user.password,
    );
  }

  const child = spawn(process.execPath, [CLI, "serve"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

  let url: string;
  try {
    url = await waitForListening(child, () => output, 30_000);
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    await rm(dataDir, { recursive: true, force: true });
    await pgDatabase?.drop();
    throw error;
  }

  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        // A graceful shutdown takes milliseconds; a hung one must not hang the suite.
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
      await pgDatabase?.drop();
    },
  };
}
