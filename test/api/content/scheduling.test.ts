// Scheduled articles publish at their time: while the server runs, and also when their time came
// while it was down (at the next start). Several instances publish each article once.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { describe, expect, it } from "vitest";
import { createChangeDispatcher } from "../../../src/changes/dispatcher.js";
import { type DatabaseConfig, loadConfig } from "../../../src/config.js";
import { buildServer } from "../../../src/server.js";
import { createScheduler } from "../../../src/services/scheduler.js";
import { createPageCache, pageCacheConsumer } from "../../../src/site/index.js";
import {
  createArticle,
  type Dialect,
  getVersionedArticle,
  listRevisions,
  migrateToLatest,
  openStore,
  publishDueArticles,
  readChangesAfter,
  type Store,
} from "../../../src/store/index.js";
import { signIn } from "../../helpers/auth.js";
import { createPostgresDatabase, DATABASES, PG_TEST_URL } from "../../helpers/databases.js";
import { seedBasics } from "../../helpers/fixtures.js";
import { API } from "./app.js";

/** A database that outlives the app and store using it, so a test can "restart" on it. */
interface LastingDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

const LASTING: Record<Dialect, () => Promise<LastingDatabase>> = {
  sqlite: async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "mh-restart-"));
    return {
      config: { kind: "sqlite", file: path.join(dir, "masthead.db") },
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  },
  postgres: async () => {
    const { url, drop } = await createPostgresDatabase(PG_TEST_URL as string);
    return { config: { kind: "postgres", url }, drop };
  },
};

interface Running {
  app: FastifyInstance;
  store: Store;
  stop(): Promise<void>;
}

/** Opens the store, migrates and starts the app, as `masthead serve` does. */
async function start(database: DatabaseConfig, dataDir: string): Promise<Running> {
  const store = await openStore(database);
  await migrateToLatest(store);
  const config = { ...loadConfig({ MASTHEAD_DATA_DIR: dataDir }), database };
  const app = await buildServer({ config, store, logLevel: "silent" });
  await app.ready();
  return {
    app,
    store,
    stop: async () => {
      await app.close();
      await store.close();
    },
  };
}

/**
 * How several instances run at once. PostgreSQL: truly concurrently, each with its own pool.
 * SQLite: instances are processes sharing one file, whose writers the file lock serialises; in
 * one process better-sqlite3's synchronous busy wait would stall the event loop, so the runs
 * take turns.
 */
const AT_ONCE: Record<Dialect, <T>(runs: (() => Promise<T>)[]) => Promise<T[]>> = {
  postgres: (runs) => Promise.all(runs.map((run) => run())),
  sqlite: async (runs) => {
    const results = [];
    for (const run of runs) results.push(await run());
    return results;
  },
};

const sleepUntil = async (iso: string) => {
  const wait = new Date(iso).getTime() - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
};

const silentLog = { info() {}, warn() {}, error() {} };

for (const db of DATABASES)
  describe(db.name, () => {
    it("publishes an article whose time came while the server was down, when it starts again", async () => {
      const database = await LASTING[db.name]();
      const dataDir = await mkdtemp(path.join(tmpdir(), "mh-restart-data-"));
      try {
        const first = await start(database.config, dataDir);
        const basics = await seedBasics(first.store);
        const editor = await signIn(first.app, first.store, "editor");
        const created = await first.app.inject({
          method: "POST",
          url: `${API}/articles`,
          headers: editor.headers,
          payload: basics.articleInput({ slug: "published-while-down" }),
        });
        const id = created.json().article.id as string;
        const at = new Date(Date.now() + 1500).toISOString();
        const scheduled = await first.app.inject({
          method: "POST",
          url: `${API}/articles/${id}/transitions`,
          headers: editor.headers,
          payload: { to: "scheduled", publishedAt: at, version: 1 },
        });
        expect(scheduled.json().article.status).toBe("scheduled");
        const page = (app: FastifyInstance) =>
          app.inject({ method: "GET", url: "/articles/published-while-down" });
        expect((await page(first.app)).statusCode).toBe(404);
        await first.stop();

        await sleepUntil(at);

        const second = await start(database.config, dataDir);
        try {
          expect((await page(second.app)).statusCode).toBe(200);
          expect(await getVersionedArticle(second.store, id)).toMatchObject({
            article: { status: "published", publishedAt: at },
            version: 3,
          });
          const { items } = await listRevisions(second.store, id, { limit: 1, offset: 0 });
          expect(items[0]).toMatchObject({
            kind: "scheduled-publish",
            summary: "status scheduled → published",
            actor: { userId: null, name: "Scheduled publishing" },
          });
        } finally {
          await second.stop();
        }
      } finally {
        await database.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    });

    it("publishes on time while running, records the publication and refreshes the cached home page", async () => {
      const database = await LASTING[db.name]();
      const store = await openStore(database.config);
      try {
        await migrateToLatest(store);
        const basics = await seedBasics(store);
        const at = new Date(Date.now() + 300).toISOString();
        const article = await createArticle(
          store,
          basics.articleInput({ headline: "On the dot", status: "scheduled", publishedAt: at }),
        );
        const pageCache = createPageCache();
        pageCache.set("/", "<p>old home</p>");
        const scheduler = createScheduler({ store, log: silentLog });
        const changes = createChangeDispatcher({
          store,
          database: database.config,
          consumers: [pageCacheConsumer(pageCache), scheduler],
          log: silentLog,
        });
        await changes.start();
        await scheduler.start();
        try {
          expect((await getVersionedArticle(store, article.id))?.article.status).toBe("scheduled");
          await sleepUntil(at);
          await new Promise((resolve) => setTimeout(resolve, 300));
        } finally {
          await scheduler.stop();
          await changes.stop();
        }
        expect((await getVersionedArticle(store, article.id))?.article.status).toBe("published");
        expect(pageCache.get("/")).toBeUndefined();
        const events = await readChangesAfter(store, 0);
        expect(events).toEqual([
          expect.objectContaining({
            type: "article.published",
            ids: { articleId: article.id },
            paths: expect.arrayContaining([`/articles/${article.slug}`, "/"]),
          }),
        ]);
      } finally {
        await store.close();
        await database.drop();
      }
    });

    it("publishes an article scheduled through the API within half a second of its time, its page fresh", async () => {
      const database = await LASTING[db.name]();
      const dataDir = await mkdtemp(path.join(tmpdir(), "mh-on-time-data-"));
      try {
        const running = await start(database.config, dataDir);
        try {
          const { app, store } = running;
          const basics = await seedBasics(store);
          const editor = await signIn(app, store, "editor");
          const created = await app.inject({
            method: "POST",
            url: `${API}/articles`,
            headers: editor.headers,
            payload: basics.articleInput({ slug: "on-the-dot", headline: "Right on time" }),
          });
          const id = created.json().article.id as string;
          // The home page is cached without it.
          for (let i = 0; i < 2; i++)
            expect((await app.inject("/")).body).not.toContain("Right on time");
          const at = new Date(Date.now() + 1500);
          const scheduled = await app.inject({
            method: "POST",
            url: `${API}/articles/${id}/transitions`,
            headers: editor.headers,
            payload: { to: "scheduled", publishedAt: at.toISOString(), version: 1 },
          });
          expect(scheduled.json().article.status).toBe("scheduled");
          // The event that told this instance's scheduler of the new time.
          expect(await readChangesAfter(store, 0)).toContainEqual(
            expect.objectContaining({ type: "article.scheduled", ids: { articleId: id } }),
          );
          // Poll the store, not the page: a 404 would be cached no more than the page itself.
          let publishedAt: number | undefined;
          while (Date.now() < at.getTime() + 3000) {
            if ((await getVersionedArticle(store, id))?.article.status === "published") {
              publishedAt = Date.now();
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          expect(publishedAt).toBeDefined();
          expect((publishedAt as number) - at.getTime()).toBeGreaterThanOrEqual(0);
          expect((publishedAt as number) - at.getTime()).toBeLessThan(500);
          expect((await app.inject("/articles/on-the-dot")).statusCode).toBe(200);
          expect((await app.inject("/")).body).toContain("Right on time");
        } finally {
          await running.stop();
        }
      } finally {
        await database.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    });

    it("publishes each due article once when several instances run at the same moment", async () => {
      const database = await LASTING[db.name]();
      const stores = [await openStore(database.config)];
      try {
        await migrateToLatest(stores[0] as Store);
        stores.push(await openStore(database.config), await openStore(database.config));
        const basics = await seedBasics(stores[0] as Store);
        const due = new Date(Date.now() - 60_000).toISOString();
        const ids: string[] = [];
        for (let i = 0; i < 3; i++)
          ids.push(
            (
              await createArticle(
                stores[0] as Store,
                basics.articleInput({ status: "scheduled", publishedAt: due }),
              )
            ).id,
          );

        const results = await AT_ONCE[db.name](stores.map((s) => () => publishDueArticles(s)));

        expect(
          results
            .flat()
            .map((a) => a.id)
            .sort(),
        ).toEqual([...ids].sort());
        for (const id of ids) {
          const { items } = await listRevisions(stores[0] as Store, id, { limit: 10, offset: 0 });
          // Written without a revision, each gets a baseline of its scheduled state first.
          expect(items.map((r) => r.kind)).toEqual(["scheduled-publish", "baseline"]);
        }
      } finally {
        for (const s of stores) await s.close();
        await database.drop();
      }
    });
  });
