// What every benchmark under bench/ shares: starting the built Masthead and other processes on
// 127.0.0.1, stopping everything it started (also on a deadline or Ctrl-C), HTTP without a
// client library, wrk, percentiles and report tables laid out as Biome formats them.
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { createServer } from "node:net";
import { cpus } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";

/** The repository's root. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The built CLI (`npm run build`). */
export const CLI = path.join(ROOT, "dist/cli/main.js");
/** Debian's wrk. */
export const WRK = "/usr/bin/wrk";
/** The demo publication's reference article. */
export const SLUG = "trump-signals-possible-us-military-action-against-drug-cartels-in-mexico";

const children = new Set();
const tempDirs = [];
const exitHooks = [];

/** Removes `dir` when the benchmark ends, however it ends. */
export function removeAtExit(dir) {
  tempDirs.push(dir);
}

/** Runs `hook` (e.g. dropping a database) when the benchmark ends, after its processes stopped. */
export function atExit(hook) {
  exitHooks.push(hook);
}

/** Stops every process started here, runs the exit hooks and removes the temporary folders. */
export async function cleanUp() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all([...children].map((child) => exited(child, 5_000)));
  children.clear();
  for (const hook of exitHooks.splice(0))
    await Promise.resolve()
      .then(hook)
      .catch((error) => process.stderr.write(`bench: clean-up failed: ${error.message}\n`));
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Resolves once `child` has exited; SIGKILLs it after `killAfterMs`. */
function exited(child, killAfterMs) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Reports a failure on stderr and makes the process exit non-zero. */
export function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exitCode = 1;
}

/**
 * Runs `main` with a deadline and Ctrl-C handling; whatever happens, everything started is
 * stopped and the temporary folders removed.
 */
export function runBench(main, deadlineMs) {
  const deadline = setTimeout(() => {
    fail(`still running after ${deadlineMs / 1000} s; stopping everything`);
    cleanUp().finally(() => process.exit(1));
  }, deadlineMs);
  deadline.unref();
  for (const signal of ["SIGINT", "SIGTERM"])
    process.once(signal, () => {
      fail(`interrupted by ${signal}`);
      cleanUp().finally(() => process.exit(130));
    });
  main()
    .catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)))
    .finally(async () => {
      clearTimeout(deadline);
      await cleanUp();
    });
}

/** The share of all cores' time spent not idle during the next `ms` milliseconds. */
export async function cpuBusy(ms) {
  const total = () =>
    cpus().reduce(
      (t, c) => {
        const all = Object.values(c.times).reduce((a, b) => a + b, 0);
        return { all: t.all + all, idle: t.idle + c.times.idle };
      },
      { all: 0, idle: 0 },
    );
  const before = total();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = total();
  const all = after.all - before.all;
  return all > 0 ? 1 - (after.idle - before.idle) / all : 0;
}

/**
 * Other work on the machine skews throughput more than anything measured: waits up to
 * `maxSeconds` for the CPU to be less than `limit` busy, and returns the last reading.
 */
export async function waitForIdle(limit = 0.2, maxSeconds = 20) {
  let busy = await cpuBusy(1000);
  for (let waited = 1; busy > limit && waited < maxSeconds; waited++) {
    if (waited === 1) process.stderr.write("bench: waiting for the machine to become idle\n");
    busy = await cpuBusy(1000);
  }
  return busy;
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort() {
  const probe = createServer();
  await new Promise((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", resolve);
  });
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Runs a command to its end; resolves with its stdout, rejects with its stderr. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { maxBuffer: 1 << 24, ...options },
      (error, stdout, stderr) => {
        children.delete(child);
        if (error)
          reject(new Error(`${command} ${args.join(" ")} failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
    children.add(child);
  });
}

/**
 * One request on 127.0.0.1 with exactly the given headers; resolves with status, headers and raw
 * bytes. `agent` keeps connections alive across calls when given.
 */
export function httpRequest(url, { method = "GET", headers = {}, body, agent } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.end(body);
  });
}

/** GET with exactly the given headers. */
export const get = (url, headers = {}) => httpRequest(url, { headers });

/** Resolves once `url` answers 200; throws with the child's output if it exits first or times out. */
export async function waitUntilAnswering(url, child, output, timeoutMs = 20_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      const res = await get(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms:\n${output()}`);
}

/** Whether `taskset` can pin processes to cores here (util-linux, Linux only). */
export const HAS_TASKSET = existsSync("/usr/bin/taskset");

/**
 * `command args` pinned to `core` with taskset when given and available, as [command, args]:
 * taskset execs the command, so the process keeps its pid (and /proc figures are its own).
 */
export function onCore(core, command, args) {
  return core === undefined || !HAS_TASKSET
    ? [command, args]
    : ["/usr/bin/taskset", ["-c", String(core), command, ...args]];
}

/**
 * Starts `node <args>` from the repository root (or `cwd`), collecting its output; `core` pins it
 * to one CPU core (see onCore).
 */
export function startChild(args, env, cwd = ROOT, { core } = {}) {
  const child = spawn(...onCore(core, process.execPath, args), {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (c) => {
    output += c;
  });
  child.stderr.setEncoding("utf8").on("data", (c) => {
    output += c;
  });
  return { child, output: () => output };
}

/**
 * Runs the built CLI with `args` to its end; resolves with its wall time, its peak memory (VmHWM
 * read from /proc every 50 ms) and its output. Throws with the output when it fails.
 */
export async function timedCli(args, env) {
  const started = process.hrtime.bigint();
  const { child, output } = startChild([CLI, ...args], env);
  let peakKb = 0;
  const sample = async () => {
    peakKb = Math.max(peakKb, (await processMemory(child.pid))?.peakKb ?? 0);
  };
  const timer = setInterval(sample, 50);
  const code = await new Promise((resolve) => child.once("exit", resolve));
  clearInterval(timer);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`masthead ${args.join(" ")} exited ${code}:\n${output()}`);
  return { seconds, peakMb: peakKb / 1024, output: output() };
}

/**
 * A running process's memory from /proc/<pid>/status in KB: resident now (VmRSS) and its peak so
 * far (VmHWM); undefined once it has exited.
 */
export async function processMemory(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kbOf = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssKb: kbOf("VmRSS"), peakKb: kbOf("VmHWM") };
  } catch {
    return undefined;
  }
}

/** The CPU time (user + system, in seconds) a running process has used; undefined once exited. */
export async function processCpuSeconds(pid) {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime (fields 14 and 15 of proc(5)) in clock ticks, 100 a second on Linux.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * How long a running process's threads have waited for a CPU while ready to run, in seconds (the
 * second field of /proc/<pid>/task/<tid>/schedstat, summed): on a busy machine, the time a
 * process lost to others rather than to its own waits. Undefined once it has exited.
 */
export async function processRunQueueSeconds(pid) {
  try {
    const tids = await readdir(`/proc/${pid}/task`);
    let ns = 0;
    for (const tid of tids) {
      const stat = await readFile(`/proc/${pid}/task/${tid}/schedstat`, "utf8").catch(() => "");
      ns += Number(stat.split(" ")[1] ?? 0);
    }
    return ns / 1e9;
  } catch {
    return undefined;
  }
}

/** Moves a running process (all its threads) to one CPU core, when taskset is there. */
export async function pinToCore(pid, core) {
  if (HAS_TASKSET) await run("/usr/bin/taskset", ["-a", "-p", "-c", String(core), String(pid)]);
}

/** The environment of a built Masthead on SQLite in `dataDir`, listening on `port`. */
export function mastheadEnv(dataDir, port, extra = {}) {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    MASTHEAD_DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: String(port),
    MASTHEAD_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "warn",
    ...extra,
  };
}

/**
 * Starts the built Masthead on SQLite in `dataDir` with the demo publication (the database is
 * initialised first) and resolves once it answers. `extraEnv` adds variables (e.g. DATABASE_URL);
 * `root` is the checkout whose build runs (another one for side-by-side runs, see againstRoot);
 * `core` pins the server to one CPU core (see onCore).
 */
export async function startMasthead(dataDir, extraEnv = {}, root = ROOT, { core } = {}) {
  const port = await freePort();
  const env = mastheadEnv(dataDir, port, extraEnv);
  const cli = path.join(root, "dist/cli/main.js");
  await run(process.execPath, [cli, "init", "--demo", "--if-empty"], { env, cwd: root });
  const server = startChild([cli, "serve"], env, root, { core });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${url}/`, server.child, server.output);
  return { url, env, ...server };
}

/**
 * Starts bench/bare-server.mjs, a bare node:http server answering every request with the bytes
 * of `bodyFile`: the ceiling for "serve this page from memory" on this Node and machine.
 */
export async function startBare(bodyFile, contentType) {
  const bare = startChild([path.join(ROOT, "bench/bare-server.mjs"), bodyFile, contentType], {
    PATH: process.env.PATH,
  });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`bare server did not start:\n${bare.output()}`)),
      10_000,
    );
    bare.child.stdout.on("data", () => {
      const match = /listening (\d+)/.exec(bare.output());
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    bare.child.once("exit", () => reject(new Error(`bare server exited:\n${bare.output()}`)));
  });
  return { url: `http://127.0.0.1:${port}`, ...bare };
}

/** Fails early, saying what to do, when the build or wrk is missing. */
export function requireBuildAndWrk() {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing; run 'npm run build' (npm run bench does)`);
  if (!existsSync(WRK))
    throw new Error(`wrk is missing at ${WRK}; install it with: apt-get install -y wrk`);
}

/** Stops servers started here (SIGTERM: a graceful shutdown) and waits for them to exit. */
export async function stopServers(...servers) {
  for (const { child } of servers) child.kill("SIGTERM");
  await Promise.all(servers.map(({ child }) => exited(child, 10_000)));
  for (const { child } of servers) children.delete(child);
}

/** The value after `name` on the command line (`--saves 20`), or undefined. */
export function flagValue(name, argv = process.argv.slice(2)) {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

/**
 * The checkout named by `--against <dir>` on the command line (or MASTHEAD_BENCH_AGAINST), for
 * benchmarks that measure it side by side with this one in the same run; undefined when unset.
 * It must hold a build: e.g. `git worktree add /tmp/oldwt <commit>`, node_modules symlinked,
 * `npm run build` there.
 */
export function againstRoot(argv = process.argv.slice(2)) {
  const dir =
    flagValue("--against", argv) ?? (process.env.MASTHEAD_BENCH_AGAINST?.trim() || undefined);
  if (dir === undefined || dir === "") return undefined;
  const root = path.resolve(dir);
  if (!existsSync(path.join(root, "dist/cli/main.js")))
    throw new Error(
      `--against ${dir}: ${path.join(root, "dist/cli/main.js")} is missing; run 'npm run build' in that checkout`,
    );
  return root;
}

/** A short name for a checkout in reports: its commit, or its folder when git cannot tell. */
export async function checkoutName(root) {
  try {
    const head = (await run("git", ["-C", root, "rev-parse", "--short", "HEAD"])).trim();
    const dirty = (await run("git", ["-C", root, "status", "--porcelain", "--", "src"])).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return path.basename(root);
  }
}

/** Imports a built module, e.g. `importDist("dist/store/index.js")`. */
export const importDist = (p) => import(pathToFileURL(path.join(ROOT, p)).href);

const UNIT_MS = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
const toMs = (value, unit) => Number(value) * UNIT_MS[unit];

/** Parses wrk's report (run with --latency). */
export function parseWrk(text) {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const requests = /(\d+) requests in/.exec(text);
  const p50 = /^\s+50%\s+([\d.]+)(us|ms|s|m)\b/m.exec(text);
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s|m)\b/m.exec(text);
  if (!rps || !p50 || !p99 || !requests) throw new Error(`could not read wrk's output:\n${text}`);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(text);
  const errors = /Socket errors:(.*)/.exec(text);
  return {
    rps: Number(rps[1]),
    requests: Number(requests[1]),
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    p50: toMs(p50[1], p50[2]),
    p99: toMs(p99[1], p99[2]),
    problems: [
      non2xx ? `${non2xx[1]} non-2xx responses` : "",
      errors ? `socket errors:${errors[1]}` : "",
    ]
      .filter(Boolean)
      .join("; "),
  };
}

/**
 * Runs wrk with `args` (e.g. ["-t2", "-c50", "-d10s"]) against `url` and parses its report;
 * `core` pins wrk to one CPU core (see onCore).
 */
export async function wrk(url, args, { core } = {}) {
  return parseWrk(await run(...onCore(core, WRK, [...args, "--latency", url])));
}

/** The p-th percentile of ascending `sorted` numbers. */
export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The arithmetic mean. */
export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Bytes as kilobytes with one decimal. */
export const kb = (bytes) => (bytes / 1024).toFixed(1);
/** Milliseconds with sensible precision. */
export const ms = (x) => (x < 1 ? x.toFixed(3) : x.toFixed(2));
/** A goal's verdict for a report. */
export const mark = (ok) => (ok ? "yes" : "**no**");

/**
 * A markdown table with padded, aligned columns (the layout Biome's formatter gives), so the
 * written report passes `npm run lint` as it is. `align` holds "l" or "r" per column.
 */
export function table(header, align, rows) {
  const all = [header, ...rows];
  const width = header.map((_, c) => Math.max(3, ...all.map((r) => [...r[c]].length)));
  const pad = (text, c) => {
    const fill = " ".repeat(width[c] - [...text].length);
    return align[c] === "r" ? fill + text : text + fill;
  };
  const line = (cells) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = `| ${width.map((w, c) => (align[c] === "r" ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)];
}

/** Prints a report and writes it to bench/results/<name>.md (ignored by git). */
export async function writeReport(name, lines) {
  const report = `${lines.join("\n")}\n`;
  process.stdout.write(`\n${report}`);
  const out = path.join(ROOT, "bench/results", `${name}.md`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, report);
  process.stderr.write(`bench: written to ${path.relative(ROOT, out)}\n`);
}

/**
 * A new PostgreSQL database on the bench server (MASTHEAD_BENCH_PG_URL, default the local
 * `postgres` database), dropped when the benchmark ends; returns its URL.
 */
export async function createBenchDatabase() {
  const admin =
    process.env.MASTHEAD_BENCH_PG_URL?.trim() || "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `mh_bench_${randomBytes(6).toString("hex")}`;
  const statement = async (sql) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await statement(`create database ${name}`);
  atExit(() => statement(`drop database if exists ${name} with (force)`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.href;
}

/** Fields a save takes (docs/ADMIN_API.md, "Saving"); the article answer holds more. */
export const EDITABLE_FIELDS = [
  "kind",
  "pageType",
  "slug",
  "headline",
  "dek",
  "type",
  "sectionId",
  "tagIds",
  "authorIds",
  "featuredImageId",
  "featuredImageCaption",
  "metaTitle",
  "metaDescription",
  "canonicalUrl",
  "body",
  "commentsEnabled",
];

/** Signs in through the admin API as the app does; returns the cookie and CSRF headers. */
export async function signInAs(base, agent, email, password) {
  const res = await httpRequest(`${base}/api/admin/v1/session`, {
    method: "POST",
    agent,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`signing in answered ${res.status}`);
  const cookie = [res.headers["set-cookie"]]
    .flat()
    .find((c) => c.startsWith("mh_session="))
    .split(";")[0];
  return { cookie, "x-csrf-token": JSON.parse(res.body.toString("utf8")).csrfToken };
}
