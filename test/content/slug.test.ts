import { describe, expect, it } from "vitest";
import { isSlug, SLUG_MAX_LENGTH, slugify } from "../../src/content/index.js";

describe("slugs", () => {
  it("derive from headlines, folding accents and punctuation", () => {
    expect(slugify("Trump Signals Possible U.S. Military Action")).toBe(
      "trump-signals-possible-u-s-military-action",
    );
    expect(slugify("Mexico’s Palacio — Nicolás Maduro!")).toBe("mexicos-palacio-nicolas-maduro");
    expect(slugify("x".repeat(500))).toHaveLength(SLUG_MAX_LENGTH);
  });

  it("accept only lowercase words joined by single hyphens", () => {
    expect(isSlug("resist-hate")).toBe(true);
    for (const bad of ["", "Resist", "a--b", "-a", "a-", "a b", "a/b"])
      expect(isSlug(bad)).toBe(false);
  });
});
