// A real `masthead serve` process killed with SIGKILL: views older than the flush interval (one
// second) are in the store; only the last second's may be lost.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getViews, openStore, type Store } from "../../src/store/index.js";
import { cliArgs } from "../helpers/cli.js";
import { createPostgresDatabase, DATABASES, PG_TEST_URL } from "../helpers/databases.js";
import { freePort } from "../helpers/free-port.js";
import { beacon, DEMO_SLUG, visitors } from "./helpers.js";

/** A database for the process: a fresh SQLite data dir, or a fresh PostgreSQL database. */
async function target(name: string) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "mh-views-crash-"));
  const pg = name === "postgres" && PG_TEST_URL ? await createPostgresDatabase(PG_TEST_URL) : null;
  return {
    env: { MASTHEAD_DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) },
    open: (): Promise<Store> =>
      pg
        ? openStore({ kind: "postgres", url: pg.url })
        : openStore({ kind: "sqlite", file: path.join(dataDir, "masthead.db") }),
    async drop() {
      await pg?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const cli = (args: string[], env: Record<string, string>) =>
  new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      cliArgs(args),
      { env: { ...process.env, ...env } },
      (error, _stdout, stderr) => (error ? reject(new Error(stderr)) : resolve()),
    ),
  );

async function waitForArticleId(url: string, child: ChildProcess): Promise<string> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error("masthead serve exited early");
    try {
      const html = await (await fetch(`${url}/articles/${DEMO_SLUG}`)).text();
      const id = /data-article-id="([^"]+)"/.exec(html)?.[1];
      if (id) return id;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("masthead serve did not answer within 20 s");
}

for (const db of DATABASES)
  describe(`views after a crash on ${db.name}`, () => {
    it("a killed server has lost nothing older than its last second", async () => {
      const t = await target(db.name);
      let child: ChildProcess | undefined;
      try {
        await cli(["init", "--demo"], t.env);
        const port = await freePort();
        child = spawn(process.execPath, cliArgs(["serve"]), {
          env: { ...process.env, ...t.env, PORT: String(port), LOG_LEVEL: "warn" },
          stdio: "ignore",
        });
        const url = `http://127.0.0.1:${port}`;
        const articleId = await waitForArticleId(url, child);
        const [early, late] = [visitors(40, 20), visitors(40, 21)];
        for (const v of early) await beacon(url, articleId, v);
        // Well past the one-second flush interval (a margin for a loaded CI machine): these must
        // be in the store whatever happens next.
        await new Promise((r) => setTimeout(r, 2500));
        for (const v of late) await beacon(url, articleId, v);
        child.kill("SIGKILL");
        await new Promise((r) => child?.once("exit", r));
        const store = await t.open();
        try {
          const views = await getViews(store, articleId);
          expect(views).toBeGreaterThanOrEqual(40);
          expect(views).toBeLessThanOrEqual(80);
        } finally {
          await store.close();
        }
      } finally {
        if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        await t.drop();
      }
    }, 60_000);
  });
