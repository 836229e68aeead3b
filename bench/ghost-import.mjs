// The Ghost import at size: a generated Ghost 5.x export with 10,000 posts (by default; mobiledoc
// and Lexical alternating) imported by the built `masthead import ghost`, on SQLite (the goal:
// under 60 s, peak memory under 300 MB) and on PostgreSQL when MASTHEAD_BENCH_PG_URL names a
// server where this user may create databases. Peak memory is the process's high-water mark
// (VmHWM), read from /proc while it runs.
//
//   npm run build && node bench/ghost-import.mjs [--posts N] [--keep FILE]
import { existsSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { writeGhost } from "./ghost-generate.mjs";
import {
  CLI,
  fail,
  mark,
  removeAtExit,
  runBench,
  table,
  timedCli,
  waitForIdle,
  writeReport,
} from "./lib.mjs";

const { values } = parseArgs({
  options: {
    posts: { type: "string", default: "10000" },
    keep: { type: "string" },
  },
});
const POSTS = Number(values.posts);
const GOAL_SECONDS = 60;
const GOAL_MB = 300;

async function main() {
  if (!existsSync(CLI)) return fail("run `npm run build` first (dist/cli/main.js is missing)");
  const dir = await mkdtemp(path.join(tmpdir(), "mh-bench-ghost-"));
  removeAtExit(dir);
  const file = values.keep ?? path.join(dir, "export.json");
  if (!values.keep || !existsSync(file)) {
    process.stderr.write(`bench: generating ${POSTS} posts\n`);
    await writeGhost(file, { posts: POSTS, seed: 1 });
  }
  const megabytes = ((await stat(file)).size / 1e6).toFixed(0);
  const env = (dataDir, extra = {}) => ({
    PATH: process.env.PATH,
    NODE_ENV: "production",
    MASTHEAD_DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    ...extra,
  });
  const rows = [];
  await waitForIdle();

  const sqliteDir = path.join(dir, "sqlite");
  const sqlite = await timedCli(["import", "ghost", file, "--quiet"], env(sqliteDir));
  const imported = /articles\s+(\d+) imported/.exec(sqlite.output)?.[1] ?? "?";
  rows.push([
    "import, SQLite",
    `${POSTS} (${imported} articles)`,
    sqlite.seconds.toFixed(1),
    sqlite.peakMb.toFixed(0),
    mark(sqlite.seconds < GOAL_SECONDS),
    mark(sqlite.peakMb < GOAL_MB),
  ]);
  const again = await timedCli(["import", "ghost", file, "--quiet"], env(sqliteDir));
  rows.push([
    "re-import, SQLite (nothing changed)",
    String(POSTS),
    again.seconds.toFixed(1),
    again.peakMb.toFixed(0),
    "",
    "",
  ]);

  const pgAdmin = process.env.MASTHEAD_BENCH_PG_URL;
  if (pgAdmin) {
    const name = `mh_bench_ghost_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgAdmin });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const url = new URL(pgAdmin);
      url.pathname = `/${name}`;
      const postgres = await timedCli(
        ["import", "ghost", file, "--quiet"],
        env(path.join(dir, "pg"), { DATABASE_URL: url.href }),
      );
      rows.push([
        "import, PostgreSQL",
        String(POSTS),
        postgres.seconds.toFixed(1),
        postgres.peakMb.toFixed(0),
        "",
        "",
      ]);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
  await rm(sqliteDir, { recursive: true, force: true });

  await writeReport("ghost-import", [
    `Ghost import of a generated export (${POSTS} posts, ${megabytes} MB); goal on SQLite: under ${GOAL_SECONDS} s and ${GOAL_MB} MB peak.`,
    "",
    ...table(
      ["run", "posts", "seconds", "peak MB", `< ${GOAL_SECONDS} s`, `< ${GOAL_MB} MB`],
      ["l", "r", "r", "r", "l", "l"],
      rows,
    ),
  ]);
}

runBench(main, 20 * 60_000);
