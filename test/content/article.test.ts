import { describe, expect, it } from "vitest";
import {
  ArticleInputSchema,
  ContentInvalidError,
  HEADLINE_MAX_LENGTH,
  isPublic,
  parseOrThrow,
} from "../../src/content/index.js";

const ID = "0b8e1c9a-1d2e-4f3a-9b8c-7d6e5f4a3b2c";
const valid = () => ({
  slug: "a-story",
  headline: "A story",
  type: "news",
  sectionId: ID,
  authorIds: [ID],
  body: [{ type: "paragraph", content: [{ text: "Hello." }] }],
});

/** The field paths of every issue `input` raises. */
function issuePaths(input: unknown): string[] {
  try {
    parseOrThrow(ArticleInputSchema, input, "article");
  } catch (error) {
    expect(error).toBeInstanceOf(ContentInvalidError);
    return (error as ContentInvalidError).issues.map((i) => i.path);
  }
  return [];
}

describe("article schema", () => {
  it("accepts a minimal article and fills defaults", () => {
    const article = parseOrThrow(ArticleInputSchema, valid(), "article");
    expect(article).toMatchObject({
      status: "draft",
      dek: "",
      tagIds: [],
      commentsEnabled: true,
      publishedAt: null,
    });
  });

  it("names every offending field at once", () => {
    const paths = issuePaths({
      ...valid(),
      headline: "x".repeat(HEADLINE_MAX_LENGTH + 1),
      type: "gossip",
      body: [
        { type: "paragraph", content: [{ text: "ok" }] },
        { type: "marquee" },
        { type: "image", mediaId: ID, alt: "" },
        { type: "paragraph", content: [{ text: "x", href: "javascript:alert(1)" }] },
      ],
    });
    expect(paths).toEqual([
      "headline",
      "type",
      "body.1.type",
      "body.2.alt",
      "body.3.content.0.href",
    ]);
  });

  it("refuses unknown fields instead of dropping them silently", () => {
    expect(issuePaths({ ...valid(), html: "<p>hi</p>" })).toEqual([""]);
  });

  it("requires at least one author, listed once", () => {
    expect(issuePaths({ ...valid(), authorIds: [] })).toEqual(["authorIds"]);
    expect(issuePaths({ ...valid(), authorIds: [ID, ID] })).toEqual(["authorIds"]);
  });

  it("requires a publication time for a published article", () => {
    expect(issuePaths({ ...valid(), status: "published" })).toEqual(["publishedAt"]);
  });

  it("is public only once published and its time has come", () => {
    const now = new Date("2026-01-02T00:00:00Z");
    expect(isPublic({ status: "published", publishedAt: "2026-01-01T00:00:00Z" }, now)).toBe(true);
    expect(isPublic({ status: "published", publishedAt: "2026-01-03T00:00:00Z" }, now)).toBe(false);
    expect(isPublic({ status: "draft", publishedAt: "2026-01-01T00:00:00Z" }, now)).toBe(false);
  });
});
