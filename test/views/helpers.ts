// A demo publication on a real database, and Masthead instances on it listening on real ports.
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { systemActor } from "../../src/auth/actor.js";
import { type Config, loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import { loadDemoPublication } from "../../src/services/demo-publication.js";
import type { ViewSettings } from "../../src/site/views/view-counter.js";
import { getArticleBySlug, type Store } from "../../src/store/index.js";
import type { TestDatabase } from "../helpers/databases.js";
import { BROWSER_UA, DEMO_SLUG } from "../http/app.js";

export { BROWSER_UA, DEMO_SLUG };

/** A store holding the demo publication, with its data directory and the demo article's id. */
export interface DemoDatabase {
  store: Store;
  config: Config;
  articleId: string;
  close(): Promise<void>;
}

/** Opens a fresh `db` and loads the demo publication into it. */
export async function openDemoDatabase(db: TestDatabase): Promise<DemoDatabase> {
  const store = await db.open();
  const dataDir = await mkdtemp(path.join(tmpdir(), "mh-views-"));
  await loadDemoPublication({ store, dataDir }, systemActor("tests"));
  const articleId = (await getArticleBySlug(store, DEMO_SLUG))?.id as string;
  return {
    store,
    config: loadConfig({ MASTHEAD_DATA_DIR: dataDir }),
    articleId,
    async close() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** One running instance: its app and base URL. */
export interface Instance {
  app: FastifyInstance;
  url: string;
}

/** Starts an instance of Masthead on the demo database, listening on a free port. */
export async function startInstance(
  demo: DemoDatabase,
  views?: ViewSettings,
  config: Partial<Config> = {},
): Promise<Instance> {
  const app = await buildServer({
    config: { ...demo.config, ...config },
    store: demo.store,
    logLevel: "silent",
    ...(views ? { views } : {}),
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { app, url: `http://127.0.0.1:${address.port}` };
}

/** A simulated reader: a distinct address (as a proxy reports it) and browser. */
export interface Visitor {
  address: string;
  userAgent: string;
}

/** `n` distinct visitors; `group` keeps tests sharing a database apart. */
export function visitors(n: number, group: number): Visitor[] {
  return Array.from({ length: n }, (_, i) => ({
    address: `10.${group}.${Math.floor(i / 250)}.${i % 250}`,
    // Half share an address with another visitor but use another browser: still two readers.
    userAgent: `${BROWSER_UA} v${i % 2}`,
  }));
}

// node:http with keep-alive: several times faster than fetch() for thousands of small requests.
const agent = new http.Agent({ keepAlive: true, maxSockets: 100 });

/** Sends one beacon and returns the status and JSON body (if any). */
export function beacon(
  url: string,
  articleId: string,
  visitor: Visitor,
  extra: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const body = '{"repeat":false}';
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/views/${articleId}`,
      {
        method: "POST",
        agent,
        headers: {
          "x-forwarded-for": visitor.address,
          "user-agent": visitor.userAgent,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...extra,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends every beacon with `concurrency` in flight at once; resolves with the statuses. */
export async function burst(
  url: string,
  articleId: string,
  sends: readonly Visitor[],
  concurrency = 50,
): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < sends.length) {
      const v = sends[next++] as Visitor;
      statuses.push((await beacon(url, articleId, v)).status);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

/** Each visitor `times` times, in a shuffled but repeatable order. */
export function repeatShuffled(list: readonly Visitor[], times: number): Visitor[] {
  const out: Visitor[] = [];
  for (let t = 0; t < times; t++) out.push(...list);
  let seed = 42;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j] as Visitor, out[i] as Visitor];
  }
  return out;
}
