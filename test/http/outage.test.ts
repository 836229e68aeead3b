// While the database cannot be reached: cached pages are still served (stale-if-error), everything
// else answers 503 MH_DB_UNREACHABLE with Retry-After, /healthz stays 200, and all of it recovers
// by itself when the database is back. PostgreSQL: a private server this file starts and stops.
// SQLite has no server to lose; its outage is another process holding the write lock.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/auth/actor.js";
import { loadConfig } from "../../src/config.js";
import { DB_RETRY_AFTER_SECONDS } from "../../src/content/errors.js";
import { buildServer } from "../../src/server.js";
import { loadDemoPublication } from "../../src/services/demo-publication.js";
import { migrateToLatest, openStore, type Store } from "../../src/store/index.js";
import { type SignedIn, signIn, TEST_PASSWORD } from "../helpers/auth.js";
import { type PrivatePostgres, startPrivatePostgres } from "../helpers/private-postgres.js";
import { BROWSER_UA, DEMO_PATH } from "./app.js";

const TTL_MS = 60_000;
const SECTION_PATH = "/sections/resist-hate";

/** The app on `store` with the demo content and a page cache whose clock the test moves. */
async function startApp(store: Store, dataDir: string) {
  await loadDemoPublication({ store, dataDir }, systemActor("tests"));
  const clock = { now: Date.now() };
  const config = loadConfig({ MASTHEAD_DATA_DIR: dataDir });
  const app = await buildServer({
    config,
    store,
    logLevel: "silent",
    pageCache: { ttlMs: TTL_MS, now: () => clock.now },
  });
  await app.ready();
  return { app, clock };
}

/** Asks `url` until `ok` holds for the answer; fails with the last answer after `deadlineMs`. */
async function until(
  app: FastifyInstance,
  url: string,
  ok: (res: LightMyRequestResponse) => boolean,
  deadlineMs = 15_000,
): Promise<LightMyRequestResponse> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const res = await app.inject(url);
    if (ok(res)) return res;
    if (Date.now() > deadline)
      throw new Error(`${url} still answers ${res.statusCode} after ${deadlineMs} ms: ${res.body}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function expectUnreachableJson(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(503);
  expect(res.headers["retry-after"]).toBe(String(DB_RETRY_AFTER_SECONDS));
  expect(res.headers["content-type"]).toMatch(/application\/json/);
  expect(res.json().error.code).toBe("MH_DB_UNREACHABLE");
  // Nothing about where the database lives reaches the client.
  expect(res.body).not.toMatch(/127\.0\.0\.1|postgres|sqlite|ECONN/i);
}

describe("postgres (a private server, stopped and started by the test)", () => {
  let server: PrivatePostgres | undefined;
  let store: Store | undefined;
  let app: FastifyInstance;
  let clock: { now: number };
  let dataDir: string | undefined;
  let editor: SignedIn;

  beforeAll(async () => {
    server = await startPrivatePostgres();
    store = await openStore({ kind: "postgres", url: server.url });
    await migrateToLatest(store);
    dataDir = await mkdtemp(path.join(tmpdir(), "mh-outage-"));
    ({ app, clock } = await startApp(store, dataDir));
    editor = await signIn(app, store, "editor");
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await server?.destroy();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  it("serves cached pages, answers 503 elsewhere, keeps /healthz at 200, and recovers by itself", async () => {
    const warm = await app.inject(DEMO_PATH);
    expect(warm.statusCode).toBe(200);
    // The cached copy has expired: only the outage makes it worth serving.
    clock.now += TTL_MS + 5_000;
    await server?.stopImmediately();

    const article = await app.inject(DEMO_PATH);
    expect(article.statusCode).toBe(200);
    expect(article.body).toBe(warm.body);
    expect(article.headers.etag).toBe(warm.headers.etag);
    expect(article.headers["x-masthead-stale"]).toBe("database-unreachable");
    expect(Number(article.headers.age)).toBeGreaterThanOrEqual(65);
    // A signed-in reader's session cannot be checked: the public copy, not a 503.
    const signedInReader = await app.inject({
      url: DEMO_PATH,
      headers: { cookie: editor.cookie },
    });
    expect(signedInReader.statusCode).toBe(200);
    expect(signedInReader.body).toBe(warm.body);

    const section = await app.inject(SECTION_PATH);
    expect(section.statusCode).toBe(503);
    expect(section.headers["retry-after"]).toBe(String(DB_RETRY_AFTER_SECONDS));
    expect(section.headers["content-type"]).toMatch(/text\/html/);
    expect(section.headers["cache-control"]).toBe("no-store");
    expect(section.body).toContain("Briefly unavailable");

    // Whether it moved cannot be known meanwhile: 503, not a 404 a crawler would act on.
    expect((await app.inject("/an-address-never-served")).statusCode).toBe(503);

    expectUnreachableJson(
      await app.inject({ url: "/api/admin/v1/articles", headers: editor.headers }),
    );
    expectUnreachableJson(
      await app.inject({
        method: "POST",
        url: "/api/admin/v1/session",
        payload: { email: editor.user.email, password: TEST_PASSWORD },
      }),
    );
    // A reader's beacon for an article the counter has not yet looked up.
    expectUnreachableJson(
      await app.inject({
        method: "POST",
        url: `/views/${randomUUID()}`,
        headers: { "user-agent": BROWSER_UA },
      }),
    );
    expectUnreachableJson(await app.inject("/readyz"));

    const health = await app.inject("/healthz");
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ ok: true });

    await server?.start();
    await until(app, "/readyz", (res) => res.statusCode === 200);
    expect((await app.inject(SECTION_PATH)).statusCode).toBe(200);
    const fresh = await app.inject(DEMO_PATH);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers["x-masthead-stale"]).toBeUndefined();
    const list = await app.inject({ url: "/api/admin/v1/articles", headers: editor.headers });
    expect(list.statusCode).toBe(200);
  }, 60_000);
});

describe("sqlite (another process holds the write lock past the busy timeout)", () => {
  let store: Store | undefined;
  let app: FastifyInstance;
  let dataDir: string | undefined;
  let file: string;
  let editor: SignedIn;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "mh-outage-"));
    file = path.join(dataDir, "masthead.db");
    store = await openStore({ kind: "sqlite", file });
    await migrateToLatest(store);
    ({ app } = await startApp(store, dataDir));
    editor = await signIn(app, store, "editor");
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("a write answers 503 with Retry-After while the lock is held, pages keep serving, then it works", async () => {
    // What a shell's open transaction or a backup tool's lock looks like to Masthead.
    const other = new BetterSqlite3(file, { timeout: 0 });
    other.exec("begin immediate");
    try {
      // WAL: readers are not blocked by a writer.
      expect((await app.inject(SECTION_PATH)).statusCode).toBe(200);
      expectUnreachableJson(
        await app.inject({
          method: "POST",
          url: "/api/admin/v1/session",
          payload: { email: editor.user.email, password: TEST_PASSWORD },
        }),
      );
      expect((await app.inject("/healthz")).statusCode).toBe(200);
    } finally {
      other.exec("rollback");
      other.close();
    }
    const signedIn = await app.inject({
      method: "POST",
      url: "/api/admin/v1/session",
      payload: { email: editor.user.email, password: TEST_PASSWORD },
    });
    expect(signedIn.statusCode).toBe(200);
  }, 30_000);
});
