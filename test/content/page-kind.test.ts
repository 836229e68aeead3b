import { describe, expect, it } from "vitest";
import {
  ArticleInputSchema,
  ContentInvalidError,
  isReservedPath,
  kindIssues,
  parseOrThrow,
  RESERVED_PATHS,
} from "../../src/content/index.js";

const ID = "0b8e1c9a-1d2e-4f3a-9b8c-7d6e5f4a3b2c";
const body = [{ type: "paragraph", content: [{ text: "Who we are." }] }];
const page = (overrides: Record<string, unknown> = {}) => ({
  kind: "page",
  slug: "about",
  headline: "About us",
  type: "news",
  body,
  ...overrides,
});

/** The issues `input` raises, as `path: message`. */
function issuesOf(input: unknown): string[] {
  try {
    parseOrThrow(ArticleInputSchema, input, "article");
  } catch (error) {
    expect(error).toBeInstanceOf(ContentInvalidError);
    return (error as ContentInvalidError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  return [];
}

describe("pages in the article schema", () => {
  it("accepts a page without a section or an author, as a WebPage by default", () => {
    const parsed = parseOrThrow(ArticleInputSchema, page(), "article");
    expect(parsed).toMatchObject({
      kind: "page",
      pageType: "WebPage",
      sectionId: null,
      authorIds: [],
    });
  });

  it("keeps the page type it is given", () => {
    expect(parseOrThrow(ArticleInputSchema, page({ pageType: "AboutPage" }), "a").pageType).toBe(
      "AboutPage",
    );
    expect(issuesOf(page({ pageType: "FAQPage" }))).toEqual([
      "pageType: pageType must be one of: WebPage, AboutPage, ContactPage",
    ]);
  });

  it("refuses an article past draft without a section or an author, naming both fields", () => {
    expect(issuesOf({ ...page(), kind: "article", slug: "a-story", status: "in_review" })).toEqual([
      "sectionId: an article needs a section",
      "authorIds: an article needs at least one author",
    ]);
  });

  it("lets a draft article wait for its section and authors", () => {
    expect(issuesOf({ ...page(), kind: "article", slug: "a-story", status: "draft" })).toEqual([]);
  });

  it("is an article when no kind is given", () => {
    const { kind: _kind, ...rest } = page({ sectionId: ID, authorIds: [ID] });
    expect(parseOrThrow(ArticleInputSchema, rest, "article").kind).toBe("article");
  });

  it("refuses a page slug the site serves itself, at `slug`", () => {
    expect(issuesOf(page({ slug: "search" }))).toEqual([
      "slug: 'search' is used by the site itself; choose another slug",
    ]);
    for (const slug of ["articles", "admin", "api", "sections", "tags", "sitemaps"])
      expect(issuesOf(page({ slug }))).toHaveLength(1);
  });

  it("lets an article keep a slug that is reserved for pages (its address is /articles/…)", () => {
    expect(
      issuesOf(page({ kind: "article", slug: "search", sectionId: ID, authorIds: [ID] })),
    ).toEqual([]);
  });

  it("refuses a section on a page: pages are listed nowhere", () => {
    expect(issuesOf(page({ sectionId: ID }))).toEqual(["sectionId: a page has no section"]);
  });

  it("names every top-level path the site serves as reserved", () => {
    for (const path of ["articles", "sections", "authors", "tags", "trackers", "search", "page"])
      expect(isReservedPath(path)).toBe(true);
    expect(RESERVED_PATHS).toContain("feed.xml");
    expect(isReservedPath("about")).toBe(false);
  });

  it("gives the editor the same cross-field issues as the store", () => {
    expect(
      kindIssues({ kind: "page", slug: "admin", sectionId: null, authorIds: [] }).map(
        (i) => i.path,
      ),
    ).toEqual(["slug"]);
  });
});
