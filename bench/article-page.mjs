import { mkdtemp, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import {
  againstRoot,
  checkoutName,
  flagValue,
  get,
  importDist,
  kb,
  mark,
  mean,
  ms,
  percentile,
  ROOT,
  removeAtExit,
  requireBuildAndWrk,
  runBench,
  wrk as runWrk,
  SLUG,
  startBare,
  startMasthead,
  stopServers,
  table,
  waitForIdle,
  writeReport,
} from "./lib.mjs";

const ARTICLE_PATH = `/articles/${SLUG}`;

const WRK_ARGS = ["-t2", "-c50"];
// `--seconds N --rounds N` make a quick check of the script itself; figures want the defaults.
const WARMUP_SECONDS = 5;
const MEASURE_SECONDS = Number(flagValue("--seconds") ?? 10);
const ROUNDS = Number(flagValue("--rounds") ?? 2);
const RENDERS = 2000;
const RENDER_WARMUP = 200;
const GOALS = { ratio: 0.7, renderP50Ms: 2, transferKb: 60 };
/** Above this share of CPU in use by others before the run, throughput figures are flagged. */
const BUSY_LIMIT = 0.2;
/** The whole run must end well inside 3 minutes; past this everything is stopped. */
const DEADLINE_MS = flagValue("--against") ? 340_000 : 170_000;

const wrk = (url, seconds) => runWrk(url, [...WRK_ARGS, `-d${seconds}s`]);

/** Cache-less renders of the article page with the built site and store modules. */
async function timeRenders(dataDir) {
  const site = await importDist("dist/site/index.js");
  const store = await importDist("dist/store/index.js");
  const { loadConfig } = await importDist("dist/config.js");
  const config = loadConfig({ MASTHEAD_DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "3000" });
  const db = await store.openStore(config.database);
  try {
    const page = await store.loadArticlePage(db, SLUG);
    if (!page) throw new Error(`loadArticlePage found no article '${SLUG}'`);
    const ctx = await site.loadSiteContext(db, config);
    const first = process.hrtime.bigint();
    const html = site.renderArticlePage(page, ctx);
    const firstMs = Number(process.hrtime.bigint() - first) / 1e6;
    if (typeof html !== "string" || !html.includes("<h1"))
      throw new Error("renderArticlePage returned no page");
    for (let i = 0; i < RENDER_WARMUP; i++) site.renderArticlePage(page, ctx);
    const times = [];
    for (let i = 0; i < RENDERS; i++) {
      const t = process.hrtime.bigint();
      site.renderArticlePage(page, ctx);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((a, b) => a - b);
    return { firstMs, p50: percentile(times, 50), p99: percentile(times, 99), mean: mean(times) };
  } finally {
    await db.close();
  }
}

/** The stylesheets and scripts an HTML page references (same-origin paths). */
function referencedAssets(html) {
  const urls = new Set();
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel=["']?(stylesheet|preload|modulepreload)\b/i.test(tag)) continue;
    const href = /\bhref=["']([^"']+)["']/i.exec(tag)?.[1];
    if (href) urls.add(href.replaceAll("&amp;", "&"));
  }
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\bsrc=["']([^"']+)["']/i.exec(tag)?.[1];
    if (src) urls.add(src.replaceAll("&amp;", "&"));
  }
  return [...urls];
}

async function transferSizes(baseUrl, html) {
  const files = [{ name: ARTICLE_PATH, body: html }];
  for (const asset of referencedAssets(html.toString("utf8"))) {
    const res = await get(new URL(asset, baseUrl).href);
    if (res.status !== 200) throw new Error(`${asset} answered ${res.status}`);
    files.push({ name: asset, body: res.body });
  }
  const rows = [];
  for (const f of files) {
    // What the server actually sends to a browser that accepts compression.
    const wire = await get(new URL(f.name, baseUrl).href, { "accept-encoding": "br, gzip" });
    rows.push({
      name: f.name,
      raw: f.body.length,
      gzip: gzipSync(f.body).length,
      brotli: brotliCompressSync(f.body).length,
      wire: wire.body.length,
      wireEncoding: wire.headers["content-encoding"] ?? "none",
    });
  }
  return rows;
}

/** The report's lines comparing each checkout's ratio to a bare server, measured alternately. */
function sideBySide(sides) {
  const [current, other] = sides;
  const change = current.ratio / other.ratio - 1;
  return [
    "",
    `### Side by side with ${other.name} (\`${other.root}\`), same run, runs alternating`,
    "",
    ...table(
      ["build", "Masthead req/s", "bare req/s", "ratio"],
      ["l", "r", "r", "r"],
      sides.map((side) => [
        side.name,
        side.m.rps.toFixed(0),
        side.b.rps.toFixed(0),
        side.ratio.toFixed(3),
      ]),
    ),
    "",
    `Ratio change: ${(change * 100).toFixed(1)}% (goal: at most 5% below the other build's: ${mark(change >= -0.05)})`,
  ];
}

async function main() {
  requireBuildAndWrk();
  const started = Date.now();
  // Other work on the machine skews throughput more than anything measured here: wait a little
  // for it to pass, and say so in the report when it does not.
  const busyBefore = await waitForIdle(BUSY_LIMIT);
  const dataDir = await mkdtemp(path.join(tmpdir(), "masthead-bench-"));
  removeAtExit(dataDir);

  // 1. Masthead, warmed, and the exact response a client without compression gets; with
  // --against, the other checkout's build too, on a database of its own.
  const against = againstRoot();
  const sides = [];
  for (const root of [ROOT, ...(against ? [against] : [])]) {
    const dir = root === ROOT ? dataDir : await mkdtemp(path.join(tmpdir(), "masthead-bench-"));
    if (dir !== dataDir) removeAtExit(dir);
    const server = await startMasthead(dir, {}, root);
    const url = server.url + ARTICLE_PATH;
    await get(url);
    const page = await get(url);
    if (page.status !== 200) throw new Error(`${ARTICLE_PATH} answered ${page.status}`);
    const contentType = page.headers["content-type"] ?? "text/html; charset=utf-8";
    const bodyFile = path.join(dir, "article.html");
    await writeFile(bodyFile, page.body);

    // 2. The bare baseline with the same bytes.
    const bare = await startBare(bodyFile, contentType);
    const bareUrl = bare.url + ARTICLE_PATH;
    const check = await get(bareUrl);
    if (!check.body.equals(page.body))
      throw new Error("the bare server does not send the same bytes");
    const name = `${await checkoutName(root)}${root === ROOT ? "" : " (--against)"}`;
    sides.push({ name, root, server, bare, url, bareUrl, page, runs: { masthead: [], bare: [] } });
  }
  const [current] = sides;
  const masthead = current.server;
  const page = current.page;

  // 3. Load: a warm-up each (JIT, connection setup), then measured runs, alternating so drift on
  // a shared machine falls on all alike.
  process.stderr.write(`bench: wrk warm-up (${WARMUP_SECONDS} s each)\n`);
  const targets = sides.flatMap((side) => [
    { label: `${side.name} masthead`, url: side.url, runs: side.runs.masthead },
    { label: `${side.name} bare`, url: side.bareUrl, runs: side.runs.bare },
  ]);
  for (const target of targets) await wrk(target.url, WARMUP_SECONDS);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      process.stderr.write(`bench: round ${round + 1}, ${target.label} (${MEASURE_SECONDS} s)\n`);
      target.runs.push(await wrk(target.url, MEASURE_SECONDS));
    }
  }
  const summary = (rs) => ({
    rps: mean(rs.map((r) => r.rps)),
    p50: mean(rs.map((r) => r.p50)),
    p99: mean(rs.map((r) => r.p99)),
    problems: rs
      .map((r) => r.problems)
      .filter(Boolean)
      .join("; "),
  });
  for (const side of sides) {
    side.m = summary(side.runs.masthead);
    side.b = summary(side.runs.bare);
    side.ratio = side.m.rps / side.b.rps;
  }
  const { m, b, ratio, runs } = current;

  // 5. Transfer size, while Masthead still serves.
  const sizes = await transferSizes(masthead.url, page.body);
  await stopServers(...sides.flatMap((side) => [side.server, side.bare]));

  // 4. Renders without the page cache, from the same database.
  const render = await timeRenders(dataDir);

  const total = sizes.reduce(
    (t, r) => ({
      raw: t.raw + r.raw,
      gzip: t.gzip + r.gzip,
      brotli: t.brotli + r.brotli,
      wire: t.wire + r.wire,
    }),
    { raw: 0, gzip: 0, brotli: 0, wire: 0 },
  );

  const cpu = cpus();
  const lines = [
    `# Article page benchmark`,
    "",
    `${new Date().toISOString()} · Node ${process.version} · ${cpu.length} × ${cpu[0]?.model ?? "CPU"} · SQLite · \`wrk ${WRK_ARGS.join(" ")} --latency -d${MEASURE_SECONDS}s\` on 127.0.0.1, ${ROUNDS} measured runs each (mean shown)`,
    "",
    `CPU busy with other work just before the run: ${(busyBefore * 100).toFixed(0)}%${busyBefore > BUSY_LIMIT ? " — **the machine was busy; throughput figures are unreliable, rerun when idle**" : ""}.`,
    "",
    "## Throughput: cached article page vs a bare Node server sending the same bytes",
    "",
    ...table(
      ["server", "requests/s", "p50 latency", "p99 latency", "runs (req/s)"],
      ["l", "r", "r", "r", "l"],
      [
        ["Masthead", m, runs.masthead],
        ["bare node:http", b, runs.bare],
      ].map(([name, x, rs]) => [
        name,
        x.rps.toFixed(0),
        `${ms(x.p50)} ms`,
        `${ms(x.p99)} ms`,
        rs.map((r) => r.rps.toFixed(0)).join(", "),
      ]),
    ),
    "",
    `Ratio Masthead / bare: **${ratio.toFixed(2)}** (goal ≥ ${GOALS.ratio}: ${mark(ratio >= GOALS.ratio)})`,
    ...(m.problems || b.problems
      ? ["", `wrk reported: Masthead: ${m.problems || "none"}; bare: ${b.problems || "none"}`]
      : []),
    ...(against ? sideBySide(sides) : []),
    "",
    `## Rendering the article page without the cache (${RENDERS} renders after ${RENDER_WARMUP} warm-up)`,
    "",
    ...table(
      ["first render", "p50", "p99", "mean"],
      ["r", "r", "r", "r"],
      [[render.firstMs, render.p50, render.p99, render.mean].map((x) => `${ms(x)} ms`)],
    ),
    "",
    `p50 goal < ${GOALS.renderP50Ms} ms: ${mark(render.p50 < GOALS.renderP50Ms)}`,
    "",
    "## What a reader downloads: the HTML and the CSS and JS it references",
    "",
    ...table(
      ["file", "raw", "gzip", "brotli", "as served (br/gzip accepted)"],
      ["l", "r", "r", "r", "r"],
      [
        ...sizes.map((r) => [
          `\`${r.name.length > 60 ? `${r.name.slice(0, 57)}…` : r.name}\``,
          `${kb(r.raw)} KB`,
          `${kb(r.gzip)} KB`,
          `${kb(r.brotli)} KB`,
          `${kb(r.wire)} KB (${r.wireEncoding})`,
        ]),
        [
          "**total**",
          `**${kb(total.raw)} KB**`,
          `**${kb(total.gzip)} KB**`,
          `**${kb(total.brotli)} KB**`,
          `**${kb(total.wire)} KB**`,
        ],
      ],
    ),
    "",
    `Goal < ${GOALS.transferKb} KB uncompressed: ${mark(total.raw < GOALS.transferKb * 1024)}. Images (the avatar and the placeholder photo) are not counted.`,
    "",
    `Run time: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  ];
  await writeReport("article-page", lines);
}

runBench(main, DEADLINE_MS);
