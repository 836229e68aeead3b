import { mkdtemp, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import {
  get,
  importDist,
  mark,
  mean,
  ms,
  parseWrk,
  ROOT,
  removeAtExit,
  requireBuildAndWrk,
  run,
  runBench,
  SLUG,
  startBare,
  startMasthead,
  stopServers,
  table,
  WRK,
  waitForIdle,
  writeReport,
  wrk,
} from "./lib.mjs";

const LUA = path.join(ROOT, "bench/view-beacon.lua");
const THREADS = 2;
const CONNECTIONS = 100;
const WARMUP_SECONDS = 3;
const MEASURE_SECONDS = 10;
/** Distinct readers per wrk thread: each thread sends its readers in turn, then again. */
const WARMUP_READERS = 5_000;
const MEASURE_READERS = 25_000;
const GOAL_RPS = 20_000;
/** The foundation's cached article page (docs/PERFORMANCE.md, "Goals and figures"). */
const FOUNDATION = { rps: 57_239, ratio: 0.74 };
const PAGE_ROUNDS = 2;
const BUSY_LIMIT = 0.2;
const DEADLINE_MS = 240_000;

/** Runs the beacon script; returns wrk's figures and how many beacons each thread generated. */
async function beacons(url, articleId, firstReader, readersPerThread, seconds) {
  const out = await run(WRK, [
    `-t${THREADS}`,
    `-c${CONNECTIONS}`,
    `-d${seconds}s`,
    "--latency",
    "-s",
    LUA,
    url,
    "--",
    articleId,
    String(firstReader),
    String(readersPerThread),
    String(THREADS),
  ]);
  const generated = [...out.matchAll(/beacon-thread (\d+) generated (\d+)/g)].map((m) =>
    Number(m[2]),
  );
  if (generated.length !== THREADS) throw new Error(`the Lua script reported nothing:\n${out}`);
  return { ...parseWrk(out), generated };
}

/**
 * The readers a run certainly sent: all of a thread's when it went round them at least once
 * (later beacons are repeats), else the ones it generated (the last few may still have been in
 * flight when wrk stopped: then the comparison is only a bound, and the report says so).
 */
function readersSent(run, perThread) {
  return {
    readers: run.generated.reduce((sum, n) => sum + Math.min(n, perThread), 0),
    // wrk may generate a beacon per connection that it never sends: leave a margin for those.
    exact: run.generated.every((n) => n >= perThread + CONNECTIONS),
  };
}

async function storedViews(dataDir, articleId) {
  const store = await importDist("dist/store/index.js");
  const { loadConfig } = await importDist("dist/config.js");
  const db = await store.openStore(loadConfig({ MASTHEAD_DATA_DIR: dataDir }).database);
  try {
    return await store.getViews(db, articleId);
  } finally {
    await db.close();
  }
}

async function main() {
  requireBuildAndWrk();
  const started = Date.now();
  const busyBefore = await waitForIdle(BUSY_LIMIT);
  const dataDir = await mkdtemp(path.join(tmpdir(), "masthead-views-bench-"));
  removeAtExit(dataDir);

  // 1–2. Beacons.
  let masthead = await startMasthead(dataDir);
  const page = await get(`${masthead.url}/articles/${SLUG}`);
  const articleId = /data-article-id="([^"]+)"/.exec(page.body.toString("utf8"))?.[1];
  if (!articleId) throw new Error("the article page names no data-article-id");
  const before = await storedViews(dataDir, articleId);
  // The baseline: a bare node:http server answering the same beacons with the bytes Masthead
  // answers a counted one with, measured just before and just after Masthead.
  const replyFile = path.join(dataDir, "beacon-reply.json");
  await writeFile(replyFile, JSON.stringify({ views: 60_000 }));
  const bareBeacon = await startBare(replyFile, "application/json; charset=utf-8");
  process.stderr.write(`bench: bare beacon baseline (${WARMUP_SECONDS} + ${MEASURE_SECONDS} s)\n`);
  await beacons(bareBeacon.url, articleId, 0, WARMUP_READERS, WARMUP_SECONDS);
  const bareBefore = await beacons(bareBeacon.url, articleId, 0, MEASURE_READERS, MEASURE_SECONDS);
  process.stderr.write(`bench: beacon warm-up (${WARMUP_SECONDS} s)\n`);
  const warm = await beacons(masthead.url, articleId, 0, WARMUP_READERS, WARMUP_SECONDS);
  const firstMeasured = THREADS * WARMUP_READERS;
  process.stderr.write(`bench: beacons (${MEASURE_SECONDS} s)\n`);
  const measured = await beacons(
    masthead.url,
    articleId,
    firstMeasured,
    MEASURE_READERS,
    MEASURE_SECONDS,
  );
  process.stderr.write(`bench: bare beacon baseline again (${MEASURE_SECONDS} s)\n`);
  const bareAfter = await beacons(bareBeacon.url, articleId, 0, MEASURE_READERS, MEASURE_SECONDS);
  const bareBeaconRps = (bareBefore.rps + bareAfter.rps) / 2;
  // 3. A graceful stop writes what the counter holds; then count what was stored.
  await stopServers(masthead, bareBeacon);
  const stored = (await storedViews(dataDir, articleId)) - before;
  const sentWarm = readersSent(warm, WARMUP_READERS);
  const sentMeasured = readersSent(measured, MEASURE_READERS);
  const sent = sentWarm.readers + sentMeasured.readers;
  const exact = sentWarm.exact && sentMeasured.exact;
  const accepted = warm.requests - warm.non2xx + measured.requests - measured.non2xx;
  const zeroLost = exact ? stored === sent : stored >= sent && stored <= sent + CONNECTIONS * 2;

  // 4. The warm article page, against the bare server with the same bytes.
  masthead = await startMasthead(dataDir);
  const articleUrl = `${masthead.url}/articles/${SLUG}`;
  await get(articleUrl);
  const warmPage = await get(articleUrl);
  const bodyFile = path.join(dataDir, "article.html");
  await writeFile(bodyFile, warmPage.body);
  const bare = await startBare(
    bodyFile,
    warmPage.headers["content-type"] ?? "text/html; charset=utf-8",
  );
  const bareUrl = `${bare.url}/articles/${SLUG}`;
  process.stderr.write("bench: article page warm-up\n");
  const pageArgs = (s) => ["-t2", "-c50", `-d${s}s`];
  await wrk(articleUrl, pageArgs(WARMUP_SECONDS));
  await wrk(bareUrl, pageArgs(WARMUP_SECONDS));
  const runs = { masthead: [], bare: [] };
  for (let round = 0; round < PAGE_ROUNDS; round++) {
    const order = round % 2 === 0 ? ["masthead", "bare"] : ["bare", "masthead"];
    for (const which of order) {
      process.stderr.write(`bench: page round ${round + 1}, ${which}\n`);
      runs[which].push(
        await wrk(which === "masthead" ? articleUrl : bareUrl, pageArgs(MEASURE_SECONDS)),
      );
    }
  }
  await stopServers(masthead, bare);
  const pageRps = mean(runs.masthead.map((r) => r.rps));
  const bareRps = mean(runs.bare.map((r) => r.rps));
  const ratio = pageRps / bareRps;
  const ratioOk = ratio >= FOUNDATION.ratio * 0.9;

  const cpu = cpus();
  const lines = [
    "# View ingestion benchmark",
    "",
    `${new Date().toISOString()} · Node ${process.version} · ${cpu.length} × ${cpu[0]?.model ?? "CPU"} · SQLite · 127.0.0.1`,
    "",
    `CPU busy with other work just before the run: ${(busyBefore * 100).toFixed(0)}%${busyBefore > BUSY_LIMIT ? " — **the machine was busy; throughput figures are unreliable, rerun when idle**" : ""}.`,
    "",
    `## Beacons: \`wrk -t${THREADS} -c${CONNECTIONS} -d${MEASURE_SECONDS}s --latency -s bench/view-beacon.lua\``,
    "",
    ...table(
      ["what", "measured"],
      ["l", "r"],
      [
        ["beacons/s accepted", `**${measured.rps.toFixed(0)}** (goal ≥ ${GOAL_RPS})`],
        [
          "bare node:http, same beacons, before / after",
          `${bareBefore.rps.toFixed(0)} / ${bareAfter.rps.toFixed(0)} req/s`,
        ],
        ["Masthead / bare", `**${(measured.rps / bareBeaconRps).toFixed(2)}**`],
        ["latency p50 / p99", `${ms(measured.p50)} ms / ${ms(measured.p99)} ms`],
        ["beacons sent (warm-up + measured)", `${warm.requests + measured.requests}`],
        ["beacons answered 2xx", `${accepted}`],
        ["distinct readers sent", `${sent}${exact ? "" : " (at least)"}`],
        ["views stored after a graceful stop", `${stored}`],
        ["lost / extra views", `${Math.max(0, sent - stored)} / ${Math.max(0, stored - sent)}`],
      ],
    ),
    "",
    `Goal ≥ ${GOAL_RPS} beacons/s: ${mark(measured.rps >= GOAL_RPS)}. Zero lost counts: ${mark(zeroLost)}.${measured.problems ? ` wrk reported: ${measured.problems}.` : ""}`,
    "",
    // The machine's speed drifts (a shared VM): the bare server on the same beacons is the yardstick.
    `The bare server is the ceiling for any Node server on this machine and load; wrk shares the two cores with it.`,
    "",
    "## Warm article page with view counting and comments on: `wrk -t2 -c50 -d10s --latency`",
    "",
    ...table(
      ["server", "requests/s", "p50 latency", "p99 latency"],
      ["l", "r", "r", "r"],
      [
        ["Masthead", runs.masthead],
        ["bare node:http", runs.bare],
      ].map(([name, rs]) => [
        name,
        mean(rs.map((r) => r.rps)).toFixed(0),
        `${ms(mean(rs.map((r) => r.p50)))} ms`,
        `${ms(mean(rs.map((r) => r.p99)))} ms`,
      ]),
    ),
    "",
    `Ratio Masthead / bare: **${ratio.toFixed(2)}**; the foundation's was ${FOUNDATION.ratio} (${FOUNDATION.rps} req/s): within 10% (≥ ${(FOUNDATION.ratio * 0.9).toFixed(2)}): ${mark(ratioOk)}.`,
    "",
    `Run time: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  ];
  await writeReport("view-ingestion", lines);
  if (!zeroLost) throw new Error(`views lost or extra: sent ${sent} readers, stored ${stored}`);
}

runBench(main, DEADLINE_MS);
