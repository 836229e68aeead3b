import { describe, expect, it } from "vitest";
import {
  type Block,
  countWords,
  readingMinutes,
  WORDS_PER_MINUTE,
} from "../../src/content/index.js";

const paragraphOf = (words: number): Block => ({
  type: "paragraph",
  content: [{ text: Array.from({ length: words }, () => "word").join(" ") }],
});

describe("reading time", () => {
  it("counts words as a reader does", () => {
    expect(countWords("It’s 97% — “on land”, U.S.–Mexico")).toBe(7);
    expect(countWords("  ")).toBe(0);
  });

  it("rounds up at WORDS_PER_MINUTE and never says zero", () => {
    expect(readingMinutes([])).toBe(1);
    expect(readingMinutes([paragraphOf(WORDS_PER_MINUTE)])).toBe(1);
    expect(readingMinutes([paragraphOf(WORDS_PER_MINUTE + 1)])).toBe(2);
    expect(
      readingMinutes([
        paragraphOf(WORDS_PER_MINUTE * 3),
        { type: "ad", slot: "x", width: 300, height: 250 },
      ]),
    ).toBe(3);
  });
});
