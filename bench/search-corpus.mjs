// The search benchmark's corpus and queries, shared by bench/search.mjs (which generates the
// corpus and times one build) and bench/search-ab.mjs (which replays the same queries against
// two builds side by side): a deterministic generator, a Zipf-distributed vocabulary of made-up
// words, the reference article's sentences, and the query mix.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ROOT } from "./lib.mjs";

/** Queries timed per run, after WARMUP of the same mix. */
export const QUERIES = 400;
export const WARMUP = 100;
/** Share of sentences taken from the reference article (its words are the corpus's common ones). */
const REFERENCE_SHARE = 0.15;

/** The reference article's sentences of six words or more. */
export async function referenceSentences() {
  const text = await readFile(path.join(ROOT, "../shared/reference/article.txt"), "utf8");
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((x) => x.trim())
    .filter((x) => x.split(/\s+/).length >= 6);
}

// A small deterministic generator, so every run searches the same corpus.
let seed = 42;

/** Restarts the generator: the corpus is drawn from seed 42, the queries from seed 7. */
export function reseed(n) {
  seed = n;
}

// mulberry32: 32-bit integer arithmetic only, so the sequence is exact in JavaScript numbers.
export const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
export const pick = (xs) => xs[Math.floor(random() * xs.length)];

const SYLLABLES =
  "ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo".split(
    " ",
  );
export const VOCABULARY = Array.from({ length: 30_000 }, (_, i) => {
  let n = i;
  let word = "";
  do {
    word += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return `${word}${SYLLABLES[(i * 7) % SYLLABLES.length]}n`;
});
// Zipf (s = 1): rank r is drawn with weight 1/r.
const ZIPF = (() => {
  const cumulative = [];
  let sum = 0;
  for (let r = 1; r <= VOCABULARY.length; r++) {
    sum += 1 / r;
    cumulative.push(sum);
  }
  return cumulative.map((c) => c / sum);
})();
export function zipfWord() {
  const x = random();
  let lo = 0;
  let hi = ZIPF.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ZIPF[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo];
}

export function madeUpSentence() {
  const n = 8 + Math.floor(random() * 14);
  const words = Array.from({ length: n }, zipfWord);
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return `${words.join(" ")}.`;
}

/** A body: 3–6 paragraphs of 2–3 sentences, some from the reference article. */
export function paragraphs(sentences) {
  const out = [];
  const count = 3 + Math.floor(random() * 4);
  for (let p = 0; p < count; p++) {
    const parts = [];
    for (let s = 0; s < 2 + Math.floor(random() * 2); s++)
      parts.push(random() < REFERENCE_SHARE ? pick(sentences) : madeUpSentence());
    out.push({ type: "paragraph", content: [{ text: parts.join(" ") }] });
  }
  return out;
}

/** Queries of each kind, drawn from the corpus's own text. */
export function queries(sentences, sections) {
  const words = sentences
    .join(" ")
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 4);
  const phrase = () => {
    const s = pick(sentences)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    const at = Math.floor(random() * Math.max(1, s.length - 2));
    return `"${s.slice(at, at + 2 + Math.floor(random() * 2)).join(" ")}"`;
  };
  const kinds = {
    "common word": () => pick(words),
    "common made-up word": () => VOCABULARY[Math.floor(random() * 50)],
    "rare word": () => VOCABULARY[5000 + Math.floor(random() * 25_000)],
    "two words": () => `${pick(words)} ${zipfWord()}`,
    phrase,
  };
  const list = [];
  const names = Object.keys(kinds);
  for (let i = 0; i < QUERIES; i++) {
    const kind = names[i % names.length];
    const filtered = i % 2 === 1;
    list.push({
      kind: filtered ? `${kind}, one section` : kind,
      query: kinds[kind](),
      sectionIds: filtered ? [pick(sections).id] : undefined,
    });
  }
  return list;
}

/** The sections of a corpus generated before, in the order seedCorpus made them. */
export async function corpusSections(s) {
  const rows = await s.db.selectFrom("sections").select(["id", "slug"]).execute();
  const n = (row) => Number(row.slug.replace("section-", ""));
  return rows.sort((a, b) => n(a) - n(b));
}
