// The WordPress import at size: a generated WXR with 10,000 posts and 50,000 comments (by
// default) imported by the built `masthead import wordpress`, on SQLite (the goal: under 60 s,
// peak memory under 300 MB) and on PostgreSQL when MASTHEAD_BENCH_PG_URL names a server where
// this user may create databases. In the same run, as the floor, the streaming reader alone
// over the same file (the import reads it twice). Peak memory is the process's high-water mark
// (VmHWM), read from /proc while it runs.
//
//   npm run build && node bench/wordpress-import.mjs [--posts N] [--comments N] [--keep FILE]
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import {
  CLI,
  fail,
  mark,
  ROOT,
  removeAtExit,
  runBench,
  startChild,
  table,
  timedCli,
  waitForIdle,
  writeReport,
} from "./lib.mjs";
import { writeWxr } from "./wxr-generate.mjs";

const { values } = parseArgs({
  options: {
    posts: { type: "string", default: "10000" },
    comments: { type: "string", default: "50000" },
    keep: { type: "string" },
  },
});
const POSTS = Number(values.posts);
const COMMENTS = Number(values.comments);
const GOAL_SECONDS = 60;
const GOAL_MB = 300;

async function main() {
  if (!existsSync(CLI)) return fail("run `npm run build` first (dist/cli/main.js is missing)");
  const dir = await mkdtemp(path.join(tmpdir(), "mh-bench-wp-"));
  removeAtExit(dir);
  const file = values.keep ?? path.join(dir, "export.xml");
  if (!values.keep || !existsSync(file)) {
    process.stderr.write(`bench: generating ${POSTS} posts and ${COMMENTS} comments\n`);
    await writeWxr(file, { posts: POSTS, comments: COMMENTS, seed: 1 });
  }
  const env = (dataDir, extra = {}) => ({
    PATH: process.env.PATH,
    NODE_ENV: "production",
    MASTHEAD_DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    ...extra,
  });
  const rows = [];
  await waitForIdle();

  // The floor: one pass of the streaming reader (the import makes two).
  const read = await (async () => {
    const started = process.hrtime.bigint();
    const { child, output } = startChild([path.join(ROOT, "bench/wxr-read.mjs"), file], env(dir));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    if (code !== 0) throw new Error(`wxr-read failed:\n${output()}`);
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, output: output() };
  })();
  const readPeak = /peak RSS (\d+) MB/.exec(read.output)?.[1] ?? "?";
  rows.push(["reader alone, one pass", "—", read.seconds.toFixed(1), readPeak, "", ""]);

  const sqliteDir = path.join(dir, "sqlite");
  const sqlite = await timedCli(["import", "wordpress", file, "--quiet"], env(sqliteDir));
  rows.push([
    "import, SQLite",
    `${POSTS} / ${COMMENTS}`,
    sqlite.seconds.toFixed(1),
    sqlite.peakMb.toFixed(0),
    mark(sqlite.seconds < GOAL_SECONDS),
    mark(sqlite.peakMb < GOAL_MB),
  ]);
  const again = await timedCli(["import", "wordpress", file, "--quiet"], env(sqliteDir));
  rows.push([
    "re-import, SQLite (nothing changed)",
    `${POSTS} / ${COMMENTS}`,
    again.seconds.toFixed(1),
    again.peakMb.toFixed(0),
    "",
    "",
  ]);

  const pgAdmin = process.env.MASTHEAD_BENCH_PG_URL;
  if (pgAdmin) {
    const name = `mh_bench_wp_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgAdmin });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const url = new URL(pgAdmin);
      url.pathname = `/${name}`;
      const postgres = await timedCli(
        ["import", "wordpress", file, "--quiet"],
        env(path.join(dir, "pg"), { DATABASE_URL: url.href }),
      );
      rows.push([
        "import, PostgreSQL",
        `${POSTS} / ${COMMENTS}`,
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

  await writeReport("wordpress-import", [
    `WordPress import of a generated WXR (${POSTS} posts, ${COMMENTS} comments); goal on SQLite: under ${GOAL_SECONDS} s and ${GOAL_MB} MB peak.`,
    "",
    ...table(
      ["run", "posts / comments", "seconds", "peak MB", `< ${GOAL_SECONDS} s`, `< ${GOAL_MB} MB`],
      ["l", "r", "r", "r", "l", "l"],
      rows,
    ),
  ]);
}

runBench(main, 20 * 60_000);
