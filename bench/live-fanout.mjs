// Benchmark of live coverage's fan-out: how long after an update is posted every one of 1,000
// readers connected to one instance has received it. Run after a build:
// `npm run build && node bench/live-fanout.mjs [--readers 1000] [--updates 10] [--postgres]`.
//
// 1. Starts one built instance with the demo publication (SQLite; --postgres: a fresh database on
//    MASTHEAD_BENCH_PG_URL's server, dropped at exit), creates an owner with the real CLI and
//    makes the demo's reference article a live one.
// 2. Starts a separate process holding --readers server-sent-events streams of the article (as
//    many browsers would, each its own connection) and waits until every one has its first
//    `sync` message.
// 3. Posts --updates updates through the admin API, one at a time. For each, from just before
//    the POST to the moment the last reader has the update's message: the fan-out time. The
//    readers' process reports when each reader got it; both processes read the same clock.
// Goal: every reader within 2 s.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { Agent, request } from "node:http";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  atExit,
  CLI,
  createBenchDatabase,
  EDITABLE_FIELDS,
  httpRequest,
  mark,
  ms,
  percentile,
  ROOT,
  removeAtExit,
  runBench,
  SLUG,
  signInAs,
  startMasthead,
  table,
  waitForIdle,
  writeReport,
} from "./lib.mjs";

const API = "/api/admin/v1";
const EMAIL = "bench-owner@example.org";
const PASSWORD = "bench password that is long enough";
const GOAL_MS = 2000;

const { values: opts } = parseArgs({
  options: {
    readers: { type: "string", default: "1000" },
    updates: { type: "string", default: "10" },
    postgres: { type: "boolean", default: false },
    // Internal: run as the readers' process.
    "as-readers": { type: "string" },
  },
});

/** The absolute time now, in ms, comparable between processes on this machine. */
const now = () => performance.timeOrigin + performance.now();

/**
 * The readers' process: opens `count` streams of `url`, says `ready` once every one has its sync,
 * then for each marker it is sent on stdin, reports when the last reader got an update holding it.
 */
async function readersProcess(url, count) {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const waiting = new Map(); // marker -> { left, last }
  let synced = 0;
  const pending = new Map(); // marker seen before asked about -> times
  const onUpdate = (data) => {
    for (const [marker, w] of waiting)
      if (data.includes(marker)) {
        w.left -= 1;
        w.last = now();
        if (w.left === 0) {
          waiting.delete(marker);
          process.stdout.write(`${JSON.stringify({ marker, last: w.last })}\n`);
        }
        return;
      }
    // Not asked about yet (the message raced the parent's line): count it for later.
    const m = /bench-marker-[0-9a-f]+/.exec(data)?.[0];
    if (m) pending.set(m, [...(pending.get(m) ?? []), now()]);
  };
  for (let i = 0; i < count; i++)
    await new Promise((resolve, reject) => {
      const req = request(url, { agent, headers: { accept: "text/event-stream" } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`reader ${i}: ${res.statusCode}`));
        res.setEncoding("utf8");
        let buffer = "";
        res.on("data", (chunk) => {
          buffer += chunk;
          let end = buffer.indexOf("\n\n");
          while (end !== -1) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf("\n\n");
            if (message.startsWith("event: sync")) {
              synced += 1;
              if (synced === count) process.stdout.write(`${JSON.stringify({ ready: count })}\n`);
            } else if (message.includes("event: update")) onUpdate(message);
          }
        });
        resolve();
      });
      req.on("error", reject);
      req.end();
    });
  for await (const line of createInterface({ input: process.stdin })) {
    const marker = line.trim();
    const early = pending.get(marker) ?? [];
    pending.delete(marker);
    const w = { left: count - early.length, last: Math.max(0, ...early) };
    if (w.left === 0) process.stdout.write(`${JSON.stringify({ marker, last: w.last })}\n`);
    else waiting.set(marker, w);
  }
}

/** A JSON request that fails loudly on an unexpected status. */
async function api(base, agent, method, url, { headers = {}, body, expect = 200 } = {}) {
  const res = await httpRequest(base + url, {
    method,
    agent,
    headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status !== expect)
    throw new Error(`${method} ${url} answered ${res.status}: ${res.body.toString("utf8")}`);
  return res.status === 204 ? undefined : JSON.parse(res.body.toString("utf8"));
}

async function main() {
  const READERS = Number(opts.readers);
  const UPDATES = Number(opts.updates);
  if (!Number.isInteger(READERS) || READERS < 1) throw new Error("--readers must be ≥ 1");
  if (!Number.isInteger(UPDATES) || UPDATES < 1) throw new Error("--updates must be ≥ 1");
  const started = Date.now();
  const busy = await waitForIdle();
  const dataDir = await mkdtemp(path.join(tmpdir(), "masthead-bench-"));
  removeAtExit(dataDir);
  const server = await startMasthead(
    dataDir,
    opts.postgres ? { DATABASE_URL: await createBenchDatabase() } : {},
  );
  execFileSync(
    process.execPath,
    [CLI, "user", "create", "--email", EMAIL, "--name", "Owner", "--role", "owner"].concat(
      "--password-stdin",
    ),
    { env: server.env, input: PASSWORD, cwd: ROOT },
  );
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const headers = await signInAs(server.url, agent, EMAIL, PASSWORD);
  const list = await api(server.url, agent, "GET", `${API}/articles?limit=100`, { headers });
  const id = list.items.find((x) => x.slug === SLUG)?.id;
  if (!id) throw new Error("the demo's reference article is not in the article list");
  const read = await api(server.url, agent, "GET", `${API}/articles/${id}`, { headers });
  const fields = Object.fromEntries(EDITABLE_FIELDS.map((k) => [k, read.article[k]]));
  await api(server.url, agent, "PUT", `${API}/articles/${id}`, {
    headers,
    body: { ...fields, type: "live", version: read.version },
  });

  // stdin carries the markers to wait for, so this child is started here rather than by startChild.
  const child = spawn(
    process.execPath,
    [
      fileURLToPath(import.meta.url),
      "--as-readers",
      `${server.url}/articles/${SLUG}/live-updates`,
      "--readers",
      String(READERS),
    ],
    { env: { PATH: process.env.PATH }, stdio: ["pipe", "pipe", "pipe"] },
  );
  atExit(() => child.kill("SIGKILL"));
  let errors = "";
  child.stderr.setEncoding("utf8").on("data", (c) => {
    errors += c;
  });
  const readers = { child, output: () => errors };
  const lines = createInterface({ input: readers.child.stdout });
  const next = () =>
    new Promise((resolve, reject) => {
      const onExit = () => reject(new Error(`readers' process exited:\n${readers.output()}`));
      readers.child.once("exit", onExit);
      lines.once("line", (line) => {
        readers.child.off("exit", onExit);
        resolve(JSON.parse(line));
      });
    });
  const connectStart = now();
  await next(); // { ready }
  const connectMs = now() - connectStart;

  const fanout = [];
  const posts = [];
  for (let i = 0; i < UPDATES; i++) {
    const marker = `bench-marker-${randomBytes(6).toString("hex")}`;
    readers.child.stdin.write(`${marker}\n`);
    const answer = next();
    const t0 = now();
    await api(server.url, agent, "POST", `${API}/articles/${id}/live-updates`, {
      headers,
      body: { body: [{ type: "paragraph", content: [{ text: `Update ${i + 1}: ${marker}` }] }] },
      expect: 201,
    });
    posts.push(now() - t0);
    const { last } = await answer;
    fanout.push(last - t0);
  }
  agent.destroy();
  readers.child.kill("SIGTERM");

  fanout.sort((a, b) => a - b);
  posts.sort((a, b) => a - b);
  const cpu = cpus();
  const worst = fanout.at(-1);
  await writeReport(opts.postgres ? "live-fanout-postgres" : "live-fanout", [
    "# Live coverage fan-out",
    "",
    `${new Date().toISOString()} · Node ${process.version} · ${cpu.length} × ${cpu[0]?.model ?? "CPU"} · ${opts.postgres ? "PostgreSQL" : "SQLite"} · one instance · CPU busy before the run: ${(busy * 100).toFixed(0)}%`,
    "",
    `## ${READERS} readers (SSE streams from another process), ${UPDATES} updates posted one at a time`,
    "",
    ...table(
      ["", "p50", "max", "goal", "met"],
      ["l", "r", "r", "r", "l"],
      [
        [
          "POST → every reader has it",
          `${ms(percentile(fanout, 50))} ms`,
          `${ms(worst)} ms`,
          `${GOAL_MS} ms`,
          mark(worst < GOAL_MS),
        ],
        ["the POST's answer", `${ms(percentile(posts, 50))} ms`, `${ms(posts.at(-1))} ms`, "", ""],
      ],
    ),
    "",
    `Connecting the ${READERS} readers took ${ms(connectMs)} ms. Run took ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  ]);
}

if (opts["as-readers"]) readersProcess(opts["as-readers"], Number(opts.readers));
else runBench(main, 300_000);
