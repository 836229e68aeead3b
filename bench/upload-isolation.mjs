// Benchmark of upload isolation (issue 12): sign-in and static files while the most expensive
// uploads run. Run after a build: `npm run build && node bench/upload-isolation.mjs` (about a
// minute). Goals: p99 of sign-in, /assets and /media within 2x of idle while three 10000×9999
// PNGs are uploaded at once; peak memory of the server and its image workers under 400 MB.
//
// 1. Starts the built Masthead on SQLite with the demo publication; adds four accounts.
// 2. One small upload starts the image worker (a server forks it once, for its first upload).
// 3. Idle: for IDLE_MS (and at least SAMPLES sign-ins), three loops at once, each sending one
//    request at a time: sign-ins (POST /api/admin/v1/session; scrypt runs on libuv's pool),
//    /assets/site.css, and a demo file under /media; p50 and p99 of each.
// 4. Loaded: three accounts each upload a 10000×9999 PNG (about 300 KB, 100 megapixels) at once;
//    the same loops run until all three are answered, while the resident memory of
//    the server and its child processes (the image workers) is summed every 50 ms.
// 5. Uploads an animated GIF of 200 frames (refused from its header: more than 100 frames).
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

const SAMPLES = 20;
const IDLE_MS = 5_000;
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

/**
 * Requests of each kind, each kind in its own loop (one request at a time, as a reader or an
 * editor would send them), until `until()` says stop; returns their durations in ms. Separate
 * loops give the static files hundreds of samples, so p99 is not merely the slowest of a few.
 */
async function probeLoops(url, email, mediaPath, until) {
  const timedLoop = async (work) => {
    const times = [];
    while (!until(times.length)) {
      const started = performance.now();
      const res = await work();
      if (res.status !== 200) throw new Error(`probe answered ${res.status}`);
      times.push(performance.now() - started);
    }
    return times;
  };
  const [signIn, assets, media] = await Promise.all([
    timedLoop(() =>
      httpRequest(`${url}${API}/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: PASSWORD }),
      }),
    ),
    timedLoop(() => httpRequest(`${url}/assets/site.css`)),
    timedLoop(() => httpRequest(`${url}${mediaPath}`)),
  ]);
  return { signIn, assets, media };
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
  const { hashPassword } = await importDist("dist/auth/password.js");
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

  // The image worker is forked by the first upload a server receives and then kept: one small
  // upload first, so the figures are those of a running server, not of its first upload ever.
  const small = await sharp({
    create: { width: 800, height: 600, channels: 3, background: "#a63" },
  })
    .png()
    .toBuffer();
  const warm = await upload(server.url, sessions[0], small, "warm-up.png");
  if (warm.status !== 201) throw new Error(`warm-up upload answered ${warm.status}: ${warm.body}`);

  const probeEmail = emails[3];
  // Idle: as long as the loaded phase is expected to last, and at least SAMPLES sign-ins.
  const idleUntil = performance.now() + IDLE_MS;
  const idle = await probeLoops(
    server.url,
    probeEmail,
    mediaPath,
    (n) => n >= SAMPLES && performance.now() > idleUntil,
  );
  const idleRss = await treeRssMb(server.child.pid);

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
  const loaded = await probeLoops(server.url, probeEmail, mediaPath, () => done);
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
