// Several real `masthead serve` processes on one database, as a publication with more than one
// instance runs them: for the tests that prove a change made on one instance reaches the pages
// every other instance serves. Everything goes through HTTP and the built CLI, nothing through
// the store, so the tests hold whatever the instances do inside.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, connect as netConnect, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliArgs } from "./cli.js";
import { createPostgresDatabase } from "./databases.js";
import { freePort } from "./free-port.js";

const API = "/api/admin/v1";

/** A running `masthead serve`. */
export interface Instance {
  /** "A", "B", "C"…: how test names and failure messages refer to it. */
  name: string;
  /** http://127.0.0.1:<port> */
  url: string;
  child: ChildProcess;
  /** What it wrote to stdout and stderr so far (LOG_LEVEL=warn). */
  output(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** SIGTERM, then SIGKILL after 10 s; resolves when it has exited. */
  stop(): Promise<void>;
}

/** Where the instances keep their data: the environment every one of them gets. */
export interface SharedDatabase {
  /** MASTHEAD_DATA_DIR, and DATABASE_URL on PostgreSQL. */
  env: Record<string, string>;
  /** PostgreSQL's URL (undefined on SQLite). */
  databaseUrl?: string;
  /** Drops the database and removes the data folder. */
  drop(): Promise<void>;
}

/** Runs `masthead <args>` to its end with `env`; rejects with its output when it fails. */
export function runCli(args: string[], env: Record<string, string>, stdin = ""): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      cliArgs(args),
      { env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`masthead ${args.join(" ")} failed: ${error.message}\n${stderr}`))
          : resolve(stdout),
    );
    child.stdin?.end(stdin);
  });
}

/**
 * A fresh, migrated database for instances to share: on PostgreSQL a new database on the server
 * at `adminUrl` (or `databaseUrl` as it is, e.g. a private server's), on SQLite a file in a new
 * data folder. Migrated once with `masthead init`, so instances starting together do not race.
 */
export async function sharedDatabase(
  opts: { kind: "sqlite" } | { kind: "postgres"; adminUrl: string } | { databaseUrl: string },
): Promise<SharedDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "mh-instances-"));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if ("databaseUrl" in opts) databaseUrl = opts.databaseUrl;
  else if (opts.kind === "postgres") {
    const created = await createPostgresDatabase(opts.adminUrl);
    databaseUrl = created.url;
    dropDatabase = created.drop;
  }
  const env: Record<string, string> = { MASTHEAD_DATA_DIR: dataDir };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  await runCli(["init"], env);
  return {
    env,
    databaseUrl,
    drop: async () => {
      await dropDatabase();
      await removeDir();
    },
  };
}

/** Polls `check` every `intervalMs` until it resolves true; rejects after `timeoutMs`. */
async function poll(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 50) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return true;
}

/**
 * Starts `masthead serve` named `name` with `env` on a free port and resolves once /readyz
 * answers 200. `env` may override DATABASE_URL (e.g. through a proxy).
 */
export async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, cliArgs(["serve"]), {
    env: {
      PATH: process.env.PATH ?? "",
      LOG_LEVEL: "warn",
      HOST: "127.0.0.1",
      ...env,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    // Bounded: an instance that logs every failed query while its database is away stays small.
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const alive = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;
  const instance: Instance = {
    name,
    url,
    child,
    output: () => output,
    alive,
    stop: async () => {
      if (!alive()) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const ready = await poll(async () => {
    if (!alive()) throw new Error(`instance ${name} exited with ${child.exitCode}:\n${output}`);
    return fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
  }, 30_000);
  if (!ready) {
    await instance.stop();
    throw new Error(`instance ${name} did not become ready within 30 s:\n${output}`);
  }
  return instance;
}

/** Starts one instance per name on `db`, all at once. */
export function startInstances(names: string[], db: SharedDatabase): Promise<Instance[]> {
  return Promise.all(names.map((name) => startInstance(name, db.env)));
}

/** Stops the instances that still run (by their own PID, via ChildProcess.kill). */
export async function stopInstances(instances: readonly (Instance | undefined)[]): Promise<void> {
  await Promise.all(instances.map((i) => i?.stop()));
}

/** An owner account made with the real CLI; its email and password. */
export async function createOwner(
  db: SharedDatabase,
): Promise<{ email: string; password: string }> {
  const email = `owner-${randomBytes(4).toString("hex")}@example.org`;
  const password = "a long password for the owner";
  await runCli(
    [
      "user",
      "create",
      "--email",
      email,
      "--name",
      "Instance Owner",
      "--role",
      "owner",
      "--password-stdin",
    ],
    db.env,
    password,
  );
  return { email, password };
}

/** An answer of the site: status and body text. */
export interface PageAnswer {
  status: number;
  body: string;
}

/** GETs `path` on `instance` as an anonymous reader (no cookie: the page cache serves it). */
export async function getPage(instance: Instance, pathname: string): Promise<PageAnswer> {
  try {
    const res = await fetch(instance.url + pathname, { redirect: "manual" });
    return { status: res.status, body: await res.text() };
  } catch (error) {
    // Say why nobody answered: a crashed instance's last words are what to look at.
    if (!instance.alive())
      throw new Error(
        `instance ${instance.name} has exited (${instance.child.exitCode ?? instance.child.signalCode}) before GET ${pathname}; its output:\n${instance.output()}`,
      );
    throw error;
  }
}

/** What an article's editable fields are saved as; `body` is one paragraph. */
export interface ArticleFields {
  slug: string;
  headline: string;
  type: "news";
  sectionId: string;
  authorIds: string[];
  body: { type: "paragraph"; content: { text: string }[] }[];
}

/** An article as the test last saw it: its id, the version to send next and its fields. */
export interface TestArticle {
  id: string;
  version: number;
  fields: ArticleFields;
  /** /articles/<slug> */
  path: string;
}

/** An owner signed in on one instance: the admin API calls the tests make. */
export interface Newsroom {
  instance: Instance;
  /** A JSON request; throws with the answer unless its status is 2xx. */
  api<T>(method: string, pathname: string, body?: unknown): Promise<T>;
  /** A section and a person to put new articles in and under. */
  createDesk(): Promise<{ sectionId: string; sectionPath: string; personId: string }>;
  /** Creates a draft with `headline` in the desk's section. */
  createArticle(
    desk: { sectionId: string; personId: string },
    headline: string,
  ): Promise<TestArticle>;
  /** Moves `article` to `to` (published, unpublished…); updates its version. */
  transition(article: TestArticle, to: string): Promise<void>;
  /** Saves `article` with a new headline; updates its version and fields. */
  editHeadline(article: TestArticle, headline: string): Promise<void>;
}

type ArticleAnswer = { article: { id: string }; version: number };

/** Signs `owner` in on `instance` through POST /api/admin/v1/session, as the admin app does. */
export async function signInOn(
  instance: Instance,
  owner: { email: string; password: string },
): Promise<Newsroom> {
  const res = await fetch(`${instance.url}${API}/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(owner),
  });
  if (res.status !== 200)
    throw new Error(`signing in on ${instance.name} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie().find((c) => c.startsWith("mh_session=")) ?? "").split(
    ";",
  )[0] as string;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { cookie, "x-csrf-token": csrfToken };

  const api = async <T>(method: string, pathname: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${instance.url}${API}${pathname}`, {
      method,
      headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (answer.status < 200 || answer.status > 299)
      throw new Error(`${method} ${pathname} on ${instance.name}: ${answer.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  return {
    instance,
    api,
    async createDesk() {
      const tag = randomBytes(3).toString("hex");
      const { section } = await api<{ section: { id: string; slug: string } }>(
        "POST",
        "/sections",
        { slug: `desk-${tag}`, name: `Desk ${tag}` },
      );
      const { person } = await api<{ person: { id: string } }>("POST", "/people", {
        slug: `reporter-${tag}`,
        name: `Reporter ${tag}`,
      });
      return {
        sectionId: section.id,
        sectionPath: `/sections/${section.slug}`,
        personId: person.id,
      };
    },
    async createArticle(desk, headline) {
      const fields: ArticleFields = {
        slug: `story-${randomBytes(4).toString("hex")}`,
        headline,
        type: "news",
        sectionId: desk.sectionId,
        authorIds: [desk.personId],
        body: [{ type: "paragraph", content: [{ text: "What happened, in one paragraph." }] }],
      };
      const created = await api<ArticleAnswer>("POST", "/articles", fields);
      return {
        id: created.article.id,
        version: created.version,
        fields,
        path: `/articles/${fields.slug}`,
      };
    },
    async transition(article, to) {
      const moved = await api<ArticleAnswer>("POST", `/articles/${article.id}/transitions`, {
        to,
        version: article.version,
      });
      article.version = moved.version;
    },
    async editHeadline(article, headline) {
      const fields = { ...article.fields, headline };
      const saved = await api<ArticleAnswer>("PUT", `/articles/${article.id}`, {
        ...fields,
        version: article.version,
      });
      article.version = saved.version;
      article.fields = fields;
    },
  };
}

/** A headline no other test uses, plain ASCII so the page shows it unescaped. */
export function uniqueHeadline(prefix = "Headline"): string {
  return `${prefix} ${randomBytes(5).toString("hex")}`;
}

/**
 * Polls `check` every `intervalMs` (20 ms) until it is true and resolves with how long that took
 * in ms; rejects after `timeoutMs` with `what` and the last value `describe` gives.
 * @example const ms = await waitUntil(() => fresh(b), 1000, { what: "B shows the edit" });
 */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  opts: { what?: string; intervalMs?: number; describe?: () => string } = {},
): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    const elapsed = performance.now() - started;
    if (elapsed > timeoutMs)
      throw new Error(
        `${opts.what ?? "condition"}: still not true after ${Math.round(elapsed)} ms (limit ${timeoutMs} ms)${opts.describe ? `; last: ${opts.describe()}` : ""}`,
      );
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 20));
  }
}

/** A TCP proxy in front of a database server that a test can cut and restore. */
export interface CuttableProxy {
  /** The port it listens on (127.0.0.1). */
  port: number;
  /** Ends every connection at once and refuses new ones until `restore`. */
  cut(): void;
  /** Lets new connections through again. */
  restore(): void;
  /** Connections it has passed through (so a test sees the instance reconnected). */
  readonly accepted: number;
  close(): Promise<void>;
}

/**
 * Starts a proxy on a free port forwarding to `target` (postgres://host:port/…): put it in one
 * instance's DATABASE_URL to cut that instance off while the others keep their connections.
 */
export async function startCuttableProxy(target: string): Promise<CuttableProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  let refusing = false;
  let accepted = 0;
  const server: Server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    accepted += 1;
    const upstream = netConnect(Number(port || 5432), hostname);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      open.add(from);
      from.on("error", () => to.destroy());
      from.on("close", () => {
        open.delete(from);
        to.destroy();
      });
      from.pipe(to);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("proxy has no port");
  return {
    port: address.port,
    get accepted() {
      return accepted;
    },
    cut() {
      refusing = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      refusing = false;
    },
    close: () =>
      new Promise((resolve) => {
        refusing = true;
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `databaseUrl` with its host and port replaced by the proxy's. */
export function throughProxy(databaseUrl: string, proxy: CuttableProxy): string {
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  return url.href;
}
