import { z } from "zod";
import type { FieldIssue } from "./errors.js";
import { IdSchema, TimestampSchema } from "./ids.js";
import { type BodyBlock, BodyBlockSchema, incompleteBlockIssues } from "./incomplete-block.js";
import { isReservedPath } from "./reserved-paths.js";
import { SlugSchema } from "./slug.js";
import { textField } from "./text.js";

/** What kind of journalism a piece is; shown to readers and mapped to schema.org types later. */
export const ARTICLE_TYPES = [
  "news",
  "analysis",
  "opinion",
  "commentary",
  "fact-check",
  "sponsored",
  "satire",
  // Live coverage: timestamped updates under the article (see live-update.ts).
  "live",
] as const;
export type ArticleType = (typeof ARTICLE_TYPES)[number];

/** Reader-facing label for each article type. */
export const ARTICLE_TYPE_LABELS: Record<ArticleType, string> = {
  news: "News",
  analysis: "Analysis",
  opinion: "Opinion",
  commentary: "Commentary",
  "fact-check": "Fact check",
  sponsored: "Sponsored",
  satire: "Satire",
  live: "Live",
};

export const ARTICLE_STATUSES = [
  "draft",
  "in_review",
  "scheduled",
  "published",
  "unpublished",
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/**
 * What a row of the articles table is: a dated piece of journalism in a section, or a page
 * (About, Contact, Ethics…) served at `/<slug>` and kept out of every listing, feed and search.
 * Both share the editor, revisions and workflow.
 */
export const ARTICLE_KINDS = ["article", "page"] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

/** The schema.org type a page declares in its JSON-LD. */
export const PAGE_TYPES = ["WebPage", "AboutPage", "ContactPage"] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/** Editor-facing label for each page type. */
export const PAGE_TYPE_LABELS: Record<PageType, string> = {
  WebPage: "Web page",
  AboutPage: "About page",
  ContactPage: "Contact page",
};

export const HEADLINE_MAX_LENGTH = 200;
export const DEK_MAX_LENGTH = 400;
export const BODY_MAX_BLOCKS = 2000;
export const META_TITLE_MAX_LENGTH = 300;
export const META_DESCRIPTION_MAX_LENGTH = 500;
export const FEATURED_IMAGE_CAPTION_MAX_LENGTH = 1000;

/**
 * An absolute http(s) address, or null. Search engines and social sites follow a canonical URL
 * from anywhere, so a relative path or another scheme (javascript:, ftp:) is refused.
 */
export const CanonicalUrlSchema = textField()
  .trim()
  .url("canonicalUrl must be an absolute URL, e.g. https://example.com/story")
  // Checks run on after a failed one: an unparsable URL has its message from .url() already.
  .refine((url) => !URL.canParse(url) || /^https?:$/i.test(new URL(url).protocol), {
    message: "canonicalUrl must start with http:// or https://",
  })
  .nullable();

/** The fields of an article as an editor submits it, before the rules that span fields. */
export const ArticleInputShape = {
  kind: z
    .enum(ARTICLE_KINDS, { error: () => `kind must be one of: ${ARTICLE_KINDS.join(", ")}` })
    .default("article"),
  pageType: z
    .enum(PAGE_TYPES, { error: () => `pageType must be one of: ${PAGE_TYPES.join(", ")}` })
    .default("WebPage"),
  slug: SlugSchema,
  headline: textField()
    .trim()
    .min(1, "headline is required")
    .max(HEADLINE_MAX_LENGTH, `headline must be at most ${HEADLINE_MAX_LENGTH} characters`),
  dek: textField()
    .trim()
    .max(DEK_MAX_LENGTH, `dek must be at most ${DEK_MAX_LENGTH} characters`)
    .default(""),
  type: z.enum(ARTICLE_TYPES, {
    error: () => `type must be one of: ${ARTICLE_TYPES.join(", ")}`,
  }),
  // Required of an article, not of a page (see kindIssues).
  sectionId: IdSchema.nullable().default(null),
  tagIds: z.array(IdSchema).max(50).default([]),
  authorIds: z.array(IdSchema).max(20).default([]),
  status: z.enum(ARTICLE_STATUSES).default("draft"),
  publishedAt: TimestampSchema.nullable().default(null),
  featuredImageId: IdSchema.nullable().default(null),
  // Plain text: the side panel edits it in a text field, and imports' captions are mostly bare
  // sentences (a credit lives on the media item).
  featuredImageCaption: textField()
    .trim()
    .max(
      FEATURED_IMAGE_CAPTION_MAX_LENGTH,
      `featuredImageCaption must be at most ${FEATURED_IMAGE_CAPTION_MAX_LENGTH} characters`,
    )
    .default(""),
  // For search engines and link previews; empty means the headline and dek stand in.
  metaTitle: textField()
    .trim()
    .max(META_TITLE_MAX_LENGTH, `metaTitle must be at most ${META_TITLE_MAX_LENGTH} characters`)
    .default(""),
  metaDescription: textField()
    .trim()
    .max(
      META_DESCRIPTION_MAX_LENGTH,
      `metaDescription must be at most ${META_DESCRIPTION_MAX_LENGTH} characters`,
    )
    .default(""),
  // Null means the article's own address; set when the piece first ran elsewhere.
  canonicalUrl: CanonicalUrlSchema.default(null),
  // Unfinished blocks are stored only in drafts (articleRuleIssues).
  body: z
    .array(BodyBlockSchema)
    .max(BODY_MAX_BLOCKS, `body may hold at most ${BODY_MAX_BLOCKS} blocks`),
  commentsEnabled: z.boolean().default(true),
};

/**
 * What a page may leave out and an article may not, and the slugs a page may not take, as field
 * issues (empty when there are none). Shared by the full schema and the editor's edit schema.
 * A draft may still lack its section and authors (`status: "draft"`); without a status, the
 * rules of a finished article apply.
 */
export function kindIssues(a: {
  kind: ArticleKind;
  slug: string;
  sectionId: string | null;
  authorIds: readonly string[];
  status?: ArticleStatus;
}): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (a.kind === "page") {
    if (isReservedPath(a.slug))
      issues.push({
        path: "slug",
        message: `'${a.slug}' is used by the site itself; choose another slug`,
      });
    // Pages stay out of section listings and search (whose index keys on the section).
    if (a.sectionId !== null) issues.push({ path: "sectionId", message: "a page has no section" });
    return issues;
  }
  // A draft keeps the words while its place and byline are still open (completeness.ts).
  if (a.status === "draft") return issues;
  if (a.sectionId === null)
    issues.push({ path: "sectionId", message: "an article needs a section" });
  if (a.authorIds.length === 0)
    issues.push({ path: "authorIds", message: "an article needs at least one author" });
  return issues;
}

/**
 * The rules of an article that span fields, as field issues (empty when it keeps them): what
 * ArticleInputSchema checks once every field on its own is valid. Fields parsed already (e.g. by
 * the admin API's edit schema) need only these.
 */
export function articleRuleIssues(a: {
  kind: ArticleKind;
  slug: string;
  sectionId: string | null;
  authorIds: readonly string[];
  status: ArticleStatus;
  publishedAt: string | null;
  body?: readonly BodyBlock[];
}): FieldIssue[] {
  const issues = kindIssues(a);
  // Only a draft may hold an unfinished block; anything readers see or will see is complete.
  if (a.status !== "draft" && a.body) issues.push(...incompleteBlockIssues(a.body));
  if (new Set(a.authorIds).size !== a.authorIds.length)
    issues.push({ path: "authorIds", message: "an author is listed twice" });
  if (a.status === "published" && a.publishedAt === null)
    issues.push({ path: "publishedAt", message: "a published article needs publishedAt" });
  return issues;
}

/** An article (or page) as an editor submits it; the store adds id and bookkeeping times. */
export const ArticleInputSchema = z
  .object(ArticleInputShape)
  .strict()
  .superRefine((a, ctx) => {
    for (const issue of articleRuleIssues(a))
      ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
  });
export type ArticleInput = z.input<typeof ArticleInputSchema>;
export type ArticleData = z.output<typeof ArticleInputSchema>;

/** A stored article. */
export interface Article extends ArticleData {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** Whether readers may see the article at `now`. */
export function isPublic(
  article: Pick<Article, "status" | "publishedAt">,
  now = new Date(),
): boolean {
  return (
    article.status === "published" &&
    article.publishedAt !== null &&
    new Date(article.publishedAt) <= now
  );
}
