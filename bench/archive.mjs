// Export and restore at size: a publication of 10,000 articles and 50,000 comments (by default),
// made by importing a generated WXR with the built `masthead import wordpress` on SQLite, then
// timed through the built CLI: export from SQLite, restore into PostgreSQL, export from
// PostgreSQL (whose members must equal SQLite's), restore into a fresh SQLite. Goal: under 30 s
// each. PostgreSQL runs in a temporary database on MASTHEAD_BENCH_PG_URL (default
// postgres://postgres@127.0.0.1:5432/test), dropped afterwards. Also measured: what regenerating
// one photo's renditions costs, against which restoring them from the archive was chosen.
//
//   npm run build && node bench/archive.mjs [--posts N] [--comments N]
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import sharp from "sharp";
import tar from "tar-stream";
import {
  CLI,
  fail,
  importDist,
  mark,
  removeAtExit,
  runBench,
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
  },
});
const POSTS = Number(values.posts);
const COMMENTS = Number(values.comments);
const GOAL_SECONDS = 30;
const PG_ADMIN = process.env.MASTHEAD_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** The manifest, and every other member as name → sha256. */
async function readArchive(file) {
  const extract = tar.extract();
  const hashes = new Map();
  let manifest;
  const done = (async () => {
    for await (const entry of extract) {
      const hash = createHash("sha256");
      const chunks = [];
      for await (const chunk of entry) {
        hash.update(chunk);
        if (entry.header.name === "manifest.json") chunks.push(chunk);
      }
      if (entry.header.name === "manifest.json")
        manifest = JSON.parse(Buffer.concat(chunks).toString());
      else hashes.set(entry.header.name, hash.digest("hex"));
    }
  })();
  extract.end(await readFile(file));
  await done;
  return { manifest, hashes };
}

async function main() {
  if (!existsSync(CLI)) return fail("run `npm run build` first (dist/cli/main.js is missing)");
  const dir = await mkdtemp(path.join(tmpdir(), "mh-bench-archive-"));
  removeAtExit(dir);
  const env = (dataDir, extra = {}) => ({
    PATH: process.env.PATH,
    NODE_ENV: "production",
    MASTHEAD_DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    ...extra,
  });
  const wxr = path.join(dir, "export.xml");
  process.stderr.write(`bench: generating and importing ${POSTS} posts and ${COMMENTS} comments\n`);
  await writeWxr(wxr, { posts: POSTS, comments: COMMENTS, seed: 1 });
  const source = path.join(dir, "source");
  // Also a yardstick of how busy the machine is: docs/PERFORMANCE.md has this import idle.
  const imported = await timedCli(["import", "wordpress", wxr, "--quiet"], env(source));

  const name = `mh_bench_archive_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const pgUrl = new URL(PG_ADMIN);
  pgUrl.pathname = `/${name}`;
  const rows = [];
  let counts = {};
  try {
    await waitForIdle();
    const fromSqlite = path.join(dir, "from-sqlite.tar");
    const fromPg = path.join(dir, "from-postgres.tar");
    const steps = [
      ["export, SQLite", ["export", fromSqlite], env(source), fromSqlite],
      [
        "restore, PostgreSQL",
        ["restore", fromSqlite],
        env(path.join(dir, "pg"), { DATABASE_URL: pgUrl.href }),
      ],
      [
        "export, PostgreSQL",
        ["export", fromPg],
        env(path.join(dir, "pg"), { DATABASE_URL: pgUrl.href }),
        fromPg,
      ],
      ["restore, SQLite (fresh)", ["restore", fromPg], env(path.join(dir, "sqlite-2"))],
    ];
    for (const [label, args, stepEnv, written] of steps) {
      const run = await timedCli(args, stepEnv);
      const size = written ? `${((await stat(written)).size / 1e6).toFixed(0)} MB` : "";
      rows.push([
        label,
        run.seconds.toFixed(1),
        run.peakMb.toFixed(0),
        size,
        mark(run.seconds < GOAL_SECONDS),
      ]);
    }
    const [a, b] = await Promise.all([readArchive(fromSqlite), readArchive(fromPg)]);
    const same =
      a.hashes.size === b.hashes.size && [...a.hashes].every(([n, h]) => b.hashes.get(n) === h);
    if (!same) throw new Error("the PostgreSQL export's members differ from SQLite's");
    counts = a.manifest.counts;
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }

  // One 2400×1600 photo through the upload pipeline: what regenerating renditions would cost.
  const { processImage } = await importDist("dist/media/process.js");
  const photo = await sharp({
    create: {
      width: 2400,
      height: 1600,
      channels: 3,
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
  const started = process.hrtime.bigint();
  await processImage(photo);
  const perPhoto = Number(process.hrtime.bigint() - started) / 1e9;

  await writeReport("archive", [
    `Export and restore of a publication imported from a generated WXR (${POSTS} posts, ${COMMENTS} comments): ` +
      Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ") +
      `. Goal: under ${GOAL_SECONDS} s each. The PostgreSQL export's members equal SQLite's, byte for byte.`,
    "",
    ...table(
      ["run", "seconds", "peak MB", "archive", `< ${GOAL_SECONDS} s`],
      ["l", "r", "r", "r", "l"],
      rows,
    ),
    "",
    `The import that made the publication took ${imported.seconds.toFixed(1)} s in this run (36.5 s on an idle machine, docs/PERFORMANCE.md).`,
    `Renditions of one 2400×1600 JPEG through the upload pipeline (processImage): ${perPhoto.toFixed(2)} s.`,
  ]);
}

runBench(main, 20 * 60_000);
