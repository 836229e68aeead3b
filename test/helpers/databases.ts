// The databases every store and HTTP test runs on, declared once (after Kysely's DIALECTS):
// SQLite always; PostgreSQL when MASTHEAD_TEST_PG_URL is set, and required under CI.
import { createHash, randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { copyFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach } from "vitest";
import type { DatabaseConfig } from "../../src/config.js";
import { type Dialect, migrateToLatest, openStore, type Store } from "../../src/store/index.js";

export interface TestDatabase {
  name: Dialect;
  /**
   * A fresh, empty store of its own, migrated unless `migrate: false`; `close()` also deletes
   * the database.
   */
  open(opts?: { migrate?: boolean }): Promise<Store>;
  /**
   * Like `open`, and also says how to reach the same database, so a test can open more stores
   * on it (several instances or processes); close them before the first store's `close()`.
   */
  openShared(): Promise<{ store: Store; config: DatabaseConfig }>;
}

/** The PostgreSQL server's admin URL for tests, e.g. postgres://postgres@127.0.0.1:5432/test. */
export const PG_TEST_URL = process.env.MASTHEAD_TEST_PG_URL?.trim() || undefined;

if (process.env.CI === "true" && PG_TEST_URL === undefined)
  throw new Error(
    "MASTHEAD_TEST_PG_URL is not set, but CI=true requires the store and HTTP tests to run on " +
      "PostgreSQL too. Set it to a server where this user may CREATE DATABASE, e.g. " +
      "MASTHEAD_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test",
  );

// Migrating a database costs about a second on PostgreSQL and most of a test's setup on SQLite,
// so each worker migrates one template per database and copies it for every test.
const sqlite: TestDatabase = {
  name: "sqlite",
  async open(opts) {
    return (await openSqliteCopy(opts)).store;
  },
  openShared: () => openSqliteCopy(),
};

async function openSqliteCopy({ migrate = true } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), "masthead-test-"));
  const file = path.join(dir, "masthead.db");
  if (migrate) await copyFile(await sqliteTemplate(), file);
  const config: DatabaseConfig = { kind: "sqlite", file };
  const store = await openStore(config);
  return { store: withCleanup(store, () => rm(dir, { recursive: true, force: true })), config };
}

const postgres = (adminUrl: string): TestDatabase => {
  const openCopy = async ({ migrate = true } = {}) => {
    const template = migrate ? await postgresTemplate(adminUrl) : undefined;
    const { url, drop } = await createPostgresDatabase(adminUrl, { template });
    const config: DatabaseConfig = { kind: "postgres", url };
    const store = await openStore(config);
    return { store: withCleanup(store, () => dropLater(drop)), config };
  };
  return {
    name: "postgres",
    open: async (opts) => (await openCopy(opts)).store,
    openShared: () => openCopy(),
  };
};

// Dropping a database takes PostgreSQL longer than copying one; no test waits for it, but the
// file does not end before its databases are gone (test/helpers/per-file.ts waits for them: a
// hook registered here would run for the first file of a worker only, as the unit tests share
// their modules).
const drops: Promise<void>[] = [];

/** Resolves when every database dropped so far is gone. */
export async function databasesDropped(): Promise<void> {
  await Promise.all(drops.splice(0));
}

function dropLater(drop: () => Promise<void>): Promise<void> {
  drops.push(drop());
  return Promise.resolve();
}

let sqliteTemplateFile: Promise<string> | undefined;

/** A migrated SQLite file of this worker's, closed (so checkpointed) and ready to copy. */
function sqliteTemplate(): Promise<string> {
  sqliteTemplateFile ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "masthead-template-"));
    const file = path.join(dir, "masthead.db");
    const store = await openStore({ kind: "sqlite", file });
    await migrateToLatest(store);
    await store.close();
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    return file;
  })();
  return sqliteTemplateFile;
}

let postgresTemplateName: Promise<string> | undefined;

/**
 * The name of a migrated PostgreSQL template database, shared by every worker and run while the
 * migrations stay the same: its name carries a hash of their source, and it is built under an
 * advisory lock and renamed into place only when complete.
 */
function postgresTemplate(adminUrl: string): Promise<string> {
  postgresTemplateName ??= (async () => {
    const name = `mh_tpl_${await migrationsHash()}`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query("select pg_advisory_lock(hashtext('masthead-test-template'))");
      const found = await client.query("select 1 from pg_database where datname = $1", [name]);
      if (found.rowCount === 0) {
        const building = await createPostgresDatabase(adminUrl);
        const store = await openStore({ kind: "postgres", url: building.url });
        await migrateToLatest(store);
        await store.close();
        await client.query(`alter database ${building.name} rename to ${name}`);
      }
    } finally {
      await client.end();
    }
    return name;
  })();
  return postgresTemplateName;
}

async function migrationsHash(): Promise<string> {
  const dir = path.resolve(import.meta.dirname, "../../src/store/migrations");
  const hash = createHash("sha256");
  for (const file of (await readdir(dir)).sort()) {
    hash.update(file);
    hash.update(await readFile(path.join(dir, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

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
 * Creates a PostgreSQL database, empty or a copy of `template`, with a unique name (test files run in parallel workers)
 * and returns its URL and a function that drops it.
 */
export async function createPostgresDatabase(
  adminUrl: string,
  { template }: { template?: string } = {},
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `mh_t_${randomBytes(6).toString("hex")}`;
  await admin(adminUrl, `create database ${name}${template ? ` template ${template}` : ""}`);
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
