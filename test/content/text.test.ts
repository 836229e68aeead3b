import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  cleanStrings,
  cleanText,
  findUnstorable,
  locationHeader,
  parseOrThrow,
  proseField,
  textField,
  textProblem,
} from "../../src/content/index.js";

const Name = z.object({ name: textField().trim().min(1).max(20) }).strict();
const Bio = z.object({ bio: proseField().trim().max(50) }).strict();

describe("the text policy", () => {
  it("refuses NUL, other C0 controls, DEL and unpaired surrogates in a text field, naming the field and the character", () => {
    for (const [bad, shown] of [
      ["a\u0000b", "U+0000"],
      ["a\u0001b", "U+0001"],
      ["a\u001fb", "U+001F"],
      ["a\u007fb", "U+007F"],
      ["a\u000bb", "U+000B"],
      ["a\uD800b", "U+D800"],
      ["a\uDC00", "U+DC00"],
    ] as const) {
      const result = Name.safeParse({ name: bad });
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["name"]);
      expect(result.error?.issues[0]?.message).toContain(shown);
    }
  });

  it("keeps tab, newline, emoji and non-Latin text, and turns CRLF and CR into LF", () => {
    expect(Name.parse({ name: "a\tb\nc" }).name).toBe("a\tb\nc");
    expect(Name.parse({ name: "café 😀 שלום" }).name).toBe("café 😀 שלום");
    expect(Name.parse({ name: "a\r\nb\rc" }).name).toBe("a\nb\nc");
  });

  it("removes the same characters from prose without refusing it", () => {
    expect(Bio.parse({ bio: "One\u0000 line\r\nand\u0007 the \uD800next\uDFFF." }).bio).toBe(
      "One line\nand the next.",
    );
  });

  it("leaves a valid surrogate pair alone", () => {
    expect(textProblem("😀")).toBeUndefined();
    expect(cleanText("😀\uD83D")).toBe("😀");
  });

  it("cleans every string and key of a nested value", () => {
    expect(cleanStrings({ "a\u0000": ["x\u0001", { y: "z\uD800" }], n: 1, b: null })).toEqual({
      a: ["x", { y: "z" }],
      n: 1,
      b: null,
    });
  });

  it("finds NUL or an unpaired surrogate anywhere in a parsed value, with its path", () => {
    expect(findUnstorable({ a: [{ b: "ok" }, { b: "x\u0000" }] })?.path).toBe("a.1.b");
    expect(findUnstorable({ a: "\uDBFF" })?.message).toContain("U+DBFF");
    expect(findUnstorable({ a: "tab\tand\u0001" })).toBeUndefined();
  });

  it("walks any nesting depth without overflowing the stack", () => {
    let deep: unknown = "bottom\u0000";
    for (let i = 0; i < 50_000; i += 1) deep = [deep];
    expect(findUnstorable(deep)?.path).toBe(Array.from({ length: 50_000 }, () => "0").join("."));
    let cleaned = cleanStrings(deep);
    for (let i = 0; i < 50_000; i += 1) cleaned = (cleaned as unknown[])[0];
    expect(cleaned).toBe("bottom");
  });

  it("keeps a __proto__ key a key when cleaning", () => {
    const cleaned = cleanStrings(JSON.parse('{"__proto__": {"polluted": "yes"}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(cleaned)).toEqual(["__proto__"]);
  });

  it("refuses, as a last line, what a schema let through untouched", () => {
    const Loose = z.object({ anything: z.unknown() });
    expect(() => parseOrThrow(Loose, { anything: { deep: ["\u0000"] } }, "thing")).toThrow(
      /anything\.deep\.0: contains a control character \(U\+0000\)/,
    );
  });
});

describe("Location headers", () => {
  it("percent-encode non-ASCII targets as UTF-8 and keep escapes", () => {
    expect(locationHeader("/tags/café-économie")).toBe("/tags/caf%C3%A9-%C3%A9conomie");
    expect(locationHeader("/x/😀?q=a b")).toBe("/x/%F0%9F%98%80?q=a%20b");
    expect(locationHeader("/already/caf%C3%A9")).toBe("/already/caf%C3%A9");
    expect(locationHeader("/a\nb\u0000")).toBe("/a%0Ab%00");
    expect(locationHeader("/half\uD800")).toBe("/half%EF%BF%BD");
  });
});
