// The checklist's rules and the generic decision of what an unfinished block is, as pure
// functions of an article (no database, no HTTP).
import { describe, expect, it } from "vitest";
import {
  type Article,
  type BodyBlock,
  classifyBlock,
  resolveChecklist,
  runChecklist,
} from "../../src/content/index.js";

const ID = "00000000-0000-4000-8000-000000000001";

function article(body: BodyBlock[], overrides: Partial<Article> = {}): Article {
  return {
    id: ID,
    kind: "article",
    pageType: "WebPage",
    slug: "a-story",
    headline: "Council approves the budget",
    dek: "",
    type: "news",
    sectionId: ID,
    tagIds: [],
    authorIds: [ID],
    status: "draft",
    publishedAt: null,
    featuredImageId: ID,
    featuredImageCaption: "",
    metaTitle: "",
    metaDescription: "",
    canonicalUrl: null,
    commentsEnabled: true,
    body,
    createdAt: "2026-12-02T00:00:00.000Z",
    updatedAt: "2026-12-02T00:00:00.000Z",
    ...overrides,
  };
}

const ids = (a: Article) => runChecklist(a).map((c) => `${c.level}:${c.id}`);

describe("classifyBlock", () => {
  it("keeps a block missing only required fields as unfinished, with what it lacks", () => {
    expect(classifyBlock({ type: "image", mediaId: ID })).toEqual({
      block: {
        type: "incomplete",
        block: { type: "image", mediaId: ID },
        issues: [{ path: "alt", message: "alt is required" }],
      },
    });
  });

  it("refuses a wrong type, an unknown key or an unknown block type", () => {
    expect(classifyBlock({ type: "tracker", trackerId: 7 })).toHaveProperty("refused");
    expect(classifyBlock({ type: "divider", colour: "red" })).toHaveProperty("refused");
    expect(classifyBlock({ type: "sparkle" })).toHaveProperty("refused");
    expect(classifyBlock({})).toHaveProperty("refused");
  });

  it("counts prose of only dropped characters as empty, but refuses them in a line field", () => {
    const nul = { type: "paragraph", content: [{ text: "\u0000\uD83D" }] };
    expect(classifyBlock(nul)).toMatchObject({
      block: { type: "incomplete", block: { type: "paragraph", content: [{ text: "" }] } },
    });
    expect(classifyBlock({ type: "image", mediaId: ID, alt: "\u0000" })).toHaveProperty("refused");
  });
});

describe("runChecklist", () => {
  it("passes a complete article with a featured image and plain prose", () => {
    expect(runChecklist(article([{ type: "paragraph", content: [{ text: "Fine." }] }]))).toEqual(
      [],
    );
  });

  it("lists an unfinished block as an error, before the warnings", () => {
    const unfinished: BodyBlock = {
      type: "incomplete",
      block: { type: "tracker", trackerId: "" },
      issues: [{ path: "trackerId", message: "trackerId is required" }],
    };
    expect(ids(article([unfinished], { featuredImageId: null }))).toEqual([
      "error:complete@body.0.trackerId",
      "warning:featured-image",
    ]);
  });

  it("warns of vague link text, skipped heading levels, alt repeating the caption and capitals", () => {
    const body: BodyBlock[] = [
      { type: "paragraph", content: [{ text: "Read more", href: "/x" }] },
      { type: "heading", level: 3, content: [{ text: "Skipped a level" }] },
      {
        type: "image",
        mediaId: ID,
        alt: "The council chamber",
        caption: [{ text: "The council chamber." }],
      },
      { type: "paragraph", content: [{ text: "THE COUNCIL VOTED AGAINST IT" }] },
    ];
    expect(ids(article(body))).toEqual([
      "warning:link-text@body.0.content.0",
      "warning:alt-caption@body.2",
      "warning:all-caps@body.3",
      "warning:heading-order@body.1",
    ]);
  });

  it("does not ask a page for a featured image", () => {
    expect(ids(article([], { kind: "page", sectionId: null, featuredImageId: null }))).toEqual([]);
  });
});

describe("resolveChecklist", () => {
  const checks = runChecklist(article([], { featuredImageId: null }));

  it("blocks a warning without an override, and accepts it with a reason", () => {
    expect(resolveChecklist(checks, []).blocking.map((b) => b.path)).toEqual([
      "checks.featured-image",
    ]);
    expect(
      resolveChecklist(checks, [{ check: "featured-image", reason: "Text only" }]),
    ).toMatchObject({ blocking: [], overridden: [{ id: "featured-image", reason: "Text only" }] });
  });

  it("holds a caller that sends no overrides to errors only", () => {
    expect(resolveChecklist(checks, undefined).blocking).toEqual([]);
  });
});
