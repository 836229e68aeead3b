import { z } from "zod";
import { BlockSchema } from "./blocks.js";
import { IdSchema, TimestampSchema } from "./ids.js";
import { SlugSchema } from "./slug.js";

/** What kind of journalism a piece is; shown to readers and mapped to schema.org types later. */
export const ARTICLE_TYPES = [
  "news",
  "analysis",
  "opinion",
  "commentary",
  "fact-check",
  "sponsored",
  "satire",
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
};

export const ARTICLE_STATUSES = [
  "draft",
  "in_review",
  "scheduled",
  "published",
  "unpublished",
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const HEADLINE_MAX_LENGTH = 200;
export const DEK_MAX_LENGTH = 400;
export const BODY_MAX_BLOCKS = 2000;

/** An article as an editor submits it; the store adds id and bookkeeping times. */
export const ArticleInputSchema = z
  .object({
    slug: SlugSchema,
    headline: z
      .string()
      .trim()
      .min(1, "headline is required")
      .max(HEADLINE_MAX_LENGTH, `headline must be at most ${HEADLINE_MAX_LENGTH} characters`),
    dek: z
      .string()
      .trim()
      .max(DEK_MAX_LENGTH, `dek must be at most ${DEK_MAX_LENGTH} characters`)
      .default(""),
    type: z.enum(ARTICLE_TYPES, {
      error: () => `type must be one of: ${ARTICLE_TYPES.join(", ")}`,
    }),
    sectionId: IdSchema,
    tagIds: z.array(IdSchema).max(50).default([]),
    authorIds: z.array(IdSchema).min(1, "an article needs at least one author").max(20),
    status: z.enum(ARTICLE_STATUSES).default("draft"),
    publishedAt: TimestampSchema.nullable().default(null),
    featuredImageId: IdSchema.nullable().default(null),
    body: z
      .array(BlockSchema)
      .max(BODY_MAX_BLOCKS, `body may hold at most ${BODY_MAX_BLOCKS} blocks`),
    commentsEnabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (new Set(a.authorIds).size !== a.authorIds.length)
      ctx.addIssue({ code: "custom", path: ["authorIds"], message: "an author is listed twice" });
    if (a.status === "published" && a.publishedAt === null)
      ctx.addIssue({
        code: "custom",
        path: ["publishedAt"],
        message: "a published article needs publishedAt",
      });
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
