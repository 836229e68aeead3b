import { describe, expect, it } from "vitest";
import {
  formatSearchQuery,
  MARK_END,
  MARK_START,
  parseSearchDay,
  parseSearchQuery,
  quotedTerms,
  SEARCH_QUERY_MAX_TERMS,
  searchableText,
  splitMarked,
} from "../../src/content/index.js";

const terms = (input: unknown) => parseSearchQuery(input).terms.map((t) => t.words.join(" "));

describe("parseSearchQuery", () => {
  it("splits words, lowercases them and drops duplicates", () => {
    expect(terms("Harbour budget HARBOUR")).toEqual(["harbour", "budget"]);
  });

  it("reads quoted text as one phrase, with typographic quotes too", () => {
    expect(terms('drug "land strikes" cartels')).toEqual(["drug", "land strikes", "cartels"]);
    expect(terms("“land strikes”")).toEqual(["land strikes"]);
  });

  it("tolerates an unclosed quote: the phrase runs to the end", () => {
    expect(terms('cartels "land strikes')).toEqual(["cartels", "land strikes"]);
    expect(terms('"""')).toEqual([]);
  });

  it("keeps words joined by punctuation together as a phrase", () => {
    expect(terms("U.S. long-term")).toEqual(["u s", "long term"]);
  });

  it("drops operators and operator words, keeping the words they were attached to", () => {
    expect(terms("cats OR dogs -NOT +AND NEAR(x y) headline:harbour harbour* ^boat")).toEqual([
      "cats",
      "dogs",
      "near x",
      "y",
      "headline harbour",
      "harbour",
      "boat",
    ]);
    expect(terms("AND OR NOT ( ) * ^ : - + { }")).toEqual([]);
  });

  it("keeps lowercase 'or' and 'not' as words: only capitals are read as operators", () => {
    expect(terms("to be or not")).toEqual(["to", "be", "or", "not"]);
  });

  it("finds nothing to search in symbols, emoji, control characters or non-strings", () => {
    expect(terms("🚢⚓️ 🌊 ★ ©")).toEqual([]);
    expect(terms("\u0000\u0001\u007f")).toEqual([]);
    expect(terms(undefined)).toEqual([]);
    expect(terms(42)).toEqual([]);
    expect(terms(["harbour"])).toEqual([]);
  });

  it("treats NUL bytes and the snippet marks as spaces", () => {
    expect(terms("harbour\u0000budget")).toEqual(["harbour", "budget"]);
    expect(terms(`${MARK_START}harbour${MARK_END}`)).toEqual(["harbour"]);
  });

  it("keeps letters of every script and their accents", () => {
    expect(terms("Menjívar Шейнбаум 東京 naïve")).toEqual([
      "menjívar",
      "шейнбаум",
      "東京",
      "naïve",
    ]);
  });

  it("caps the input at 200 characters and the terms at 20, and says so", () => {
    const long = parseSearchQuery("a".repeat(10_000));
    expect(long.truncated).toBe(true);
    expect(long.terms).toEqual([{ words: ["a".repeat(64)] }]);
    const many = parseSearchQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(" "));
    expect(many.terms).toHaveLength(SEARCH_QUERY_MAX_TERMS);
    expect(many.truncated).toBe(true);
    expect(parseSearchQuery("harbour budget").truncated).toBe(false);
  });

  it("leaves no character in a word that a search syntax could read", () => {
    const hostile = `"'*:^()-+{}[]\\%_;NEAR/2 ${'"'.repeat(50)} a"b'c`;
    for (const t of parseSearchQuery(hostile).terms)
      for (const w of t.words) expect(w).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}\p{M}]*$/u);
  });

  it("formats a query back as a reader would type it", () => {
    expect(formatSearchQuery(parseSearchQuery('Drug "land  strikes'))).toBe('drug "land strikes"');
  });

  it("quotes every word and phrase for the databases, operators gone", () => {
    expect(quotedTerms(parseSearchQuery('cartels OR -"land  strikes" drug'))).toBe(
      '"cartels" "land strikes" "drug"',
    );
  });
});

describe("splitMarked", () => {
  it("splits a snippet into marked and unmarked runs", () => {
    expect(
      splitMarked(`the ${MARK_START}harbour${MARK_END} and ${MARK_START}cranes${MARK_END}`),
    ).toEqual([
      { text: "the ", marked: false },
      { text: "harbour", marked: true },
      { text: " and ", marked: false },
      { text: "cranes", marked: true },
    ]);
  });

  it("keeps text as text, and survives stray or unbalanced marks", () => {
    expect(splitMarked("<b>&amp;</b>")).toEqual([{ text: "<b>&amp;</b>", marked: false }]);
    expect(splitMarked(`${MARK_END}a${MARK_START}b`)).toEqual([
      { text: "a", marked: false },
      { text: "b", marked: true },
    ]);
    expect(splitMarked("")).toEqual([]);
  });
});

describe("searchableText", () => {
  it("removes the snippet marks and control characters, keeping line breaks", () => {
    expect(searchableText(`a${MARK_START}b${MARK_END}\u0000c\nd`)).toBe("a b  c\nd");
  });
});

describe("parseSearchDay", () => {
  it("reads a real calendar day as its UTC midnight", () => {
    expect(parseSearchDay("2025-02-28")?.toISOString()).toBe("2025-02-28T00:00:00.000Z");
    expect(parseSearchDay("2024-02-29")?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
  });

  it("refuses impossible days and other forms", () => {
    for (const bad of [
      "2025-02-30",
      "2025-13-01",
      "25-01-01",
      "2025-1-1",
      "yesterday",
      "",
      "0999-01-01",
    ])
      expect(parseSearchDay(bad), bad).toBeUndefined();
  });
});
