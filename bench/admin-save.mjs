// Benchmark of the newsroom: saving an article of 50 blocks through the admin API, and what the
// editors' app makes a browser download to open the editor. Run after a build:
// `npm run build && node bench/admin-save.mjs` (about 20 s; `npm run bench` runs it).
// `--against <dir>` also measures the build of another checkout (e.g. the commit before a change,
// in a git worktree with its own `npm run build`) in the same run, alternating, and prints both.
// `--blocks 200 --images 30` saves a longer article (issue 14's case: 200 blocks, 30 of them
// images); `--postgres` runs on a fresh PostgreSQL database (MASTHEAD_BENCH_PG_URL, default
// postgres://postgres@127.0.0.1:5432/postgres) instead of SQLite, dropped at exit.
//
// 1. Starts the built Masthead on SQLite with the demo publication, creates an owner with the
//    real CLI and signs in through POST /api/admin/v1/session (cookie + CSRF token), as the app does.
// 2. Creates a draft of 50 blocks (every block type of the reference article, its paragraphs
//    repeated with new text) and saves it again and again with PUT /articles/:id, one changed
//    paragraph each time, as autosave does: sequential requests on one kept-alive connection.
//    Each save is validated, versioned, written with a revision and answered with the article.
// 3. Sums the JavaScript of the editor route from dist/admin: the entry script with everything it
//    imports statically, plus the editor chunk and its imports, raw and gzipped.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { Agent } from "node:http";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import {
  againstRoot,
  CLI,
  checkoutName,
  createBenchDatabase,
  flagValue,
  httpRequest,
  kb,
  mark,
  ms,
  percentile,
  ROOT,
  removeAtExit,
  runBench,
  SLUG,
  startMasthead,
  table,
  waitForIdle,
  writeReport,
} from "./lib.mjs";

const BLOCKS = Number(flagValue("--blocks") ?? 50);
/** Image blocks among them (besides the reference article's own); 0: only the reference's. */
const IMAGES = Number(flagValue("--images") ?? 0);
const POSTGRES = process.argv.includes("--postgres");
const WARMUP_SAVES = 30;
/** `--saves N` makes a quick check of the script itself; figures want the default. */
const SAVES = Number(flagValue("--saves") ?? 300);
const GOALS = { saveP50Ms: 10, saveP95MsLong: 20, editorJsKb: 250 };
const DEADLINE_MS = flagValue("--against") ? 240_000 : 120_000;
/** With --against: saves on one build before switching to the other. */
const ALTERNATE_EVERY = 10;
const API = "/api/admin/v1";
const EMAIL = "bench-owner@example.org";
const PASSWORD = "bench password that is long enough";

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
  return res;
}

/**
 * BLOCKS blocks: the reference article's own, then its paragraphs again with other words, with
 * an image (one of the reference's, with its own alt text) every few paragraphs until IMAGES.
 */
function fiftyBlocks(reference) {
  const paragraphs = reference.filter((b) => b.type === "paragraph");
  const images = reference.filter((b) => b.type === "image");
  const blocks = [...reference];
  const every = IMAGES > 0 ? Math.max(1, Math.floor((BLOCKS - blocks.length) / IMAGES)) : 0;
  let added = 0;
  for (let i = 0; blocks.length < BLOCKS - 1; i++) {
    const p = paragraphs[i % paragraphs.length];
    blocks.push({
      ...p,
      content: [
        { text: `Paragraph ${blocks.length + 1}. ${p.content.map((r) => r.text).join("")}` },
      ],
    });
    if (every > 0 && added < IMAGES && images.length > 0 && i % every === every - 1) {
      const image = images[added % images.length];
      blocks.push({ ...image, alt: `Picture ${added + 1}: ${image.alt}` });
      added++;
    }
  }
  // The last block is a paragraph: the one each save changes.
  blocks.push({ ...paragraphs[0], content: [{ text: "The last paragraph." }] });
  return blocks.slice(-BLOCKS);
}

/** Relative imports of a built ES module (static `import … from "./x.js"` only). */
function staticImports(code) {
  const found = new Set();
  for (const m of code.matchAll(/\bimport\s*(?:[^"'()]*?\bfrom\s*)?["'](\.\/[^"']+\.js)["']/g))
    found.add(m[1].slice(2));
  return [...found];
}

/** The files a module pulls in before it runs: itself and its static imports, transitively. */
async function closure(dir, file, seen = new Map()) {
  if (seen.has(file)) return seen;
  const code = await readFile(path.join(dir, file));
  seen.set(file, code);
  for (const dep of staticImports(code.toString("utf8"))) await closure(dir, dep, seen);
  return seen;
}

async function editorRouteJs() {
  const dir = path.join(ROOT, "dist/admin/assets");
  const html = await readFile(path.join(ROOT, "dist/admin/index.html"), "utf8");
  const entry = /<script[^>]+src="\/admin\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error("dist/admin/index.html names no entry script");
  const files = await closure(dir, entry);
  const editor = (await readdir(dir)).find((f) => /^editor-screen-.*\.js$/.test(f));
  if (!editor) throw new Error("no editor-screen-*.js chunk in dist/admin/assets");
  await closure(dir, editor, files);
  return [...files].map(([name, code]) => ({
    name,
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
  }));
}

/**
 * The build in `root` serving the demo publication on SQLite, an owner signed in, and a draft of
 * 50 blocks; `save()` saves it once more with one paragraph changed and resolves with the time
 * it took at the client in ms.
 */
async function prepare(root) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "masthead-bench-"));
  removeAtExit(dataDir);
  const masthead = await startMasthead(
    dataDir,
    POSTGRES ? { DATABASE_URL: await createBenchDatabase() } : {},
    root,
  );
  execFileSync(
    process.execPath,
    [
      path.join(root, "dist/cli/main.js"),
      "user",
      "create",
      "--email",
      EMAIL,
      "--name",
      "Bench Owner",
      "--role",
      "owner",
      "--password-stdin",
    ],
    { env: masthead.env, input: PASSWORD, cwd: root },
  );

  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const base = masthead.url;
  const login = await api(base, agent, "POST", `${API}/session`, {
    body: { email: EMAIL, password: PASSWORD },
  });
  const cookie = [login.headers["set-cookie"]]
    .flat()
    .find((c) => c.startsWith("mh_session="))
    .split(";")[0];
  const headers = { cookie, "x-csrf-token": JSON.parse(login.body).csrfToken };

  const list = JSON.parse(
    (
      await api(base, agent, "GET", `${API}/articles?q=${encodeURIComponent("military action")}`, {
        headers,
      })
    ).body,
  );
  const refId = list.items.find((a) => a.slug === SLUG)?.id;
  if (!refId) throw new Error("the demo's reference article is not in the article list");
  const ref = JSON.parse(
    (await api(base, agent, "GET", `${API}/articles/${refId}`, { headers })).body,
  ).article;
  const body = fiftyBlocks(ref.body);
  const fields = {
    slug: `bench-${BLOCKS}-blocks`,
    headline: `${BLOCKS} blocks`,
    dek: ref.dek,
    type: ref.type,
    sectionId: ref.sectionId,
    tagIds: ref.tagIds,
    authorIds: ref.authorIds,
    featuredImageId: ref.featuredImageId,
    body,
    commentsEnabled: true,
  };
  const created = JSON.parse(
    (await api(base, agent, "POST", `${API}/articles`, { headers, body: fields, expect: 201 }))
      .body,
  );
  const id = created.article.id;
  let version = created.version;
  let count = 0;
  return {
    payloadBytes: () => Buffer.byteLength(JSON.stringify({ ...fields, version })),
    imageCount: body.filter((b) => b.type === "image").length,
    async save() {
      // Autosave sends the whole article with one paragraph changed.
      const n = count++;
      const edited = body.map((b, i) =>
        i === BLOCKS - 1 ? { ...b, content: [{ text: `Edit ${n}: ${b.content[0].text}` }] } : b,
      );
      const t = process.hrtime.bigint();
      const res = await api(base, agent, "PUT", `${API}/articles/${id}`, {
        headers,
        body: { ...fields, body: edited, version },
      });
      const elapsed = Number(process.hrtime.bigint() - t) / 1e6;
      version = JSON.parse(res.body).version;
      return elapsed;
    },
    close: () => agent.destroy(),
  };
}

async function main() {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing; run 'npm run build' first`);
  const against = againstRoot();
  const started = Date.now();
  const busy = await waitForIdle();
  // With --against, the other checkout is measured in the same run, in alternating blocks of
  // saves, so drift on a shared machine falls on both alike.
  const sides = [{ root: ROOT }, ...(against ? [{ root: against }] : [])];
  for (const side of sides) {
    side.name = `${await checkoutName(side.root)}${side.root === ROOT ? "" : " (--against)"}`;
    side.desk = await prepare(side.root);
    side.times = [];
    for (let i = 0; i < WARMUP_SAVES; i++) await side.desk.save();
  }
  const block = against ? ALTERNATE_EVERY : SAVES;
  for (let done = 0; done < SAVES; done += block)
    for (const side of done % (2 * block) === 0 ? sides : [...sides].reverse())
      for (let i = 0; i < Math.min(block, SAVES - done); i++)
        side.times.push(await side.desk.save());
  for (const side of sides) {
    side.desk.close();
    side.times.sort((a, b) => a - b);
  }
  const times = sides[0].times;
  const payloadBytes = sides[0].desk.payloadBytes();
  const js = await editorRouteJs();
  const jsTotal = js.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), {
    raw: 0,
    gzip: 0,
  });
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  const database = POSTGRES ? "PostgreSQL" : "SQLite";
  const cpu = cpus();
  const sideBySide = against
    ? [
        "",
        `Side by side with ${sides[1].name} (\`${sides[1].root}\`), alternating every ${ALTERNATE_EVERY} saves: p95 ${ms(percentile(times, 95))} ms vs ${ms(percentile(sides[1].times, 95))} ms, ratio **${(percentile(times, 95) / percentile(sides[1].times, 95)).toFixed(2)}** (goal: no slower, ≤ 1.00 within noise).`,
      ]
    : [];
  const long = BLOCKS >= 200;
  await writeReport(
    `admin-save${BLOCKS === 50 ? "" : `-${BLOCKS}`}${POSTGRES ? "-postgres" : ""}`,
    [
      "# Newsroom benchmark",
      "",
      `${new Date().toISOString()} · Node ${process.version} · ${cpu.length} × ${cpu[0]?.model ?? "CPU"} · ${database} · CPU busy before the run: ${(busy * 100).toFixed(0)}%`,
      "",
      `## Saving an article of ${BLOCKS} blocks, ${sides[0].desk.imageCount} of them images (PUT ${API}/articles/:id, ${SAVES} sequential saves after ${WARMUP_SAVES} warm-up, ${kb(payloadBytes)} KB of JSON each)`,
      "",
      ...table(
        [...(against ? ["build"] : []), "p50", "p95", "p99", "max"],
        [...(against ? ["l"] : []), "r", "r", "r", "r"],
        sides.map((side) => [
          ...(against ? [side.name] : []),
          ...[50, 95, 99, 100].map((p) => `${ms(percentile(side.times, p))} ms`),
        ]),
      ),
      ...sideBySide,
      "",
      long
        ? `p95 goal < ${GOALS.saveP95MsLong} ms: ${mark(p95 < GOALS.saveP95MsLong)}. Measured at the client over HTTP on 127.0.0.1, so it includes parsing, validation, the version check, the revision and the answer.`
        : `p50 goal < ${GOALS.saveP50Ms} ms: ${mark(p50 < GOALS.saveP50Ms)}. Measured at the client over HTTP on 127.0.0.1, so it includes parsing, validation, the version check, the revision and the answer.`,
      "",
      "## JavaScript of the editor route (entry and editor chunk with their static imports)",
      "",
      ...table(
        ["file", "raw", "gzip"],
        ["l", "r", "r"],
        [
          ...js.map((f) => [`\`${f.name}\``, `${kb(f.raw)} KB`, `${kb(f.gzip)} KB`]),
          ["**total**", `**${kb(jsTotal.raw)} KB**`, `**${kb(jsTotal.gzip)} KB**`],
        ],
      ),
      "",
      `Goal < ${GOALS.editorJsKb} KB gzipped: ${mark(jsTotal.gzip < GOALS.editorJsKb * 1024)}.`,
      "",
      `Run time: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    ],
  );
}

runBench(main, DEADLINE_MS);
