// Times the streaming WXR reader alone over a file and reports peak memory (RSS sampled every
// 50 ms): the reading part of the import benchmark. Needs `npm run build` (reads dist/).
//
//   node bench/wxr-generate.mjs /tmp/bench.xml --posts 10000 --comments 50000
//   node bench/wxr-read.mjs /tmp/bench.xml

import { stat } from "node:fs/promises";

const file = process.argv[2];
if (!file) {
  console.error("usage: node bench/wxr-read.mjs FILE.xml");
  process.exit(2);
}
// WXR_FROM_SOURCE=1 with `npx tsx` reads the TypeScript source instead of the build.
const { readWxr } = await import(
  process.env.WXR_FROM_SOURCE
    ? "../src/importers/wordpress/wxr.ts"
    : "../dist/importers/wordpress/wxr.js"
);

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const counts = { site: 0, author: 0, term: 0, item: 0, comment: 0 };
const started = process.hrtime.bigint();
for await (const record of readWxr(file)) {
  counts[record.kind]++;
  if (record.kind === "item") counts.comment += record.comments.length;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const { size } = await stat(file);
console.log(
  `${file}: ${(size / 1048576).toFixed(1)} MB, ${counts.item} items, ${counts.comment} comments, ${counts.term} terms, ${counts.author} authors`,
);
console.log(
  `read in ${seconds.toFixed(2)} s (${(size / 1048576 / seconds).toFixed(1)} MB/s), peak RSS ${(peak / 1048576).toFixed(0)} MB`,
);
