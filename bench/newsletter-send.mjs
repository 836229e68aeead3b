// Benchmark of sending a newsletter edition (issue 15). Run after a build:
// `npm run build && node bench/newsletter-send.mjs [--subscribers 100000] [--sqlite] [--only a|b]
//  [--rate 2000] [--seconds 10] [--wrk-core 1|0] [--analyze] [--cpu-prof <dir>]
//  [--sender-node-options "<flags>"]`
//
// Set-up: a fresh database (PostgreSQL by default: MASTHEAD_BENCH_PG_URL's server, default
// postgres://postgres@127.0.0.1:5432/postgres, dropped at exit; --sqlite: a file in a temporary
// folder), migrated with the demo by `masthead init --demo`, then --subscribers confirmed
// subscribers of one newsletter inserted set-based (generate_series on PostgreSQL, a recursive CTE
// on SQLite). Each part queues its own edition of the demo article (through the admin API's "send
// as newsletter" when the build has it, else by SQL: the edition row, rendered by the build's
// email renderer, and one mail_outbox row per subscriber, as the editions store's insert-select
// writes them). Messages go to bench/smtp-sink-process.mjs, a separate process that counts them
// without parsing them. `masthead serve` (MASTHEAD_MAIL_SENDER=off) runs throughout on core 0.
//
// (a) The whole edition delivered: `masthead mail-sender` (MASTHEAD_MAIL_RATE=--rate) pinned to
//     core 1, the sink on core 0 (beside the idle server). Wall time from starting the sender
//     until the sink has counted every message and every outbox row of the edition is `sent`;
//     the sender's peak memory (VmHWM from /proc, sampled). Goals: under 5 minutes, under 200 MB.
// (b) The site's warm article throughput during a send at the default rate (MASTHEAD_MAIL_RATE
//     unset): the server on core 0; the sender and the sink on core 1, and wrk too (it needs a
//     core, and core 0 is the server's; --wrk-core 0 puts it beside the server instead). wrk
//     against the demo article for --seconds idle, then --seconds while the sender runs, twice,
//     alternating, in the same run; the sender is started for each "during" run (measured once
//     messages flow) and stopped (SIGTERM) after it. Goal: during ≥ 0.75 × idle. The server's CPU
//     time per request is reported too: with wrk on a shared core, the load generator can be
//     what slows down.
// --analyze runs ANALYZE on mail_outbox after queueing (what autovacuum does within a minute
// where it is on); --cpu-prof writes the sender's CPU profile; --sender-node-options sets its
// NODE_OPTIONS (e.g. a heap limit).
// Every process started is stopped by its pid and the database dropped, however the run ends.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { Agent } from "node:http";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import {
  CLI,
  createBenchDatabase,
  freePort,
  get,
  HAS_TASKSET,
  httpRequest,
  importDist,
  mark,
  mastheadEnv,
  mean,
  ms,
  pinToCore,
  processCpuSeconds,
  processMemory,
  processRunQueueSeconds,
  ROOT,
  removeAtExit,
  requireBuildAndWrk,
  run,
  runBench,
  SLUG,
  signInAs,
  startChild,
  startMasthead,
  stopServers,
  table,
  waitForIdle,
  writeReport,
  wrk,
} from "./lib.mjs";

const { values: opts } = parseArgs({
  options: {
    subscribers: { type: "string", default: "100000" },
    postgres: { type: "boolean", default: false },
    sqlite: { type: "boolean", default: false },
    only: { type: "string" },
    // (a)'s MASTHEAD_MAIL_RATE.
    rate: { type: "string", default: "2000" },
    // (b)'s length of each wrk run.
    seconds: { type: "string", default: "10" },
    // (b)'s core for wrk: 1 (with the sender and sink, the default) or 0 (with the server).
    "wrk-core": { type: "string", default: "1" },
    // After queueing, ANALYZE mail_outbox (what autovacuum does about a minute after a bulk
    // insert on a server where it is on) instead of leaving the planner without its statistics.
    analyze: { type: "boolean", default: false },
    // NODE_OPTIONS for the sender, e.g. "--max-old-space-size=96" (how its heap limit moves its
    // peak memory).
    "sender-node-options": { type: "string" },
    // A folder: the sender runs with --cpu-prof and writes its profile there (where time goes).
    "cpu-prof": { type: "string" },
  },
});
const SUBSCRIBERS = Number(opts.subscribers);
if (!Number.isInteger(SUBSCRIBERS) || SUBSCRIBERS < 1)
  throw new Error("--subscribers must be a whole number ≥ 1");
if (opts.postgres && opts.sqlite) throw new Error("--postgres and --sqlite exclude each other");
if (opts.only !== undefined && !["a", "b"].includes(opts.only))
  throw new Error("--only takes a or b");
const SQLITE = opts.sqlite;
const PARTS = opts.only ? [opts.only] : ["a", "b"];
const RATE_A = Number(opts.rate);
const SECONDS = Number(opts.seconds);
const WRK_CORE = Number(opts["wrk-core"]);
if (![0, 1].includes(WRK_CORE)) throw new Error("--wrk-core takes 0 or 1");

const GOALS = { seconds: 300, peakMb: 200, ratio: 0.75 };
/** (a) is stopped and reported unfinished after this long. */
const GIVE_UP_MS = 900_000;
const API = "/api/admin/v1";
const EMAIL = "bench-owner@example.org";
const PASSWORD = "bench password that is long enough";
const MAIL_FROM = "The Bench Paper <news@bench.example>";
const WRK_ARGS = ["-t2", "-c50"];
const CORE_SERVER = 0;
const CORE_SENDER = 1;
const NEWSLETTER_ID = randomUUID();

/**
 * The bench's own connection to the database: `query(sql, params)` with `?` placeholders (made
 * `$n` for PostgreSQL) resolves with the rows.
 */
async function openDatabase(env) {
  if (env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    return {
      query: async (sql, params = []) => {
        let n = 0;
        return (
          await client.query(
            sql.replaceAll("?", () => `$${++n}`),
            params,
          )
        ).rows;
      },
      close: () => client.end(),
    };
  }
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(path.join(env.MASTHEAD_DATA_DIR, "masthead.db"));
  db.pragma("busy_timeout = 10000");
  return {
    query: async (sql, params = []) => {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...params);
      statement.run(...params);
      return [];
    },
    close: async () => db.close(),
  };
}

/** The current time as each database's timestamp columns take it. */
const NOW = SQLITE ? "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')" : "now()";
/** A random UUID per row (SQLite: shaped from `h`, 32 random hex digits of the row). */
const RANDOM_ID = SQLITE
  ? "lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-a' || substr(h, 18, 3) || '-' || substr(h, 21, 12))"
  : "gen_random_uuid()::text";

/** One newsletter and SUBSCRIBERS confirmed subscribers of it, set-based. */
async function seedSubscribers(db) {
  await db.query(
    `insert into newsletters (id, slug, name, description, digest, active, position, created_at, updated_at)
     values (?, 'bench-weekly', 'Bench weekly', 'The benchmark''s newsletter', null, ${SQLITE ? 1 : "true"}, 0, ${NOW}, ${NOW})`,
    [NEWSLETTER_ID],
  );
  const columns =
    "id, email, name, status, secret, created_at, confirmed_at, unsubscribed_at, confirm_sent_at, updated_at";
  const values = `${RANDOM_ID}, 'reader' || i || '@example.test', 'Reader ' || i, 'confirmed', ${SQLITE ? "lower(hex(randomblob(32)))" : "md5(random()::text) || md5(random()::text)"}, ${NOW}, ${NOW}, null, ${NOW}, ${NOW}`;
  await db.query(
    SQLITE
      ? `with recursive n(i, h) as (
           select 1, hex(randomblob(16)) union all select i + 1, hex(randomblob(16)) from n where i < ?)
         insert into subscribers (${columns}) select ${values} from n`
      : `insert into subscribers (${columns}) select ${values} from generate_series(1, ?::int) as i`,
    [SUBSCRIBERS],
  );
  await db.query(
    `insert into subscriptions (subscriber_id, newsletter_id, created_at) select id, ?, ${NOW} from subscribers`,
    [NEWSLETTER_ID],
  );
  await db.query(SQLITE ? "analyze" : "analyze subscribers; analyze subscriptions");
}

/**
 * The edition's subject and parts: the demo article rendered by the build's email renderer when
 * it has one, else a stand-in of similar size with the same link placeholders.
 */
async function editionContent(env) {
  try {
    const render = await importDist("dist/mail/render/index.js");
    const content = await importDist("dist/services/email-content.js");
    const store = await importDist("dist/store/index.js");
    const { loadConfig } = await importDist("dist/config.js");
    const config = loadConfig(env);
    const db = await store.openStore(config.database);
    try {
      const [row] = await db.db
        .selectFrom("articles")
        .select("id")
        .where("slug", "=", SLUG)
        .execute();
      const rendered = render.renderArticleEmail({
        publication: await content.loadEmailPublication(db, config.publicUrl),
        newsletter: { name: "Bench weekly" },
        content: await content.loadEmailArticle(db, row.id),
      });
      return { ...rendered, source: "the demo article rendered by renderArticleEmail" };
    } finally {
      await db.close();
    }
  } catch (error) {
    process.stderr.write(`bench: no email renderer in the build (${error.message}); stand-in\n`);
    const links =
      '<p><a href="%%MH_WEB_VERSION_URL%%">View in your browser</a> · <a href="%%MH_PREFERENCES_URL%%">Preferences</a> · <a href="%%MH_UNSUBSCRIBE_URL%%">Unsubscribe</a></p>';
    const paragraph = `<p style="font-family:Georgia,serif;font-size:17px;line-height:1.5;color:#222">${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(8)}</p>`;
    return {
      subject: "Bench edition",
      html: `<!doctype html><html><body>${paragraph.repeat(40)}${links}</body></html>`,
      text: `${"Lorem ipsum dolor sit amet. ".repeat(300)}\nUnsubscribe: %%MH_UNSUBSCRIBE_URL%%\nPreferences: %%MH_PREFERENCES_URL%%\n`,
      source: "a stand-in (the build has no email renderer)",
    };
  }
}

/**
 * Queues an edition of the demo article to every confirmed subscriber by SQL: the edition row
 * and one outbox row per subscriber (subject and parts from the edition), as the editions
 * service does. Returns the edition's id.
 */
async function queueEditionBySql(db, content) {
  const [article] = await db.query("select id from articles where slug = ?", [SLUG]);
  const id = randomUUID();
  await db.query(
    `insert into editions (id, newsletter_id, kind, article_id, article_ids, subject, intro, slug,
       status, html, text, send_at, recipients, created_by, created_at, updated_at, queued_at, sent_at)
     values (?, ?, 'article', ?, ?, ?, '', ?, 'queued', ?, ?, ${NOW}, ?, null, ${NOW}, ${NOW}, ${NOW}, null)`,
    [
      id,
      NEWSLETTER_ID,
      article.id,
      JSON.stringify([article.id]),
      content.subject,
      id,
      content.html,
      content.text,
      SUBSCRIBERS,
    ],
  );
  // As src/store/editions.ts queues them: ids and Message-IDs from the edition and subscriber.
  await db.query(
    `insert into mail_outbox (id, message_id, kind, edition_id, subscriber_id, to_address, to_name,
       status, attempts, next_attempt_at, created_at)
     select e.id || '.' || s.id, '<' || e.id || '.' || s.id || '@bench.example>', 'edition', e.id,
       s.id, s.email, s.name, 'queued', 0, ${NOW}, ${NOW}
     from subscriptions sub
     join subscribers s on s.id = sub.subscriber_id
     join editions e on e.id = ?
     where sub.newsletter_id = ? and s.status = 'confirmed'`,
    [id, NEWSLETTER_ID],
  );
  return id;
}

/** Whether the build has the admin API's editions (an answer other than 404 without a session). */
async function editionsApiLanded(server) {
  const res = await httpRequest(`${server.url}${API}/editions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  return res.status !== 404;
}

/** Queues the edition through the admin API ("send as newsletter"); returns its id. */
async function queueEditionByApi(server, db) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const headers = await signInAs(server.url, agent, EMAIL, PASSWORD);
    const [article] = await db.query("select id from articles where slug = ?", [SLUG]);
    const call = async (method, url, body) => {
      const res = await httpRequest(server.url + url, {
        method,
        agent,
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.status >= 300)
        throw new Error(`${method} ${url} answered ${res.status}: ${res.body.toString("utf8")}`);
      return JSON.parse(res.body.toString("utf8"));
    };
    const { edition } = await call("POST", `${API}/editions`, {
      newsletterId: NEWSLETTER_ID,
      articleId: article.id,
    });
    await call("POST", `${API}/editions/${edition.id}/send`, {});
    return edition.id;
  } finally {
    agent.destroy();
  }
}

/** Starts the SMTP sink on `core`; resolves with its SMTP port and its count. */
async function startSink(core) {
  const sink = startChild(
    [path.join(ROOT, "bench/smtp-sink-process.mjs")],
    { PATH: process.env.PATH },
    ROOT,
    { core },
  );
  const [smtpPort, httpPort] = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`sink did not start:\n${sink.output()}`)),
      10_000,
    );
    sink.child.stdout.on("data", () => {
      const match = /listening (\d+) (\d+)/.exec(sink.output());
      if (match) {
        clearTimeout(timer);
        resolve([Number(match[1]), Number(match[2])]);
      }
    });
    sink.child.once("exit", () => reject(new Error(`sink exited:\n${sink.output()}`)));
  });
  const base = `http://127.0.0.1:${httpPort}`;
  const count = async () => JSON.parse((await get(`${base}/count`)).body.toString("utf8"));
  const reset = async () => {
    await httpRequest(`${base}/reset`, { method: "POST" });
  };
  return { ...sink, smtpPort, count, reset };
}

/** Starts `masthead mail-sender` on `core` against the sink; `rate` unset: the default. */
function startSender(env, sink, rate) {
  return startChild(
    [
      ...(opts["cpu-prof"]
        ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(opts["cpu-prof"])}`]
        : []),
      CLI,
      "mail-sender",
    ],
    {
      ...env,
      MASTHEAD_SMTP_URL: `smtp://127.0.0.1:${sink.smtpPort}`,
      MASTHEAD_MAIL_FROM: MAIL_FROM,
      ...(rate ? { MASTHEAD_MAIL_RATE: String(rate) } : {}),
      ...(opts["sender-node-options"] ? { NODE_OPTIONS: opts["sender-node-options"] } : {}),
    },
    ROOT,
    { core: CORE_SENDER },
  );
}

/** How many of the edition's outbox rows are in each status. */
async function outboxStatus(db, editionId) {
  const rows = await db.query(
    "select status, count(*) as n from mail_outbox where edition_id = ? group by status",
    [editionId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** (a): the whole edition through the sender at RATE_A; time and the sender's peak memory. */
async function partA(env, db, queue, sink) {
  const editionId = await queue();
  await pinToCore(sink.child.pid, CORE_SERVER);
  await sink.reset();
  const started = performance.now();
  const sender = startSender(env, sink, RATE_A);
  const memory = [];
  let peakKb = 0;
  const sampler = setInterval(async () => {
    const m = await processMemory(sender.child.pid);
    if (m) {
      peakKb = Math.max(peakKb, m.peakKb);
      memory.push(m.rssKb);
    }
  }, 200);
  let sinkAllAt = null;
  let senderCpu = 0;
  let senderWait = 0;
  let sinkCpu = (await processCpuSeconds(sink.child.pid)) ?? 0;
  let doneAt = null;
  let counted = { messages: 0, recipients: 0 };
  let status = {};
  let lastLog = 0;
  try {
    while (performance.now() - started < GIVE_UP_MS) {
      if (sender.child.exitCode !== null)
        throw new Error(
          `the sender exited ${sender.child.exitCode}:\n${sender.output().slice(-4000)}`,
        );
      counted = await sink.count();
      if (counted.messages >= SUBSCRIBERS && sinkAllAt === null) sinkAllAt = performance.now();
      if (sinkAllAt !== null || performance.now() - lastLog > 5000) {
        status = await outboxStatus(db, editionId);
        if (sinkAllAt !== null && (status.sent ?? 0) === SUBSCRIBERS) {
          doneAt = performance.now();
          break;
        }
      }
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        const m = await processMemory(sender.child.pid);
        process.stderr.write(
          `bench: (a) ${((lastLog - started) / 1000).toFixed(0)} s: sink ${counted.messages}, outbox ${JSON.stringify(status)}, sender RSS ${((m?.rssKb ?? 0) / 1024).toFixed(0)} MB\n`,
        );
      }
      await sleep(sinkAllAt === null ? 250 : 100);
    }
  } finally {
    clearInterval(sampler);
    const m = await processMemory(sender.child.pid);
    if (m) peakKb = Math.max(peakKb, m.peakKb);
    senderCpu = (await processCpuSeconds(sender.child.pid)) ?? 0;
    senderWait = (await processRunQueueSeconds(sender.child.pid)) ?? 0;
    sinkCpu = ((await processCpuSeconds(sink.child.pid)) ?? 0) - sinkCpu;
    await stopServers(sender);
  }
  const seconds = ((doneAt ?? performance.now()) - started) / 1000;
  return {
    editionId,
    finished: doneAt !== null,
    senderCpu,
    senderWait,
    sinkCpu,
    seconds,
    sinkSeconds: sinkAllAt === null ? null : (sinkAllAt - started) / 1000,
    peakMb: peakKb / 1024,
    rssMb: memory.map((kb) => kb / 1024),
    counted,
    status,
    firstToLast: counted.firstAt ? (counted.lastAt - counted.firstAt) / 1000 : null,
  };
}

/** (b): warm article throughput idle and during a default-rate send, alternating. */
async function partB(env, db, queue, server, sink) {
  const editionId = await queue();
  await pinToCore(sink.child.pid, CORE_SENDER);
  await sink.reset();
  const url = `${server.url}/articles/${SLUG}`;
  const page = await get(url);
  if (page.status !== 200) throw new Error(`${url} answered ${page.status}`);
  // With the server's CPU time around each run: a lower rate with the server's core less busy
  // means wrk (sharing core 1 with the sender) sent fewer requests, not that the server slowed.
  const load = async (seconds) => {
    const cpu = await processCpuSeconds(server.child.pid);
    const t0 = performance.now();
    const result = await wrk(url, [...WRK_ARGS, `-d${seconds}s`], { core: WRK_CORE });
    const used = (await processCpuSeconds(server.child.pid)) - cpu;
    return {
      ...result,
      serverBusy: used / ((performance.now() - t0) / 1000),
      serverCpuUs: (used * 1e6) / result.requests,
    };
  };
  process.stderr.write("bench: (b) wrk warm-up (5 s)\n");
  await load(5);
  const runs = [];
  for (let round = 1; round <= 2; round++) {
    process.stderr.write(`bench: (b) round ${round}, idle (${SECONDS} s)\n`);
    runs.push({ round, phase: "idle", ...(await load(SECONDS)), mailsPerSecond: 0 });
    const before = (await sink.count()).messages;
    const sender = startSender(env, sink, undefined);
    // Measured once messages flow: the sender's start-up is not a send.
    const waitFrom = performance.now();
    while ((await sink.count()).messages < before + 20) {
      if (sender.child.exitCode !== null)
        throw new Error(
          `the sender exited ${sender.child.exitCode}:\n${sender.output().slice(-4000)}`,
        );
      if (performance.now() - waitFrom > 30_000)
        throw new Error(`the sender sent nothing within 30 s:\n${sender.output().slice(-4000)}`);
      await sleep(50);
    }
    process.stderr.write(`bench: (b) round ${round}, during the send (${SECONDS} s)\n`);
    const from = (await sink.count()).messages;
    const t0 = performance.now();
    const during = await load(SECONDS);
    const sent = (await sink.count()).messages - from;
    const mailsPerSecond = sent / ((performance.now() - t0) / 1000);
    await stopServers(sender);
    runs.push({ round, phase: "during", ...during, mailsPerSecond });
  }
  const status = await outboxStatus(db, editionId);
  const idle = mean(runs.filter((r) => r.phase === "idle").map((r) => r.rps));
  const during = mean(runs.filter((r) => r.phase === "during").map((r) => r.rps));
  // What the server's core could serve at 100% busy, from its CPU time per request: the
  // server's own slow-down, whatever held wrk back.
  const capacity = (phase) =>
    mean(runs.filter((r) => r.phase === phase).map((r) => 1e6 / r.serverCpuUs));
  return {
    runs,
    idle,
    during,
    ratio: during / idle,
    capacityRatio: capacity("during") / capacity("idle"),
    status,
  };
}

async function main() {
  requireBuildAndWrk();
  const started = Date.now();
  const busy = await waitForIdle();
  const dataDir = await mkdtemp(path.join(tmpdir(), "masthead-bench-"));
  removeAtExit(dataDir);
  const extraEnv = SQLITE ? {} : { DATABASE_URL: await createBenchDatabase() };
  const port = await freePort();
  const env = mastheadEnv(dataDir, port, { ...extraEnv, MASTHEAD_MAIL_SENDER: "off" });

  process.stderr.write("bench: migrating (masthead init --demo)\n");
  await run(process.execPath, [CLI, "init", "--demo", "--if-empty"], { env, cwd: ROOT });
  execFileSync(
    process.execPath,
    [
      CLI,
      "user",
      "create",
      "--email",
      EMAIL,
      "--name",
      "Owner",
      "--role",
      "owner",
      "--password-stdin",
    ],
    { env, input: PASSWORD, cwd: ROOT },
  );
  const db = await openDatabase(env);
  try {
    const autovacuum = SQLITE ? null : (await db.query("show autovacuum"))[0].autovacuum;
    let t = performance.now();
    process.stderr.write(`bench: inserting ${SUBSCRIBERS} subscribers\n`);
    await seedSubscribers(db);
    const seedSeconds = (performance.now() - t) / 1000;

    // One sink for both parts (moved between cores); the server is told about it, as sending
    // must be configured for the admin API to queue an edition, but sends nothing itself
    // (MASTHEAD_MAIL_SENDER=off): (b) measures it, and it queues editions when the build has the
    // admin API for that.
    const sink = await startSink(CORE_SERVER);
    const smtpEnv = {
      MASTHEAD_SMTP_URL: `smtp://127.0.0.1:${sink.smtpPort}`,
      MASTHEAD_MAIL_FROM: MAIL_FROM,
    };
    const server = await startMasthead(
      dataDir,
      { ...extraEnv, ...smtpEnv, MASTHEAD_MAIL_SENDER: "off" },
      ROOT,
      { core: CORE_SERVER },
    );
    const byApi = await editionsApiLanded(server);
    const content = byApi ? null : await editionContent(server.env);
    const queueTimes = [];
    let body = { html: 0, text: 0 };
    const queue = async () => {
      t = performance.now();
      const id = byApi ? await queueEditionByApi(server, db) : await queueEditionBySql(db, content);
      queueTimes.push((performance.now() - t) / 1000);
      if (opts.analyze) await db.query("analyze mail_outbox");
      const [sizes] = await db.query(
        "select length(html) as html, length(text) as text from editions where id = ?",
        [id],
      );
      body = { html: Number(sizes.html), text: Number(sizes.text) };
      return id;
    };
    const senderEnv = { ...server.env, MASTHEAD_MAIL_SENDER: "on" };

    let a;
    if (PARTS.includes("a")) {
      // The site is not part of (a): it stays up (idle) only when (b) comes next.
      process.stderr.write(
        `bench: (a) sending ${SUBSCRIBERS} messages at MASTHEAD_MAIL_RATE=${RATE_A}\n`,
      );
      a = await partA(senderEnv, db, queue, sink);
    }
    let b;
    if (PARTS.includes("b")) b = await partB(senderEnv, db, queue, server, sink);
    await stopServers(server, sink);

    const cpu = cpus();
    const database = SQLITE ? "SQLite" : "PostgreSQL";
    const lines = [
      "# Newsletter send",
      "",
      `${new Date().toISOString()} · Node ${process.version} · ${cpu.length} × ${cpu[0]?.model ?? "CPU"} · ${database} · ${SUBSCRIBERS} confirmed subscribers · CPU busy before the run: ${(busy * 100).toFixed(0)}%${HAS_TASKSET ? "" : " · **no taskset: processes were not pinned**"}`,
      "",
      `Set-up: ${SUBSCRIBERS} subscribers inserted in ${seedSeconds.toFixed(1)} s; each edition queued ${byApi ? "through the admin API" : "by SQL (edition row + insert-select into mail_outbox)"} in ${queueTimes.map((s) => `${s.toFixed(1)} s`).join(", ")}; body: ${byApi ? "rendered by the editions service" : content.source} (HTML ${(body.html / 1024).toFixed(1)} K characters, text ${(body.text / 1024).toFixed(1)} K). ${opts["sender-node-options"] ? `The sender's NODE_OPTIONS: \`${opts["sender-node-options"]}\`. ` : ""}The planner's statistics of mail_outbox: ${opts.analyze ? "ANALYZE right after queueing (--analyze)" : "none from the bench"}${autovacuum ? ` (this server's autovacuum: ${autovacuum})` : ""}.`,
    ];
    if (a) {
      const ok = a.finished && a.seconds < GOALS.seconds;
      const at = (share) =>
        a.rssMb[Math.min(a.rssMb.length - 1, Math.floor(share * a.rssMb.length))];
      lines.push(
        "",
        `## (a) One edition to ${SUBSCRIBERS} subscribers, MASTHEAD_MAIL_RATE=${RATE_A}, sender on core ${CORE_SENDER}, sink on core ${CORE_SERVER}`,
        "",
        ...table(
          ["", "figure", "goal", "met", "margin"],
          ["l", "r", "r", "l", "r"],
          [
            [
              "start of the sender → all counted by the sink and all rows `sent`",
              a.finished
                ? `${a.seconds.toFixed(1)} s`
                : `unfinished after ${a.seconds.toFixed(0)} s`,
              `< ${GOALS.seconds} s`,
              mark(ok),
              !a.finished
                ? "–"
                : ok
                  ? `${(GOALS.seconds / a.seconds).toFixed(1)}× under`
                  : `${(a.seconds / GOALS.seconds).toFixed(1)}× over`,
            ],
            [
              "sender's peak memory (VmHWM)",
              `${a.peakMb.toFixed(0)} MB`,
              `< ${GOALS.peakMb} MB`,
              mark(a.peakMb < GOALS.peakMb),
              a.peakMb < GOALS.peakMb
                ? `${(GOALS.peakMb - a.peakMb).toFixed(0)} MB to spare`
                : `${(a.peakMb - GOALS.peakMb).toFixed(0)} MB over`,
            ],
          ],
        ),
        "",
        `Sink: ${a.counted.messages} messages to ${a.counted.recipients} distinct recipients, the first to the last in ${a.firstToLast?.toFixed(1) ?? "–"} s (${a.firstToLast ? (a.counted.messages / a.firstToLast).toFixed(0) : "–"} messages/s); all counted ${a.sinkSeconds === null ? "never" : `at ${a.sinkSeconds.toFixed(1)} s`}. Outbox rows of the edition: ${JSON.stringify(a.status)}. Sender RSS at 25/50/75/100% of the run: ${[0.25, 0.5, 0.75, 1].map((s) => `${(at(s) ?? 0).toFixed(0)} MB`).join(", ")}. CPU time: the sender ${a.senderCpu.toFixed(1)} s (${((a.senderCpu * 1e3) / Math.max(1, a.counted.messages)).toFixed(2)} ms a message, its core ${((a.senderCpu / a.seconds) * 100).toFixed(0)}% busy), the sink ${a.sinkCpu.toFixed(1)} s; the sender's threads waited ${a.senderWait.toFixed(1)} s in all for a CPU while ready to run (time lost to other processes).`,
      );
    }
    if (b) {
      lines.push(
        "",
        `## (b) Warm article throughput during a send at the default rate: server on core ${CORE_SERVER}, sender and sink on core ${CORE_SENDER}, wrk on core ${WRK_CORE}`,
        "",
        `\`wrk ${WRK_ARGS.join(" ")} --latency -d${SECONDS}s\` on /articles/${SLUG}, after a 5 s warm-up; runs alternate idle and during, in this order.`,
        "",
        ...table(
          [
            "round",
            "phase",
            "requests/s",
            "p50",
            "p99",
            "server's core busy",
            "server CPU per request",
            "messages/s sent",
          ],
          ["r", "l", "r", "r", "r", "r", "r", "r"],
          b.runs.map((r) => [
            String(r.round),
            r.phase,
            r.rps.toFixed(0),
            `${ms(r.p50)} ms`,
            `${ms(r.p99)} ms`,
            `${(r.serverBusy * 100).toFixed(0)}%`,
            `${r.serverCpuUs.toFixed(0)} µs`,
            r.phase === "during" ? r.mailsPerSecond.toFixed(0) : "–",
          ]),
        ),
        "",
        `During / idle (means): **${b.ratio.toFixed(2)}** (${b.during.toFixed(0)} / ${b.idle.toFixed(0)} req/s; goal ≥ ${GOALS.ratio}: ${mark(b.ratio >= GOALS.ratio)}, margin ${((b.ratio - GOALS.ratio) * 100).toFixed(0)} points). Outbox rows of (b)'s edition when stopped: ${JSON.stringify(b.status)}.`,
        "",
        `The server's capacity (1 / its CPU time per request), during / idle: ${b.capacityRatio.toFixed(2)}. ${WRK_CORE === CORE_SENDER ? "wrk shares its core with the sender and the sink: when the server's core is far from busy, wrk, not the server, set the rate." : "wrk shares its core with the server: the idle figure is what one core does for both."} PostgreSQL is not pinned: its backends run on either core.`,
        ...(b.runs.some((r) => r.problems)
          ? [
              "",
              `wrk reported: ${b.runs
                .map((r) => r.problems)
                .filter(Boolean)
                .join("; ")}`,
            ]
          : []),
      );
    }
    lines.push("", `Run time: ${((Date.now() - started) / 1000).toFixed(0)} s.`);
    await writeReport(SQLITE ? "newsletter-send-sqlite" : "newsletter-send", lines);
    if (a && !(a.finished && a.seconds < GOALS.seconds && a.peakMb < GOALS.peakMb))
      process.exitCode = 1;
    if (b && b.ratio < GOALS.ratio) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

runBench(main, GIVE_UP_MS + 600_000);
