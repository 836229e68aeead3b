// Benchmark of upload isolation (issue 12): sign-in and static files while the most expensive
// uploads run. Run after a build: `npm run build && node bench/upload-isolation.mjs` (about a
// minute). Goals: p99 of sign-in, /assets and /media within 2x of idle while three 10000×9999
// PNGs are uploaded at once; peak memory of the server and its image workers under 400 MB.
//
// 1. Starts the built Masthead on SQLite with the demo publication; adds four accounts.
// 2. Idle: SAMPLES sign-ins (POST /api/admin/v1/session; scrypt runs on libuv's pool) and
//    requests of /assets/site.css and a demo file under /media, one after another; p50 and p99.
// 3. Loaded: three accounts each upload a 10000×9999 PNG (about 300 KB, 100 megapixels) at once;
//    the same requests are repeated until all three are answered, while the resident memory of
//    the server and its child processes (the image workers) is summed every 50 ms.
// 4. Uploads an animated GIF of 200 frames (refused from its header: more than 100 frames).
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import {
  CLI,
  fail,
  httpRequest,
  importDist,
  mark,
  ms,
  percentile,
  removeAtExit,
  runBench,
  startMasthead,
  table,
  writeReport,
} from "./lib.mjs";

const SAMPLES = 40;
const PASSWORD = "correct horse battery staple";
const API = "/api/admin/v1";

/** Resident memory (MB) of `pid` and its child processes, summed. */
async function treeRssMb(pid) {
  let kb = 0;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (Number(entry) !== pid && ppid !== pid) continue;
      const status = await readFile(`/proc/${entry}/status`, "utf8");
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // Ended while we looked.
    }
  }
  return kb / 1024;
}

/** A multipart upload body as a browser sends it. */
async function form(data, name) {
  const body = new FormData();
  body.append("alt", "A test image");
  body.append("license", "all-rights-reserved");
  body.append("file", new Blob([data]), name);
  const encoded = new Response(body);
  return {
    body: Buffer.from(await encoded.arrayBuffer()),
    type: encoded.headers.get("content-type"),
  };
}

async function signIn(url, email) {
  const res = await httpRequest(`${url}${API}/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${res.body}`);
  const cookie = String(res.headers["set-cookie"]).split(";")[0];
  return { cookie, "x-csrf-token": JSON.parse(res.body).csrfToken };
}

/** POSTs an upload, with no time limit (lib's httpRequest gives up after 10 s). */
async function upload(url, headers, data, name) {
  const { body, type } = await form(data, name);
  const started = performance.now();
  const res = await new Promise((resolve, reject) => {
    const req = request(
      `${url}${API}/media`,
      {
        method: "POST",
        headers: { ...headers, "content-type": type, "content-length": String(body.length) },
      },
      (r) => {
        const chunks = [];
        r.on("data", (c) => chunks.push(c));
        r.on("end", () => resolve({ status: r.statusCode, body: Buffer.concat(chunks) }));
        r.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
  return { status: res.status, ms: performance.now() - started, body: String(res.body) };
}

/** Times one request of each kind; returns their durations in ms. */
async function probe(url, email, mediaPath) {
  const timed = async (work) => {
    const started = performance.now();
    const res = await work();
    if (res.status !== 200) throw new Error(`probe answered ${res.status}`);
    return performance.now() - started;
  };
  return {
    signIn: await timed(() =>
      httpRequest(`${url}${API}/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: PASSWORD }),
      }),
    ),
    assets: await timed(() => httpRequest(`${url}/assets/site.css`)),
    media: await timed(() => httpRequest(`${url}${mediaPath}`)),
  };
}

const summary = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: xs.length };
};

async function main() {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing; run 'npm run build'`);
  const dataDir = await mkdtemp(path.join(tmpdir(), "mh-bench-uploads-"));
  removeAtExit(dataDir);
  const server = await startMasthead(dataDir);
  const { openStore, createUser } = await importDist("dist/store/index.js");
  const { hashPassword } = await importDist("dist/api/auth/password.js");
  const store = await openStore({ kind: "sqlite", file: path.join(dataDir, "masthead.db") });
  const hash = await hashPassword(PASSWORD);
  const emails = ["a", "b", "c", "probe"].map((n) => `${n}@example.org`);
  for (const email of emails)
    await createUser(store, { email, name: email, role: "editor", personId: null }, hash);
  await store.close();
  const sessions = await Promise.all(emails.slice(0, 3).map((e) => signIn(server.url, e)));
  const demo = (await readdir(path.join(dataDir, "media"))).find((f) => f.startsWith("demo-"));
  const mediaPath = `/media/${demo}`;

  const png = await sharp({
    create: { width: 10000, height: 9999, channels: 3, background: "#3a6" },
  })
    .png()
    .toBuffer();
  const frames = 200;
  const strip = Buffer.alloc(320 * 240 * frames * 3);
  for (let f = 0; f < frames; f++)
    strip.fill((f * 37) % 256, f * 320 * 240 * 3, (f + 1) * 320 * 240 * 3);
  const gif = await sharp(strip, {
    raw: { width: 320, height: 240 * frames, channels: 3, pageHeight: 240 },
  })
    .gif({ delay: Array(frames).fill(40) })
    .toBuffer();

  const probeEmail = emails[3];
  await probe(server.url, probeEmail, mediaPath);
  const idle = { signIn: [], assets: [], media: [] };
  const idleRss = await treeRssMb(server.child.pid);
  for (let i = 0; i < SAMPLES; i++) {
    const r = await probe(server.url, probeEmail, mediaPath);
    for (const k of Object.keys(idle)) idle[k].push(r[k]);
  }

  const loaded = { signIn: [], assets: [], media: [] };
  let peakRss = 0;
  let done = false;
  const sampler = (async () => {
    while (!done) {
      peakRss = Math.max(peakRss, await treeRssMb(server.child.pid));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const uploads = Promise.all(sessions.map((s, i) => upload(server.url, s, png, `huge-${i}.png`)));
  uploads.finally(() => {
    done = true;
  });
  while (!done) {
    const r = await probe(server.url, probeEmail, mediaPath);
    for (const k of Object.keys(loaded)) loaded[k].push(r[k]);
  }
  const results = await uploads;
  await sampler;
  const gifResult = await upload(server.url, sessions[0], gif, "long.gif");

  const rows = [];
  let ok = true;
  for (const [k, label] of [
    ["signIn", "sign-in (POST /session)"],
    ["assets", "GET /assets/site.css"],
    ["media", `GET ${mediaPath}`],
  ]) {
    const a = summary(idle[k]);
    const b = summary(loaded[k]);
    const within = b.p99 <= 2 * a.p99;
    ok &&= within;
    rows.push([
      label,
      `${ms(a.p50)} / ${ms(a.p99)}`,
      `${ms(b.p50)} / ${ms(b.p99)} (n=${b.n})`,
      `${(b.p99 / a.p99).toFixed(2)}x`,
      mark(within),
    ]);
  }
  const memoryOk = peakRss < 400;
  if (!ok || !memoryOk) fail("a goal was missed (see the table)");
  await writeReport("upload-isolation", [
    "## Upload isolation",
    "",
    `Three ${png.length} byte PNGs of 10000×9999 pixels uploaded at once by three accounts; answers ${results.map((r) => `${r.status} in ${(r.ms / 1000).toFixed(1)} s`).join(", ")}.`,
    "",
    ...table(
      ["request", "idle p50 / p99 (ms)", "during uploads p50 / p99 (ms)", "p99 ratio", "within 2x"],
      ["l", "r", "r", "r", "l"],
      rows,
    ),
    "",
    `Server and image workers, resident memory: ${idleRss.toFixed(0)} MB idle, peak ${peakRss.toFixed(0)} MB during the uploads (goal under 400 MB: ${mark(memoryOk)}).`,
    "",
    `A ${(gif.length / 1024 / 1024).toFixed(1)} MB animated GIF of ${frames} frames: ${gifResult.status} in ${gifResult.ms.toFixed(0)} ms (${JSON.parse(gifResult.body).error?.code ?? "stored"}).`,
  ]);
}

runBench(main, 600_000);
