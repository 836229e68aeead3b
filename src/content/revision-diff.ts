import { dequal } from "dequal";
import type { ArticleData } from "./article.js";
import type { Block, UnfinishedBlock } from "./blocks.js";

/** The parts of an article a revision summary compares. */
export type ComparableArticle = Pick<
  ArticleData,
  | "slug"
  | "headline"
  | "dek"
  | "type"
  | "pageType"
  | "sectionId"
  | "tagIds"
  | "authorIds"
  | "status"
  | "publishedAt"
  | "featuredImageId"
  | "featuredImageCaption"
  | "metaTitle"
  | "metaDescription"
  | "canonicalUrl"
  | "body"
  | "commentsEnabled"
>;

/** How many body blocks were added, removed and changed in place between two versions. */
export interface BlockChanges {
  added: number;
  removed: number;
  changed: number;
}

// Beyond this many comparisons the middle of two bodies is compared position by position:
// a summary is not worth quadratic time on a 2000-block rewrite.
const LCS_LIMIT = 250_000;

/**
 * A one-line, human summary of what changed between two versions of an article, for the
 * revisions list, e.g. "headline changed; 2 blocks added, 1 changed; status draft → in_review".
 * Says "no changes" when nothing did.
 */
export function summarizeChanges(before: ComparableArticle, after: ComparableArticle): string {
  const parts: string[] = [];
  const changed = (label: string, a: unknown, b: unknown) => {
    if (!sameJson(a, b)) parts.push(`${label} changed`);
  };
  changed("headline", before.headline, after.headline);
  changed("dek", before.dek, after.dek);
  changed("slug", before.slug, after.slug);
  changed("type", before.type, after.type);
  changed("section", before.sectionId, after.sectionId);
  changed("page type", before.pageType, after.pageType);
  changed("authors", before.authorIds, after.authorIds);
  changed("tags", before.tagIds, after.tagIds);
  if (before.featuredImageId !== after.featuredImageId)
    parts.push(
      before.featuredImageId === null
        ? "featured image added"
        : after.featuredImageId === null
          ? "featured image removed"
          : "featured image changed",
    );
  changed("featured image caption", before.featuredImageCaption, after.featuredImageCaption);
  changed("meta title", before.metaTitle, after.metaTitle);
  changed("meta description", before.metaDescription, after.metaDescription);
  changed("canonical URL", before.canonicalUrl, after.canonicalUrl);
  if (before.commentsEnabled !== after.commentsEnabled)
    parts.push(after.commentsEnabled ? "comments opened" : "comments closed");
  const body = describeBlockChanges(compareBlocks(before.body, after.body));
  if (body) parts.push(body);
  if (before.status !== after.status) parts.push(`status ${before.status} → ${after.status}`);
  if (before.publishedAt !== after.publishedAt && after.publishedAt !== null)
    parts.push(`publication time set to ${after.publishedAt}`);
  return parts.length > 0 ? parts.join("; ") : "no changes";
}

/**
 * Counts added, removed and changed blocks: blocks equal in both versions are matched by their
 * longest common subsequence; in each gap between matches, removed and added blocks pair up as
 * "changed" and the rest count as added or removed.
 */
export function compareBlocks(
  before: readonly (Block | UnfinishedBlock)[],
  after: readonly (Block | UnfinishedBlock)[],
): BlockChanges {
  // An autosave changes a block or two: the equal runs at both ends are matched by comparing
  // values, and only the blocks between them are serialised for the subsequence.
  let start = 0;
  while (start < before.length && start < after.length && dequal(before[start], after[start]))
    start++;
  let endA = before.length;
  let endB = after.length;
  while (endA > start && endB > start && dequal(before[endA - 1], after[endB - 1])) {
    endA--;
    endB--;
  }
  const midA = before.slice(start, endA).map(canonicalJson);
  const midB = after.slice(start, endB).map(canonicalJson);
  const result: BlockChanges = { added: 0, removed: 0, changed: 0 };
  const gap = (removed: number, added: number) => {
    const paired = Math.min(removed, added);
    result.changed += paired;
    result.removed += removed - paired;
    result.added += added - paired;
  };
  if (midA.length * midB.length > LCS_LIMIT) {
    gap(midA.length, midB.length);
    return result;
  }
  for (const [removed, added] of gapsBetweenMatches(midA, midB)) gap(removed, added);
  return result;
}

/** "2 blocks added, 1 changed", or "" when the body is the same. */
function describeBlockChanges({ added, removed, changed }: BlockChanges): string {
  const counts: [number, string][] = [
    [added, "added"],
    [removed, "removed"],
    [changed, "changed"],
  ];
  return counts
    .filter(([n]) => n > 0)
    .map(([n, what], i) =>
      i === 0 ? `${n} ${n === 1 ? "block" : "blocks"} ${what}` : `${n} ${what}`,
    )
    .join(", ");
}

/** The sizes (removed, added) of each run of unmatched items around the longest common subsequence. */
function gapsBetweenMatches(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  // lcs[i * (m + 1) + j] = length of the LCS of a[i..] and b[j..]
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * (m + 1) + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j] ?? 0, lcs[i * (m + 1) + j + 1] ?? 0);
  const gaps: [number, number][] = [];
  let removed = 0;
  let added = 0;
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      if (removed || added) gaps.push([removed, added]);
      removed = 0;
      added = 0;
      i++;
      j++;
    } else if ((lcs[(i + 1) * (m + 1) + j] ?? 0) >= (lcs[i * (m + 1) + j + 1] ?? 0)) {
      removed++;
      i++;
    } else {
      added++;
      j++;
    }
  }
  removed += n - i;
  added += m - j;
  if (removed || added) gaps.push([removed, added]);
  return gaps;
}

/** Deep equality whatever the key order (a block read back from jsonb has its keys reordered). */
function sameJson(a: unknown, b: unknown): boolean {
  return dequal(a, b);
}

/**
 * JSON with object keys sorted: a block read back from PostgreSQL's jsonb has its keys in
 * another order than the one the editor sent, and must still count as the same block.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
