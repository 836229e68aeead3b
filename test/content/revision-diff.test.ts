import { describe, expect, it } from "vitest";
import {
  type Block,
  type ComparableArticle,
  compareBlocks,
  summarizeChanges,
} from "../../src/content/index.js";

const p = (text: string): Block => ({ type: "paragraph", content: [{ text }] });

const base: ComparableArticle = {
  slug: "budget",
  headline: "Council approves the budget",
  dek: "",
  type: "news",
  pageType: "WebPage",
  sectionId: "s1",
  tagIds: [],
  authorIds: ["a1"],
  status: "draft",
  publishedAt: null,
  featuredImageId: null,
  featuredImageCaption: "",
  metaTitle: "",
  metaDescription: "",
  canonicalUrl: null,
  body: [p("One"), p("Two"), p("Three")],
  commentsEnabled: true,
};

describe("summarizeChanges", () => {
  it("says 'no changes' when nothing changed", () => {
    expect(summarizeChanges(base, { ...base, body: [...base.body] })).toBe("no changes");
  });

  it("names changed fields, counts blocks and shows the status move, in that order", () => {
    const after = {
      ...base,
      headline: "Council passes the budget",
      body: [p("One"), p("Two, rewritten"), p("Three"), p("Four"), p("Five")],
      status: "in_review" as const,
    };
    expect(summarizeChanges(base, after)).toBe(
      "headline changed; 2 blocks added, 1 changed; status draft → in_review",
    );
  });

  it("tells adding, removing and changing the featured image apart", () => {
    expect(summarizeChanges(base, { ...base, featuredImageId: "m1" })).toBe("featured image added");
    expect(summarizeChanges({ ...base, featuredImageId: "m1" }, base)).toBe(
      "featured image removed",
    );
    expect(
      summarizeChanges({ ...base, featuredImageId: "m1" }, { ...base, featuredImageId: "m2" }),
    ).toBe("featured image changed");
  });

  it("names byline, tags, section, slug, type, dek and comments", () => {
    const after: ComparableArticle = {
      ...base,
      slug: "budget-2026",
      dek: "Close vote",
      type: "analysis",
      sectionId: "s2",
      authorIds: ["a1", "a2"],
      tagIds: ["t1"],
      commentsEnabled: false,
    };
    expect(summarizeChanges(base, after)).toBe(
      "dek changed; slug changed; type changed; section changed; authors changed; tags changed; comments closed",
    );
  });

  it("names the featured image caption and the search and sharing fields", () => {
    expect(
      summarizeChanges(base, {
        ...base,
        featuredImageCaption: "At dawn",
        metaTitle: "For search",
        metaDescription: "Briefly",
        canonicalUrl: "https://elsewhere.example/x",
      }),
    ).toBe(
      "featured image caption changed; meta title changed; meta description changed; canonical URL changed",
    );
  });

  it("gives the new publication time of a scheduled article", () => {
    const at = "2026-03-01T09:00:00.000Z";
    expect(summarizeChanges(base, { ...base, status: "scheduled", publishedAt: at })).toBe(
      `status draft → scheduled; publication time set to ${at}`,
    );
  });
});

describe("compareBlocks", () => {
  it("counts a moved block as one removed and one added, not as every block changed", () => {
    const before = [p("A"), p("B"), p("C"), p("D")];
    const after = [p("B"), p("C"), p("D"), p("A")];
    expect(compareBlocks(before, after)).toEqual({ added: 1, removed: 1, changed: 0 });
  });

  it("pairs removed and added blocks in the same place as changed", () => {
    expect(compareBlocks([p("A"), p("B"), p("C")], [p("A"), p("X"), p("Y"), p("C")])).toEqual({
      added: 1,
      removed: 0,
      changed: 1,
    });
  });

  it("handles empty bodies and a whole new body", () => {
    expect(compareBlocks([], [p("A")])).toEqual({ added: 1, removed: 0, changed: 0 });
    expect(compareBlocks([p("A"), p("B")], [])).toEqual({ added: 0, removed: 2, changed: 0 });
    expect(compareBlocks([p("A")], [p("B"), p("C")])).toEqual({
      added: 1,
      removed: 0,
      changed: 1,
    });
  });

  it("stays fast on two very different 2000-block bodies", () => {
    const before = Array.from({ length: 2000 }, (_, i) => p(`old ${i}`));
    const after = Array.from({ length: 2000 }, (_, i) => p(`new ${i}`));
    expect(compareBlocks(before, after)).toEqual({ added: 0, removed: 0, changed: 2000 });
  });
});

describe("block identity", () => {
  it("does not depend on the order of keys (PostgreSQL's jsonb reorders them)", () => {
    const stored = JSON.parse('{"content":[{"text":"One"}],"type":"paragraph"}') as Block;
    expect(compareBlocks([stored], [p("One")])).toEqual({ added: 0, removed: 0, changed: 0 });
  });
});
