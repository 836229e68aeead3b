// Benchmark of the media library's image processing: what one 12-megapixel camera photo costs
// to upload, from bytes to every rendition. Run after a build: `npm run build && node
// bench/media-variants.mjs` (about 30 s). Prints a markdown table; nothing is written to disk.
//
// 1. Makes a 4000×3000 photo-like JPEG in memory (gradients with sensor-like noise, quality 90,
//    about 5 MB: the worst case for encoders is noise, which real photos have).
// 2. Times `processImage` (dist/media) on it: one warm-up, then RUNS timed runs (p50, min, max).
// 3. Times the AVIF renditions alone (same widths and settings) to show what AVIF adds.
// 4. Lists each format's rendition sizes at 960 pixels wide, the article column at 2x.
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import sharp from "sharp";

const { processImage, AVIF_EFFORT, variantWidths } = await import("../dist/media/index.js");

const WIDTH = 4000;
const HEIGHT = 3000;
const RUNS = 5;

function photoPixels(width, height) {
  const raw = Buffer.alloc(width * height * 3);
  let seed = 1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = (seed >> 8) % 24;
      const i = (y * width + x) * 3;
      const wave = Math.sin(x / 90) * Math.cos(y / 70) * 60;
      raw[i] = Math.max(0, Math.min(255, (x * 200) / width + wave + n));
      raw[i + 1] = Math.max(0, Math.min(255, (y * 200) / height - wave + n));
      raw[i + 2] = Math.max(0, Math.min(255, 90 + wave / 2 + n));
    }
  return raw;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;

async function timed(work) {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

const jpeg = await sharp(photoPixels(WIDTH, HEIGHT), {
  raw: { width: WIDTH, height: HEIGHT, channels: 3 },
})
  .jpeg({ quality: 90 })
  .toBuffer();

await processImage(jpeg);
const runs = [];
let last;
for (let i = 0; i < RUNS; i++) {
  const { ms: t, result } = await timed(() => processImage(jpeg));
  runs.push(t);
  last = result;
}

const avifRuns = [];
for (let i = 0; i < 3; i++) {
  const { ms: t } = await timed(() =>
    Promise.all(
      variantWidths(WIDTH).map((w) =>
        sharp(jpeg)
          .autoOrient()
          .resize({ width: w })
          .avif({ quality: 55, effort: AVIF_EFFORT })
          .toBuffer(),
      ),
    ),
  );
  avifRuns.push(t);
}

const at960 = last.renditions.filter((r) => r.width === 960);
const lines = [
  `## Media upload processing (${new Date().toISOString().slice(0, 10)})`,
  "",
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}), libuv pool ${process.env.UV_THREADPOOL_SIZE ?? 4} threads.`,
  "",
  "| measure | value |",
  "| --- | --- |",
  `| input | ${WIDTH}×${HEIGHT} JPEG, ${(jpeg.length / 1e6).toFixed(1)} MB |`,
  `| renditions | ${last.renditions.length} (${[...new Set(last.renditions.map((r) => r.format))].join(", ")} × ${variantWidths(WIDTH).join(", ")} px) |`,
  `| processImage p50 of ${RUNS} | ${ms(median(runs))} (min ${ms(Math.min(...runs))}, max ${ms(Math.max(...runs))}) |`,
  `| of which AVIF alone (effort ${AVIF_EFFORT}), p50 of 3 | ${ms(median(avifRuns))} |`,
  ...at960.map((r) => `| ${r.format} at 960 px | ${(r.data.length / 1024).toFixed(0)} KB |`),
];
process.stdout.write(`${lines.join("\n")}\n`);
