// Side by side: bench/search.mjs's queries against two builds of Masthead on one kept PostgreSQL
// corpus. The VM's speed drifts between runs by more than most changes are worth, so each query
// runs on both builds in turn (which one goes first alternates), and the figures compare only
// within a round. Then each build serves CLIENTS concurrent clients over the whole list, to show
// what a change costs a busy instance.
//
//   MASTHEAD_BENCH_SEARCH_ONLY=postgres MASTHEAD_BENCH_SEARCH_KEEP_PG=1 node bench/search.mjs
//   git worktree add /tmp/base <commit> && ln -s "$PWD/node_modules" /tmp/base/
//   (cd /tmp/base && npx tsc -p tsconfig.build.json)
//   npm run build && node bench/search-ab.mjs <kept database> /tmp/base [rounds]
//
// "A" is the baseline checkout's dist/, "B" this checkout's. Both must read the kept database's
// schema (migrate it with the newer build first). Writes bench/results/search-ab.md.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { fail, ms, percentile, ROOT, runBench, table, writeReport } from "./lib.mjs";
import {
  corpusSections,
  QUERIES,
  queries,
  referenceSentences,
  reseed,
  WARMUP,
} from "./search-corpus.mjs";

const CLIENTS = 4;
const PG_URL =
  process.env.MASTHEAD_BENCH_PG_URL?.trim() || "postgres://postgres@127.0.0.1:5432/test";
const DEADLINE_MS = 900_000;

async function openBuild(checkout, database) {
  const store = await import(pathToFileURL(path.join(checkout, "dist/store/index.js")).href);
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;
  const s = await store.openStore({ kind: "postgres", url: url.href });
  const search = (q) =>
    store.searchArticles(s, { query: q.query, sectionIds: q.sectionIds, limit: 10, offset: 0 });
  return { search, close: () => s.close(), db: s };
}

/** p50 / p95 / p99 of these times, as table cells. */
const spread = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return [50, 95, 99].map((p) => ms(percentile(sorted, p)));
};

/** Every query on both builds, alternating which goes first; the times per build. */
async function alternating(builds, list, round) {
  const times = builds.map(() => []);
  for (const [i, q] of list.entries()) {
    const order = (i + round) % 2 === 0 ? [0, 1] : [1, 0];
    for (const b of order) {
      const start = performance.now();
      await builds[b].search(q);
      times[b].push(performance.now() - start);
    }
  }
  return times;
}

/** The whole list by CLIENTS concurrent clients on one build: searches per second and times. */
async function concurrent(build, list) {
  const times = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < list.length) {
        const q = list[next++];
        const t = performance.now();
        await build.search(q);
        times.push(performance.now() - t);
      }
    }),
  );
  return { perSecond: list.length / ((performance.now() - start) / 1000), times };
}

async function main() {
  const [database, baseline, rounds = "3"] = process.argv.slice(2);
  if (!database || !baseline) {
    fail("usage: node bench/search-ab.mjs <kept database> <baseline checkout> [rounds]");
    return;
  }
  const builds = [
    await openBuild(path.resolve(baseline), database),
    await openBuild(ROOT, database),
  ];
  try {
    const sentences = await referenceSentences();
    reseed(7);
    const list = queries(sentences, await corpusSections(builds[1].db));
    for (const q of list.slice(0, WARMUP)) for (const b of builds) await b.search(q);
    const rows = [];
    for (let r = 0; r < Number(rounds); r++) {
      const [a, b] = await alternating(builds, list, r);
      rows.push([`${r + 1}, one client`, ...spread(a), ...spread(b)]);
    }
    const busy = [];
    for (const b of builds) busy.push(await concurrent(b, list));
    rows.push([`${CLIENTS} clients`, ...spread(busy[0].times), ...spread(busy[1].times)]);
    await writeReport("search-ab", [
      `Search, ${QUERIES} queries after ${WARMUP} warm-up, on ${database}: A = ${baseline}, B = this checkout.`,
      "",
      ...table(
        ["round", "A p50", "A p95", "A p99", "B p50", "B p95", "B p99"],
        ["l", "r", "r", "r", "r", "r", "r"],
        rows,
      ),
      "",
      `- ${CLIENTS} concurrent clients: A ${busy[0].perSecond.toFixed(0)} searches/s, B ${busy[1].perSecond.toFixed(0)} searches/s.`,
    ]);
  } finally {
    for (const b of builds) await b.close();
  }
}

runBench(main, DEADLINE_MS);
