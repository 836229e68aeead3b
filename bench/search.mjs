// Benchmark of full-text search, run by `npm run bench` (after the build) or alone after a build:
// `npm run build && node bench/search.mjs` (a few minutes: generating the articles dominates).
//
// On SQLite (a temporary file) and on PostgreSQL (a temporary database on the server at
// MASTHEAD_BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/test, dropped afterwards):
//   1. generates ARTICLES published articles in SECTIONS sections by AUTHORS authors, with text
//      from the reference article's sentences (shuffled) mixed with sentences of words drawn
//      from a Zipf-distributed vocabulary of made-up words, so some words are in most articles
//      and most words in a few. Rows go straight into the tables in big transactions, then
//      `reindexAllArticles` builds the index through the store's own indexing code;
//   2. times `searchArticles` (dist/store), first page of 10 with its count, over QUERIES varied
//      queries: common and rare single words, two words, phrases, each also with a section
//      filter; after a warm-up of the same mix;
//   3. prints p50/p95/p99 per kind of query and overall, against the goal p95 < 20 ms.
// Writes the table to bench/results/search.md. Set MASTHEAD_BENCH_SEARCH_ARTICLES to run smaller.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import pg from "pg";
import { importDist, ms, percentile, removeAtExit, runBench, table, writeReport } from "./lib.mjs";
import {
  corpusSections,
  madeUpSentence,
  paragraphs,
  pick,
  QUERIES,
  queries,
  random,
  referenceSentences,
  reseed,
  VOCABULARY,
  WARMUP,
} from "./search-corpus.mjs";

const ARTICLES = Number(process.env.MASTHEAD_BENCH_SEARCH_ARTICLES ?? 100_000);
const SECTIONS = 12;
const AUTHORS = 40;
const GOAL_P95_MS = 20;
const PG_URL =
  process.env.MASTHEAD_BENCH_PG_URL?.trim() || "postgres://postgres@127.0.0.1:5432/test";
const DEADLINE_MS = 1_500_000;

const store = await importDist("dist/store/index.js");

async function seedCorpus(s, sentences) {
  const now = new Date();
  const sections = [];
  for (let i = 0; i < SECTIONS; i++)
    sections.push(
      await store.createSection(s, { slug: `section-${i}`, name: `${pick(VOCABULARY)} desk` }),
    );
  const authors = [];
  for (let i = 0; i < AUTHORS; i++)
    authors.push(
      await store.createPerson(s, {
        slug: `author-${i}`,
        name: `${pick(VOCABULARY)} ${pick(VOCABULARY)}`,
        roleTitle: "Reporter",
      }),
    );
  const BATCH = 1000;
  for (let done = 0; done < ARTICLES; done += BATCH) {
    const rows = [];
    const links = [];
    for (let i = done; i < Math.min(ARTICLES, done + BATCH); i++) {
      const id = randomUUID();
      const at = new Date(now.getTime() - (i + 1) * 600_000).toISOString();
      rows.push({
        id,
        slug: `article-${i}`,
        headline: random() < 0.5 ? pick(sentences).slice(0, 90) : madeUpSentence().slice(0, 80),
        dek: madeUpSentence(),
        type: "news",
        section_id: pick(sections).id,
        status: "published",
        published_at: at,
        featured_image_id: null,
        body: JSON.stringify(paragraphs(sentences)),
        comments_enabled: 1,
        created_at: at,
        updated_at: at,
        version: 1,
      });
      links.push({ article_id: id, person_id: pick(authors).id, position: 0 });
    }
    await store.transact(s, async (tx) => {
      for (let i = 0; i < rows.length; i += 100) {
        await tx.db
          .insertInto("articles")
          .values(rows.slice(i, i + 100))
          .execute();
        await tx.db
          .insertInto("article_authors")
          .values(links.slice(i, i + 100))
          .execute();
      }
    });
  }
  const started = performance.now();
  await store.transact(s, (tx) => store.reindexAllArticles(tx));
  // As autovacuum would soon after a bulk load: the planner needs the new tables' statistics.
  if (s.dialect === "postgres") await sql`vacuum analyze`.execute(s.db);
  return { sections, indexSeconds: (performance.now() - started) / 1000 };
}

async function measure(s, list) {
  for (const q of list.slice(0, WARMUP))
    await store.searchArticles(s, {
      query: q.query,
      sectionIds: q.sectionIds,
      limit: 10,
      offset: 0,
    });
  const times = [];
  let hits = 0;
  for (const q of list) {
    const start = performance.now();
    const result = await store.searchArticles(s, {
      query: q.query,
      sectionIds: q.sectionIds,
      limit: 10,
      offset: 0,
    });
    times.push({ kind: q.kind, ms: performance.now() - start, total: result.total });
    hits += result.items.length > 0 ? 1 : 0;
  }
  return { times, hits };
}

function summarize(name, times) {
  const rows = [];
  const groups = new Map();
  for (const t of times) groups.set(t.kind, [...(groups.get(t.kind) ?? []), t]);
  const line = (label, ts) => {
    const sorted = ts.map((t) => t.ms).sort((a, b) => a - b);
    const totals = ts.map((t) => t.total).sort((a, b) => a - b);
    return [
      name,
      label,
      String(ts.length),
      String(percentile(totals, 50)),
      ms(percentile(sorted, 50)),
      ms(percentile(sorted, 95)),
      ms(percentile(sorted, 99)),
    ];
  };
  for (const [kind, ts] of groups) rows.push(line(kind, ts));
  const all = line("**all**", times);
  rows.push(all);
  return {
    rows,
    p95: percentile(
      times.map((t) => t.ms).sort((a, b) => a - b),
      95,
    ),
  };
}

async function pgAdmin(statement) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function onDatabase(name, open, sentences, reused = false) {
  process.stderr.write(
    `bench: ${name}: ${reused ? "searching a kept corpus" : `generating ${ARTICLES} articles`}…\n`,
  );
  const s = await open();
  try {
    const t0 = performance.now();
    const { sections, indexSeconds } = reused
      ? { sections: await corpusSections(s), indexSeconds: 0 }
      : await seedCorpus(s, sentences);
    process.stderr.write(
      `bench: ${name}: corpus ready in ${((performance.now() - t0) / 1000).toFixed(0)} s (indexing ${indexSeconds.toFixed(0)} s); searching…\n`,
    );
    // The queries' own seed, so a run on a kept database asks what a full run asks.
    reseed(7);
    const list = queries(sentences, sections);
    const { times, hits } = await measure(s, list);
    return { ...summarize(name, times), hits, indexSeconds };
  } finally {
    await s.close();
  }
}

async function main() {
  const sentences = await referenceSentences();
  const results = [];
  const dir = await mkdtemp(path.join(tmpdir(), "mh-bench-search-"));
  removeAtExit(dir);
  reseed(42);
  if (process.env.MASTHEAD_BENCH_SEARCH_ONLY !== "postgres")
    results.push(
      await onDatabase(
        "SQLite",
        async () => {
          const s = await store.openStore({ kind: "sqlite", file: path.join(dir, "search.db") });
          await store.migrateToLatest(s);
          return s;
        },
        sentences,
      ),
    );
  // A database kept by MASTHEAD_BENCH_SEARCH_KEEP_PG=1 can be searched again without the
  // ten minutes of generating it: MASTHEAD_BENCH_SEARCH_REUSE_PG=<its name>.
  const reuse = process.env.MASTHEAD_BENCH_SEARCH_REUSE_PG?.trim();
  const dbName = reuse || `mh_bench_search_${randomBytes(4).toString("hex")}`;
  if (!reuse) await pgAdmin(`create database ${dbName}`);
  try {
    const url = new URL(PG_URL);
    url.pathname = `/${dbName}`;
    reseed(42);
    results.push(
      await onDatabase(
        "PostgreSQL",
        async () => {
          const s = await store.openStore({ kind: "postgres", url: url.href });
          await store.migrateToLatest(s);
          return s;
        },
        sentences,
        Boolean(reuse),
      ),
    );
  } finally {
    if (reuse || process.env.MASTHEAD_BENCH_SEARCH_KEEP_PG === "1")
      process.stderr.write(`bench: kept PostgreSQL database ${dbName}\n`);
    else await pgAdmin(`drop database if exists ${dbName} with (force)`);
  }
  const lines = [
    `Search over ${ARTICLES.toLocaleString("en")} published articles, first page of 10 with its count (${QUERIES} queries after ${WARMUP} warm-up).`,
    "",
    ...table(
      ["database", "queries", "n", "median matches", "p50 ms", "p95 ms", "p99 ms"],
      ["l", "l", "r", "r", "r", "r", "r"],
      results.flatMap((r) => r.rows),
    ),
    "",
    ...results.map(
      (r) =>
        `- ${r.rows[0][0]}: p95 ${ms(r.p95)} ms (goal < ${GOAL_P95_MS} ms: ${r.p95 < GOAL_P95_MS ? "met" : "**missed**"}); ${r.hits} of ${QUERIES} queries found something; index built in ${r.indexSeconds.toFixed(0)} s.`,
    ),
  ];
  await writeReport("search", lines);
}

runBench(main, DEADLINE_MS);
