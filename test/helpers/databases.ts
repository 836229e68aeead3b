// The databases every store and HTTP test runs on, declared once (after Kysely's DIALECTS):
// SQLite always; PostgreSQL when MASTHEAD_TEST_PG_URL is set, and required under CI.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach } from "vitest";
import { type Dialect, migrateToLatest, openStore, type Store } from "../../src/store/index.js";

export interface TestDatabase {
  name: Dialect;
  /**
   * A fresh, empty store of its own, migrated unless `migrate: false`; `close()` also deletes
   * the database.
   */
  open(opts?: { migrate?: boolean }): Promise<Store>;
}

/** The PostgreSQL server's admin URL for tests, e.g. postgres://postgres@127.0.0.1:5432/test. */
export const PG_TEST_URL = process.env.MASTHEAD_TEST_PG_URL?.trim() || undefined;

if (process.env.CI === "true" && PG_TEST_URL === undefined)
  throw new Error(
    "MASTHEAD_TEST_PG_URL is not set, but CI=true requires the store and HTTP tests to run on " +
      "PostgreSQL too. Set it to a server where this user may CREATE DATABASE, e.g. " +
      "MASTHEAD_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test",
  );

const sqlite: TestDatabase = {
  name: "sqlite",
  async open({ migrate = true } = {}) {
    const dir = await mkdtemp(path.join(tmpdir(), "masthead-test-"));
    const store = await openStore({ kind: "sqlite", file: path.join(dir, "masthead.db") });
    if (migrate) await migrateToLatest(store);
    return withCleanup(store, () => rm(dir, { recursive: true, force: true }));
  },
};

const postgres = (adminUrl: string): TestDatabase => ({
  name: "postgres",
  async open({ migrate = true } = {}) {
    const { url, drop } = await createPostgresDatabase(adminUrl);
    const store = await openStore({ kind: "postgres", url });
    if (migrate) await migrateToLatest(store);
    return withCleanup(store, drop);
  },
});

/** The databases to run on, in the order tests report them. */
export const DATABASES: TestDatabase[] = [sqlite, ...(PG_TEST_URL ? [postgres(PG_TEST_URL)] : [])];

/**
 * Gives each test in the enclosing `describe` a fresh store on `db`, closed (and deleted) after it.
 * @example
 * for (const db of DATABASES) describe(db.name, () => {
 *   const store = useFreshStore(db);
 *   it("…", async () => { await createTag(store(), { slug: "x", name: "X" }); });
 * });
 */
export function useFreshStore(db: TestDatabase): () => Store {
  let current: Store | undefined;
  beforeEach(async () => {
    current = await db.open();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("useFreshStore: the store exists only inside a test");
    return current;
  };
}

/**
 * Creates an empty PostgreSQL database with a unique name (test files run in parallel workers)
 * and returns its URL and a function that drops it.
 */
export async function createPostgresDatabase(
  adminUrl: string,
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `mh_t_${randomBytes(6).toString("hex")}`;
  await admin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    name,
    // FORCE ends connections a failed test may have left open (PostgreSQL 13+).
    drop: () => admin(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

/** A URL on the test server naming a database that does not exist. */
export function missingPostgresDatabaseUrl(adminUrl: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/mh_missing_${randomBytes(6).toString("hex")}`;
  return url.href;
}

async function admin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function withCleanup(store: Store, cleanup: () => Promise<void>): Store {
  let closing: Promise<void> | undefined;
  return {
    ...store,
    close: () => {
      closing ??= store.close().finally(cleanup);
      return closing;
    },
  };
}
