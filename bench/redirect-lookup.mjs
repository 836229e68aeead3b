// Benchmark of redirects: what consulting them adds to a 404. Run after a build:
// `npm run build && node bench/redirect-lookup.mjs` (about a minute).
//
// On SQLite (a temporary file) and on PostgreSQL (a temporary database on
// MASTHEAD_BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/test, dropped afterwards;
// skipped with a note when it does not answer), two demo publications side by side, in one
// process, with the built modules:
//   - "empty": no redirects at all;
//   - "full": 20,000 exact redirects (15,000 old permalink paths and 5,000 `/?p=ID`) and 50
//     patterns, added with addRedirects as the WordPress import adds them.
// For each it times, in alternating rounds so both see the same machine:
//   1. findRedirect for addresses no redirect covers (the work a 404 now does first), 20,000 calls;
//   2. a whole 404 through the real app: app.inject GET of a missing path, 3,000 requests;
//   3. the same 404 page without the lookup: a bench-only route on the same app that renders the
//      404 page exactly as the not-found handler does, minus consulting redirects, 3,000 requests;
//   4. on "full", a 301 for an old permalink, 3,000 requests.
// Goal: the lookup adds under 0.1 ms to a 404, judged on "full" as the mean of (2) minus the mean
// of (3), measured in the same rounds. The lookup's own time (1) is shown too: the 404 page loads
// its shell while the lookup runs, so on PostgreSQL the 404 pays much less than the lookup takes.
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import {
  importDist,
  mark,
  mean,
  percentile,
  ROOT,
  removeAtExit,
  runBench,
  table,
  waitForIdle,
  writeReport,
} from "./lib.mjs";

const EXACT_PATHS = 15_000;
const EXACT_QUERIES = 5_000;
const PATTERNS = 50;
const LOOKUPS = 20_000;
const LOOKUP_WARMUP = 2_000;
const REQUESTS = 3_000;
const REQUEST_WARMUP = 300;
const ROUNDS = 6;
const GOAL_MS = 0.1;
/** Above this share of CPU in use by others before measuring, the figures are flagged. */
const BUSY_LIMIT = 0.2;
const DEADLINE_MS = 170_000;
const PG_URL =
  process.env.MASTHEAD_BENCH_PG_URL?.trim() || "postgres://postgres@127.0.0.1:5432/test";

if (!existsSync(path.join(ROOT, "dist/server.js"))) {
  process.stderr.write("bench: dist/ is missing; run 'npm run build' first\n");
  process.exit(1);
}
const store = await importDist("dist/store/index.js");
const { buildServer } = await importDist("dist/server.js");
const { loadConfig } = await importDist("dist/config.js");
const { loadDemoPublication } = await importDist("dist/services/demo-publication.js");
const { systemActor } = await importDist("dist/auth/actor.js");
const { loadContext, sendHtml } = await importDist("dist/site/routes/respond.js");
const { renderNotFoundPage } = await importDist("dist/site/pages/not-found.js");

/** The redirects of a large WordPress site moved in: old permalinks, `?p=` links and patterns. */
function redirectList() {
  const list = [];
  for (let i = 0; i < EXACT_PATHS; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    const month = String((i % 12) + 1).padStart(2, "0");
    list.push({
      from: `/${2010 + (i % 12)}/${month}/${day}/post-${i}/`,
      to: `/articles/post-${i}`,
    });
  }
  for (let i = 0; i < EXACT_QUERIES; i++)
    list.push({ from: `/?p=${100_000 + i}`, to: `/articles/post-${i}` });
  for (let k = 0; k < PATTERNS; k++)
    list.push(
      k % 2 === 0
        ? { from: `/legacy-${k}/:year/:slug/`, to: "/articles/:slug" }
        : { from: `/old-${k}/*`, to: `/new-${k}/*` },
    );
  return list;
}

async function publication(name, openStore, full) {
  const dataDir = await mkdtemp(path.join(tmpdir(), `mh-bench-redirects-${name}-`));
  removeAtExit(dataDir);
  const s = await openStore();
  await store.migrateToLatest(s);
  await loadDemoPublication({ store: s, dataDir }, systemActor("bench"));
  if (full) {
    const result = await store.addRedirects(s, redirectList(), { source: "import" });
    if (result.added !== EXACT_PATHS + EXACT_QUERIES + PATTERNS)
      throw new Error(`expected every redirect added, got ${JSON.stringify(result)}`);
  }
  const config = loadConfig({ MASTHEAD_DATA_DIR: dataDir });
  const app = await buildServer({ config, store: s, logLevel: "silent" });
  // The baseline: the not-found handler's 404 page without the redirect and 410 lookups.
  app.get("/__bench/plain-404/*", async (_request, reply) =>
    sendHtml(reply, 404, renderNotFoundPage(await loadContext({ store: s, config }))),
  );
  await app.ready();
  return { name, store: s, app };
}

const missing = (i) => `/no-such-place/page-${i}/`;
const plainMissing = (i) => `/__bench/plain-404/page-${i}/`;

async function timeLookups(pub, count, offset) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const target = await store.findRedirect(pub.store, missing(offset + i));
    times.push(performance.now() - t0);
    if (target !== undefined) throw new Error(`unexpected redirect for ${missing(offset + i)}`);
  }
  return times;
}

async function timeRequests(pub, count, offset, url, status) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const res = await pub.app.inject({ method: "GET", url: url(offset + i) });
    times.push(performance.now() - t0);
    if (res.statusCode !== status) throw new Error(`${url(offset + i)}: ${res.statusCode}`);
  }
  return times;
}

/** The figures of one database: both publications measured in alternating rounds. */
async function onDatabase(dialect, open) {
  process.stderr.write(
    `bench: ${dialect}: loading ${EXACT_PATHS + EXACT_QUERIES + PATTERNS} redirects…\n`,
  );
  const empty = await publication("empty", () => open("empty"), false);
  const full = await publication("full", () => open("full"), true);
  try {
    const lookups = { empty: [], full: [] };
    const notFound = { empty: [], full: [] };
    const plain = [];
    const moved = [];
    for (const pub of [empty, full]) {
      await timeLookups(pub, LOOKUP_WARMUP, 0);
      await timeRequests(pub, REQUEST_WARMUP, 0, missing, 404);
    }
    await timeRequests(full, REQUEST_WARMUP, 0, plainMissing, 404);
    await timeRequests(full, REQUEST_WARMUP, 0, (i) => `/?p=${100_000 + (i % EXACT_QUERIES)}`, 301);
    const busy = await waitForIdle(BUSY_LIMIT);
    for (let round = 0; round < ROUNDS; round++) {
      process.stderr.write(`bench: ${dialect}: round ${round + 1} of ${ROUNDS}\n`);
      for (const pub of round % 2 === 0 ? [empty, full] : [full, empty]) {
        lookups[pub.name].push(
          ...(await timeLookups(pub, LOOKUPS / ROUNDS, 10_000 + round * LOOKUPS)),
        );
        notFound[pub.name].push(
          ...(await timeRequests(pub, REQUESTS / ROUNDS, 10_000 + round * REQUESTS, missing, 404)),
        );
      }
      plain.push(
        ...(await timeRequests(
          full,
          REQUESTS / ROUNDS,
          10_000 + round * REQUESTS,
          plainMissing,
          404,
        )),
      );
      moved.push(
        ...(await timeRequests(
          full,
          REQUESTS / ROUNDS,
          round * REQUESTS,
          (i) => {
            const n = i % EXACT_PATHS;
            const day = String((n % 28) + 1).padStart(2, "0");
            const month = String((n % 12) + 1).padStart(2, "0");
            return `/${2010 + (n % 12)}/${month}/${day}/post-${n}/`;
          },
          301,
        )),
      );
    }
    const stats = (xs) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return { mean: mean(xs), p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    };
    return {
      dialect,
      busy,
      lookup: { empty: stats(lookups.empty), full: stats(lookups.full) },
      notFound: { empty: stats(notFound.empty), full: stats(notFound.full) },
      plain: stats(plain),
      moved: stats(moved),
    };
  } finally {
    for (const pub of [empty, full]) {
      await pub.app.close();
      await pub.store.close();
    }
  }
}

async function pgAdmin(statement) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function postgresFigures() {
  try {
    await pgAdmin("select 1");
  } catch (error) {
    process.stderr.write(
      `bench: PostgreSQL at ${PG_URL} does not answer (${error.message}); skipped\n`,
    );
    return undefined;
  }
  const names = [];
  try {
    return await onDatabase("PostgreSQL", async (which) => {
      const name = `mh_bench_redirects_${which}_${process.pid}`;
      await pgAdmin(`create database ${name}`);
      names.push(name);
      const url = new URL(PG_URL);
      url.pathname = `/${name}`;
      return store.openStore({ kind: "postgres", url: url.href });
    });
  } finally {
    for (const name of names) await pgAdmin(`drop database if exists ${name}`);
  }
}

const us = (x) => `${(x * 1000).toFixed(1)} µs`;

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "mh-bench-redirects-db-"));
  removeAtExit(dir);
  const results = [
    await onDatabase("SQLite", (which) =>
      store.openStore({ kind: "sqlite", file: path.join(dir, `${which}.db`) }),
    ),
  ];
  const onPg = await postgresFigures();
  if (onPg) results.push(onPg);

  const rows = results.flatMap((r) => {
    const added = r.notFound.full.mean - r.plain.mean;
    return [
      [
        r.dialect,
        "no redirects",
        us(r.lookup.empty.mean),
        us(r.lookup.empty.p50),
        us(r.notFound.empty.mean),
        us(r.notFound.empty.p50),
        "",
        "",
        "",
      ],
      [
        r.dialect,
        `${EXACT_PATHS + EXACT_QUERIES} exact + ${PATTERNS} patterns`,
        us(r.lookup.full.mean),
        us(r.lookup.full.p50),
        us(r.notFound.full.mean),
        us(r.notFound.full.p50),
        `${us(r.plain.mean)} / ${us(r.plain.p50)}`,
        `${us(added)} / ${us(r.notFound.full.p50 - r.plain.p50)}`,
        mark(added < GOAL_MS),
      ],
    ];
  });
  await writeReport("redirect-lookup", [
    `# Redirect lookup (${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, ${cpus()[0]?.model ?? "?"})`,
    "",
    `Lookups: ${LOOKUPS} findRedirect calls for addresses nothing covers; 404s: ${REQUESTS} app.inject GETs of missing paths, with and without the lookup; in ${ROUNDS} alternating rounds.`,
    "",
    ...table(
      [
        "database",
        "redirects",
        "lookup mean",
        "lookup p50",
        "404 mean",
        "404 p50",
        "404 without lookup (mean / p50)",
        "added by lookup (mean / p50)",
        `adds < ${GOAL_MS} ms`,
      ],
      ["l", "l", "r", "r", "r", "r", "r", "r", "l"],
      rows,
    ),
    "",
    ...results
      .filter((r) => r.busy > BUSY_LIMIT)
      .map(
        (r) =>
          `**${r.dialect}: the machine was ${Math.round(r.busy * 100)}% busy with other work before measuring; the figures are high.**`,
      ),
    ...results.map(
      (r) =>
        `${r.dialect}: a 301 for an old permalink (exact) takes ${us(r.moved.mean)} on average (p50 ${us(r.moved.p50)}, p99 ${us(r.moved.p99)}).`,
    ),
  ]);
}

runBench(main, DEADLINE_MS);
