// The real app on a real database, loaded with the demo publication, for HTTP tests.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { systemActor } from "../../src/auth/actor.js";
import { loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import { loadDemoPublication } from "../../src/services/demo-publication.js";
import type { Store } from "../../src/store/index.js";
import type { TestDatabase } from "../helpers/databases.js";

export const DEMO_SLUG = "trump-signals-possible-us-military-action-against-drug-cartels-in-mexico";
export const DEMO_PATH = `/articles/${DEMO_SLUG}`;
export const BROWSER_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  dataDir: string;
}

/** Starts the app on a fresh `db` with the demo content for the enclosing describe block. */
export function useDemoApp(db: TestDatabase): () => TestApp {
  let current: TestApp | undefined;
  beforeAll(async () => {
    const store = await db.open();
    const dataDir = await mkdtemp(path.join(tmpdir(), "mh-http-"));
    await loadDemoPublication({ store, dataDir }, systemActor("tests"));
    const config = loadConfig({ MASTHEAD_DATA_DIR: dataDir });
    const app = await buildServer({ config, store, logLevel: "silent" });
    await app.ready();
    current = { app, store, dataDir };
  });
  afterAll(async () => {
    await current?.app.close();
    await current?.store.close();
    if (current) await rm(current.dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!current) throw new Error("useDemoApp: the app exists only inside a test");
    return current;
  };
}
