// What an article still lacks before it may go to review or out to readers. A draft may be saved
// with any of these gaps (so no words are lost); submitting, scheduling and publishing refuse
// while one remains (MH_INCOMPLETE), and the pre-publish checklist shows them as errors.
import type { Article, ArticleKind } from "./article.js";
import type { Block } from "./blocks.js";
import type { FieldIssue } from "./errors.js";
import { type BodyBlock, blockAsSent, incompleteBlockIssues } from "./incomplete-block.js";

/** The fields completeness looks at. */
export interface CompletenessInput {
  kind: ArticleKind;
  headline: string;
  sectionId: string | null;
  authorIds: readonly string[];
  body: readonly BodyBlock[];
}

/**
 * Every gap of an article, in reading order: the headline, the section and the authors (an
 * article's, not a page's), then each unfinished block's missing fields.
 * @example articleGaps(draft) // [{ path: "sectionId", … }, { path: "body.3.trackerId", … }]
 */
export function articleGaps(a: CompletenessInput): FieldIssue[] {
  const gaps: FieldIssue[] = [];
  if (a.headline.trim() === "") gaps.push({ path: "headline", message: "headline is required" });
  if (a.kind === "article") {
    if (a.sectionId === null)
      gaps.push({ path: "sectionId", message: "an article needs a section" });
    if (a.authorIds.length === 0)
      gaps.push({ path: "authorIds", message: "an article needs at least one author" });
  }
  gaps.push(...incompleteBlockIssues(a.body));
  return gaps;
}

/** Whether an article has no gap left (see articleGaps). */
export function isComplete(a: CompletenessInput): boolean {
  return articleGaps(a).length === 0;
}

/**
 * An article as its editor wrote it: each unfinished block unwrapped to the block as it was sent
 * (what the admin API answers with, so clients round-trip their own blocks; `articleGaps` says
 * what is unfinished).
 */
export type ArticleAsWritten = Omit<Article, "body"> & { body: Block[] };

/** The article with its unfinished blocks as the editor sent them (see ArticleAsWritten). */
export function asWritten(article: Article): ArticleAsWritten {
  return article.body.some((b) => b.type === "incomplete")
    ? { ...article, body: article.body.map(blockAsSent) }
    : (article as ArticleAsWritten);
}
