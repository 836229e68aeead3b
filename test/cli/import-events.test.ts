// A server running while `masthead import` writes to its database from another process drops
// its cached pages once the import is done: the command records import.finished, and the
// server hears of it (LISTEN/NOTIFY on PostgreSQL, polling on SQLite) within a second or two.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/auth/actor.js";
import { loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import { loadDemoPublication } from "../../src/services/demo-publication.js";
import {
  latestChangePosition,
  migrateToLatest,
  openStore,
  readChangesAfter,
  type Store,
} from "../../src/store/index.js";
import { cliArgs } from "../helpers/cli.js";
import { createPostgresDatabase, DATABASES, PG_TEST_URL } from "../helpers/databases.js";

const EXPORT = path.resolve("test/fixtures/wordpress/small-1.1.xml");

for (const db of DATABASES)
  describe(`masthead import next to a running server (${db.name})`, () => {
    let app: FastifyInstance;
    let store: Store;
    let dataDir: string;
    let databaseUrl: string;
    let drop: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-cli-import-events-"));
      databaseUrl = path.join(dataDir, "masthead.db");
      if (db.name === "postgres" && PG_TEST_URL) {
        const created = await createPostgresDatabase(PG_TEST_URL);
        databaseUrl = created.url;
        drop = created.drop;
      }
      const config = loadConfig({ MASTHEAD_DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
      store = await openStore(config.database);
      await migrateToLatest(store);
      await loadDemoPublication({ store, dataDir }, systemActor("tests"));
      app = await buildServer({ config, store, logLevel: "silent" });
      await app.ready();
    });

    afterAll(async () => {
      await app?.close();
      await store?.close();
      await drop?.();
      await rm(dataDir, { recursive: true, force: true });
    });

    it("the server's cached home page shows the imported article within 2 s of the command's end", async () => {
      for (let i = 0; i < 2; i++) expect((await app.inject("/")).statusCode).toBe(200);
      expect((await app.inject("/")).body).not.toContain("Hello world!");
      const before = await latestChangePosition(store);

      await promisify(execFile)(process.execPath, cliArgs(["import", "wordpress", EXPORT]), {
        env: { PATH: process.env.PATH, MASTHEAD_DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
        timeout: 60_000,
      });
      const done = Date.now();
      await expect
        .poll(async () => (await app.inject("/")).body, { timeout: 2000, interval: 50 })
        .toContain("Hello world!");
      expect(Date.now() - done).toBeLessThan(2000);

      expect(
        (await readChangesAfter(store, before)).filter((e) => e.type === "import.finished"),
      ).toMatchObject([{ paths: ["/*"], data: { platform: "wordpress", failed: false } }]);
    }, 90_000);
  });
