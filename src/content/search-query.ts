// What a reader types into the search box, made safe: a list of words and phrases that the store
// turns into its database's own query syntax. Raw user syntax never reaches FTS5 MATCH or
// to_tsquery, so no input can make a query fail.

/** Characters of the query that are searched; the rest is dropped (and the reader told). */
export const SEARCH_QUERY_MAX_CHARS = 200;
/** Words and phrases per query; more are dropped (and the reader told). */
export const SEARCH_QUERY_MAX_TERMS = 20;
/** Letters per word; a longer "word" is cut (nothing real is that long). */
export const SEARCH_WORD_MAX_CHARS = 64;

/**
 * Marks around a matched word in snippets. Private-use characters, removed from all indexed
 * text by `searchableText`, so they cannot come from an article and the page can turn exactly
 * these into <mark> after escaping everything else.
 */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

/** One thing to find: a single word, or a phrase when it has several words in order. */
export interface SearchTerm {
  readonly words: readonly string[];
}

/** A reader's query, parsed. No terms means there is nothing to search for. */
export interface SearchQuery {
  readonly terms: readonly SearchTerm[];
  /** The input was longer than SEARCH_QUERY_MAX_CHARS or had more than SEARCH_QUERY_MAX_TERMS. */
  readonly truncated: boolean;
}

/** A run of snippet text, `marked` when it matched the query. */
export interface MarkedRun {
  readonly text: string;
  readonly marked: boolean;
}

// Words as the indexes see them: runs of letters, digits and combining marks. SQLite's
// unicode61 tokenizer and PostgreSQL's parser both split at everything else (punctuation,
// symbols, emoji), so a phrase built from these tokens matches on both.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
// Control characters (NUL included) and private-use characters (our snippet marks).
const UNSEARCHABLE = /[\p{Cc}\p{Co}]/gu;
// Written in capitals, these are operators in most search syntaxes; readers who type them mean
// the operator, which we do not offer, not the word.
const OPERATOR_WORDS = new Set(["AND", "OR", "NOT", "NEAR"]);
const QUOTES = /["“”„«»]/;

/**
 * Parses what a reader typed into words and phrases: "quoted text" is a phrase, an unclosed
 * quote runs to the end, words joined by punctuation ("U.S.", "long-term") are phrases, operator
 * characters and words are dropped. Never throws, whatever the input.
 * @example parseSearchQuery('drug "land strikes" -OR') // terms: [drug], [land strikes]
 */
export function parseSearchQuery(input: unknown): SearchQuery {
  const raw = typeof input === "string" ? input : "";
  const chars = Array.from(raw.normalize("NFC").replace(UNSEARCHABLE, " "));
  let truncated = chars.length > SEARCH_QUERY_MAX_CHARS;
  const text = chars.slice(0, SEARCH_QUERY_MAX_CHARS).join("");

  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  const add = (words: string[]) => {
    if (words.length === 0) return;
    const key = words.join(" ");
    if (seen.has(key)) return;
    if (terms.length >= SEARCH_QUERY_MAX_TERMS) {
      truncated = true;
      return;
    }
    seen.add(key);
    terms.push({ words });
  };

  // Alternate between outside and inside quotes; an unbalanced last quote still opens a phrase.
  text.split(QUOTES).forEach((part, i) => {
    if (i % 2 === 1) add(wordsOf(part));
    else
      for (const chunk of part.split(/\s+/)) {
        if (OPERATOR_WORDS.has(chunk.replace(/^[-+]+/, ""))) continue;
        add(wordsOf(chunk));
      }
  });
  return { terms, truncated };
}

/** The query as a reader would retype it: words, and phrases in quotes. */
export function formatSearchQuery(query: SearchQuery): string {
  return query.terms
    .map((t) => (t.words.length > 1 ? `"${t.words.join(" ")}"` : (t.words[0] ?? "")))
    .join(" ");
}

/**
 * Every word and phrase of the query in double quotes, space-separated: the form both FTS5 and
 * websearch_to_tsquery read as literal words (so "or", "near" or "-" are never operators).
 */
export function quotedTerms(query: SearchQuery): string {
  return query.terms.map((t) => `"${t.words.join(" ")}"`).join(" ");
}

/** Text fit for the index: without control characters or the snippet marks. */
export function searchableText(text: string): string {
  return text.replace(UNSEARCHABLE, (c) => (c === "\n" || c === "\t" ? c : " "));
}

/** Splits a snippet with MARK_START/MARK_END around matches into runs; stray marks are dropped. */
export function splitMarked(snippet: string): MarkedRun[] {
  const runs: MarkedRun[] = [];
  let marked = false;
  let current = "";
  const flush = () => {
    if (current.length === 0) return;
    const last = runs.at(-1);
    if (last && last.marked === marked)
      runs[runs.length - 1] = { text: last.text + current, marked };
    else runs.push({ text: current, marked });
    current = "";
  };
  for (const c of snippet) {
    if (c === MARK_START || c === MARK_END) {
      flush();
      marked = c === MARK_START;
    } else current += c;
  }
  flush();
  return runs;
}

/**
 * A calendar day typed as YYYY-MM-DD, as the UTC midnight that starts it; undefined when it is
 * not a real day (2025-02-30) or not in that form.
 */
export function parseSearchDay(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined;
  return y < 1000 ? undefined : date;
}

function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).map((w) =>
    Array.from(w.toLowerCase()).slice(0, SEARCH_WORD_MAX_CHARS).join(""),
  );
}
