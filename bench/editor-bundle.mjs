// The article screen's JavaScript, as a browser downloads it: builds the admin app (Vite, with
// its manifest) into a temporary folder, follows the manifest from the entry through the
// lazily loaded editor screen and every chunk either imports statically, and reports each
// chunk's size raw and gzipped against issue 14's goal (under 250 KB gzip in all).
//
//   node bench/editor-bundle.mjs            build and measure
//   node bench/editor-bundle.mjs --dist D   measure an existing build D (built with --manifest)
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import {
  flagValue,
  kb,
  mark,
  ROOT,
  removeAtExit,
  run,
  runBench,
  table,
  writeReport,
} from "./lib.mjs";

/** Issue 14: the article screen's JavaScript, gzipped, stays under this. */
const GOAL_BYTES = 250 * 1024;
/** The editor screen's module, as the manifest names it. */
const EDITOR_SRC = "editor/editor-screen.tsx";

/** Builds into a temporary folder (never dist/admin, which browser tests may be serving). */
async function build() {
  const out = await mkdtemp(path.join(tmpdir(), "masthead-editor-bundle-"));
  removeAtExit(out);
  await run(
    process.execPath,
    [
      path.join(ROOT, "node_modules/vite/bin/vite.js"),
      "build",
      "--config",
      "src/admin/vite.config.ts",
      "--outDir",
      out,
      "--emptyOutDir",
      "--manifest",
      "--logLevel",
      "warn",
    ],
    { cwd: ROOT },
  );
  return out;
}

/** The chunks `key` loads before it runs: itself and its static imports, transitively. */
function withStaticImports(manifest, key, into = new Set()) {
  if (into.has(key)) return into;
  into.add(key);
  for (const dep of manifest[key]?.imports ?? []) withStaticImports(manifest, dep, into);
  return into;
}

async function main() {
  const dist = flagValue("dist") ?? (await build());
  const manifest = JSON.parse(await readFile(path.join(dist, ".vite/manifest.json"), "utf8"));
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entry) throw new Error("the manifest names no entry");
  const editor = Object.keys(manifest).find((k) => k.endsWith(EDITOR_SRC));
  if (!editor) throw new Error(`the manifest has no ${EDITOR_SRC} chunk`);

  const shared = withStaticImports(manifest, entry);
  const screen = withStaticImports(manifest, editor);
  const rows = [];
  let raw = 0;
  let gzip = 0;
  for (const key of new Set([...shared, ...screen])) {
    const file = manifest[key].file;
    const bytes = await readFile(path.join(dist, file));
    const gz = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += gz;
    const role = shared.has(key) ? "shared (every screen)" : "article screen";
    rows.push([path.basename(file), role, kb(bytes.length), kb(gz)]);
  }
  rows.push(["**total**", "", kb(raw), `**${kb(gzip)}**`]);

  await writeReport("editor-bundle", [
    "## The article screen's JavaScript",
    "",
    `Chunks the article screen loads (entry \`${entry}\` and the lazily loaded \`${editor}\`, each with its static imports), from Vite's manifest; gzip level 9.`,
    "",
    ...table(["chunk", "loaded for", "KB", "KB gzip"], ["l", "l", "r", "r"], rows),
    "",
    `Goal: under ${kb(GOAL_BYTES)} KB gzip — met: ${mark(gzip < GOAL_BYTES)}.`,
  ]);
  if (gzip >= GOAL_BYTES) process.exitCode = 1;
}

runBench(main, 5 * 60_000);
