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

  it("requires at least one author past draft, listed once", () => {
    // A draft keeps the words while its byline is still open; in review it needs one.
    expect(issuePaths({ ...valid(), authorIds: [] })).toEqual([]);
    expect(issuePaths({ ...valid(), status: "in_review", authorIds: [] })).toEqual(["authorIds"]);
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

describe("search and sharing fields", () => {
  const messageAt = (input: unknown, path: string): string | undefined => {
    try {
      parseOrThrow(ArticleInputSchema, input, "article");
    } catch (error) {
      return (error as ContentInvalidError).issues.find((i) => i.path === path)?.message;
    }
    return undefined;
  };

  it("default to empty text and no canonical URL, and are trimmed", () => {
    expect(parseOrThrow(ArticleInputSchema, valid(), "article")).toMatchObject({
      metaTitle: "",
      metaDescription: "",
      canonicalUrl: null,
      featuredImageCaption: "",
    });
    const set = parseOrThrow(
      ArticleInputSchema,
      {
        ...valid(),
        metaTitle: "  For search  ",
        metaDescription: " Said briefly. ",
        canonicalUrl: " https://elsewhere.example/story ",
        featuredImageCaption: " The harbour at dawn. ",
      },
      "article",
    );
    expect(set).toMatchObject({
      metaTitle: "For search",
      metaDescription: "Said briefly.",
      canonicalUrl: "https://elsewhere.example/story",
      featuredImageCaption: "The harbour at dawn.",
    });
  });

  it("refuse a canonical URL that is not an absolute http(s) URL, with a clear message", () => {
    expect(messageAt({ ...valid(), canonicalUrl: "/story" }, "canonicalUrl")).toMatch(
      /canonicalUrl must be an absolute URL/,
    );
    expect(messageAt({ ...valid(), canonicalUrl: "javascript:alert(1)" }, "canonicalUrl")).toMatch(
      /must start with http:\/\/ or https:\/\//,
    );
    expect(messageAt({ ...valid(), canonicalUrl: "ftp://example.com/x" }, "canonicalUrl")).toMatch(
      /must start with http:\/\/ or https:\/\//,
    );
    expect(issuePaths({ ...valid(), canonicalUrl: "http://example.com/x" })).toEqual([]);
  });

  it("refuse text over their limits", () => {
    expect(issuePaths({ ...valid(), metaTitle: "t".repeat(301) })).toEqual(["metaTitle"]);
    expect(issuePaths({ ...valid(), metaDescription: "d".repeat(501) })).toEqual([
      "metaDescription",
    ]);
    expect(issuePaths({ ...valid(), featuredImageCaption: "c".repeat(1001) })).toEqual([
      "featuredImageCaption",
    ]);
    expect(issuePaths({ ...valid(), metaTitle: "t".repeat(300) })).toEqual([]);
  });
});
