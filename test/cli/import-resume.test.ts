// A WordPress import killed midway (kill -9) leaves whole items only, and running it again
// finishes the job without duplicating anything: the real command, on each database.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the benchmarks, without types.
import { writeWxr } from "../../bench/wxr-generate.mjs";
import { readWxr } from "../../src/importers/wordpress/wxr.js";
import { openStore, type Store } from "../../src/store/index.js";
import { cliArgs } from "../helpers/cli.js";
import { createPostgresDatabase, PG_TEST_URL } from "../helpers/databases.js";

const POSTS = 300;

interface Target {
  name: string;
  make(
    dir: string,
  ): Promise<{ env: Record<string, string>; open(): Promise<Store>; drop(): Promise<void> }>;
}

const TARGETS: Target[] = [
  {
    name: "sqlite",
    async make(dir) {
      const file = path.join(dir, "masthead.db");
      return {
        env: { DATABASE_URL: file },
        open: () => openStore({ kind: "sqlite", file }),
        drop: async () => {},
      };
    },
  },
  ...(PG_TEST_URL
    ? [
        {
          name: "postgres",
          async make() {
            const { url, drop } = await createPostgresDatabase(PG_TEST_URL as string);
            return {
              env: { DATABASE_URL: url },
              open: () => openStore({ kind: "postgres", url }),
              drop,
            };
          },
        },
      ]
    : []),
];

function startImport(file: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, cliArgs(["import", "wordpress", file, "--quiet"]), {
    env: { PATH: process.env.PATH, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

async function articleCount(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom("articles")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const target of TARGETS)
  describe(`an interrupted WordPress import (${target.name})`, () => {
    let dir: string;
    let file: string;
    /** Comments (not pingbacks) per post id in the generated export. */
    const expected = new Map<string, number>();

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), "mh-resume-"));
      file = path.join(dir, "export.xml");
      await writeWxr(file, { posts: POSTS, comments: POSTS * 5, seed: 7 });
      for await (const r of readWxr(file))
        if (r.kind === "item" && r.postType === "post")
          expected.set(
            r.id,
            r.comments.filter((c) => c.type !== "pingback" && c.type !== "trackback").length,
          );
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it("leaves whole posts only after kill -9, and a second run completes it once", async () => {
      const db = await target.make(dir);
      const env = { ...db.env, MASTHEAD_DATA_DIR: path.join(dir, `data-${target.name}`) };
      const store = await db.open();
      try {
        const child = startImport(file, env);
        const done = exited(child);
        // Kill it once some posts are in, wherever it happens to be.
        const deadline = Date.now() + 60_000;
        let killed = false;
        while (Date.now() < deadline && child.exitCode === null) {
          const n = await articleCount(store).catch(() => 0);
          if (n >= 60) {
            child.kill("SIGKILL");
            killed = true;
            break;
          }
          await new Promise((r) => setTimeout(r, 25));
        }
        await done;
        expect(killed).toBe(true);

        const partial = await articleCount(store);
        expect(partial).toBeGreaterThan(0);
        expect(partial).toBeLessThan(POSTS);
        await expectWholeItems(store, expected);

        const again = startImport(file, env);
        let stderr = "";
        again.stderr?.on("data", (d) => {
          stderr += d;
        });
        expect(await exited(again)).toBe(0);
        expect(stderr).toBe("");
        expect(await articleCount(store)).toBe(POSTS);
        await expectWholeItems(store, expected);
      } finally {
        await store.close();
        await db.drop();
      }
    }, 180_000);
  });

/** Every imported post has exactly its comments and its source record: nothing half-written. */
async function expectWholeItems(store: Store, expected: Map<string, number>): Promise<void> {
  const sources = await store.db
    .selectFrom("import_sources")
    .select(["source_id", "target_id"])
    .where("kind", "=", "article")
    .execute();
  const articles = await store.db.selectFrom("articles").select("id").execute();
  expect(sources.length).toBe(articles.length);
  const counts = await store.db
    .selectFrom("comments")
    .select(["article_id", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("article_id")
    .execute();
  const byArticle = new Map(counts.map((c) => [c.article_id, Number(c.n)]));
  for (const s of sources) {
    const wpId = s.source_id.replace(/^post:/, "");
    expect([wpId, byArticle.get(s.target_id) ?? 0]).toEqual([wpId, expected.get(wpId)]);
  }
}
