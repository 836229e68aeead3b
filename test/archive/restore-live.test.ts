// `masthead restore` into a database a server is running on (the SQLite file, or PostgreSQL with
// any number of instances): the restore records publication.restored (every path) in its
// transaction, so the running server drops every page it cached from before.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportToFile } from "../../src/archive/export.js";
import { systemActor } from "../../src/auth/actor.js";
import { loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import { restoreSite } from "../../src/services/site-restore.js";
import {
  latestChangePosition,
  openStore,
  readChangesAfter,
  type Store,
} from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { buildPublication, DEMO_SLUG } from "./publication.js";

const sqliteDb = DATABASES[0] as (typeof DATABASES)[number];

describe("restore next to a running server", () => {
  let source: Store;
  let dataDir: string;
  let work: string;
  let archive: string;
  beforeAll(async () => {
    source = await sqliteDb.open();
    dataDir = await buildPublication(source);
    work = await mkdtemp(path.join(tmpdir(), "mh-restore-live-"));
    archive = path.join(work, "publication.tar");
    await exportToFile(source, archive, { dataDir });
  }, 60_000);
  afterAll(async () => {
    await source?.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  for (const db of DATABASES)
    it(`a server on the ${db.name} database restored into stops serving its cached pages`, async () => {
      const { store, config: database } = await db.openShared();
      const targetDir = await mkdtemp(path.join(tmpdir(), "mh-restore-live-target-"));
      const config = loadConfig({ MASTHEAD_DATA_DIR: targetDir });
      const app = await buildServer({ config: { ...config, database }, store, logLevel: "silent" });
      await app.ready();
      // The restore's own connection, as `masthead restore` in another process would have.
      const restoring = await openStore(database);
      try {
        for (let i = 0; i < 2; i++) expect((await app.inject("/")).statusCode).toBe(200);
        expect((await app.inject("/")).body).not.toContain(DEMO_SLUG);
        const before = await latestChangePosition(store);

        await restoreSite({ store: restoring, dataDir: targetDir }, systemActor("tests"), archive, {
          force: false,
        });

        expect(await readChangesAfter(store, before)).toMatchObject([
          { type: "publication.restored", ids: {}, paths: ["/*"] },
        ]);
        await expect
          .poll(async () => (await app.inject("/")).body, { timeout: 2000, interval: 50 })
          .toContain(DEMO_SLUG);
      } finally {
        await restoring.close();
        await app.close();
        await store.close();
        await rm(targetDir, { recursive: true, force: true });
      }
    }, 60_000);
});
