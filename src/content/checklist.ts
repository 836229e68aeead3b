// The pre-publish checklist: one list of checks the publish dialog shows and the publish and
// schedule transitions enforce. An error blocks; a warning blocks until someone overrides it with
// a reason (recorded with the publication). Each rule is a function of the article in CHECK_RULES:
// later work adds its checks by adding a rule there, nothing else changes.
import type { Article } from "./article.js";
import type { Check, CheckRule } from "./check.js";
import { accessibilityChecks } from "./checks-accessibility.js";
import { articleGaps } from "./completeness.js";
import type { FieldIssue } from "./errors.js";

export type { Check, CheckLevel, CheckRule } from "./check.js";

/** Every gap is an error: nothing unfinished reaches readers (see completeness.ts). */
const completeness: CheckRule = (article) =>
  articleGaps(article).map((gap) => ({
    id: `complete@${gap.path}`,
    level: "error",
    message: gap.message,
    path: gap.path,
  }));

/** Shared links and the article's own page look bare without a lead image. */
const featuredImage: CheckRule = (article) =>
  article.kind === "article" && article.featuredImageId === null
    ? [
        {
          id: "featured-image",
          level: "warning",
          message: "no featured image: shared links and listings show the article without one",
          path: "featuredImageId",
        },
      ]
    : [];

/** The rules, in the order their findings are listed. Add new checks here. */
export const CHECK_RULES: readonly CheckRule[] = [completeness, featuredImage, accessibilityChecks];

/**
 * The article's checklist: errors first, then warnings, each in the order of the rules.
 * @example runChecklist(article) // [{ id: "featured-image", level: "warning", … }]
 */
export function runChecklist(article: Article, rules: readonly CheckRule[] = CHECK_RULES): Check[] {
  const checks = rules.flatMap((rule) => rule(article));
  return [
    ...checks.filter((c) => c.level === "error"),
    ...checks.filter((c) => c.level === "warning"),
  ];
}

/** A warning someone accepted, and why. */
export interface CheckOverride {
  check: string;
  reason: string;
}

/** What the overrides leave of a checklist. */
export interface ChecklistOutcome {
  /** Errors, and warnings no override accepted: each as an issue at `checks.<id>`. */
  blocking: FieldIssue[];
  /** The warnings accepted, with the reason given. */
  overridden: (Check & { reason: string })[];
}

/**
 * Applies overrides to a checklist. An override naming no current warning (the content changed
 * meanwhile, or it names an error, which cannot be overridden) accepts nothing. `overrides`
 * undefined means the caller took no part in the checklist (a script, a bulk action): only
 * errors block then, and its warnings come back in `overridden` with an empty reason, to be
 * recorded as unreviewed.
 */
export function resolveChecklist(
  checks: readonly Check[],
  overrides: readonly CheckOverride[] | undefined,
): ChecklistOutcome {
  const reasons = new Map((overrides ?? []).map((o) => [o.check, o.reason.trim()]));
  const blocking: FieldIssue[] = [];
  const overridden: (Check & { reason: string })[] = [];
  for (const check of checks) {
    const reason = reasons.get(check.id);
    if (check.level === "error") blocking.push(asIssue(check));
    else if (reason) overridden.push({ ...check, reason });
    else if (overrides === undefined) overridden.push({ ...check, reason: "" });
    else blocking.push(asIssue(check));
  }
  return { blocking, overridden };
}

function asIssue(check: Check): FieldIssue {
  const what = check.level === "error" ? "error" : "warning (override it with a reason)";
  return { path: `checks.${check.id}`, message: `${check.message} [${what}]` };
}
