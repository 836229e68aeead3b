// One finding of the pre-publish checklist, and the shape of a rule (see checklist.ts).
import type { Article } from "./article.js";

export type CheckLevel = "error" | "warning";

/**
 * One finding. `id` is stable for the same finding on the same content (rule, then `@` and the
 * path when the rule can fire more than once), so an override names exactly what it accepts.
 */
export interface Check {
  id: string;
  level: CheckLevel;
  message: string;
  /** The field or block it is about, e.g. `body.3.trackerId`, when there is one. */
  path?: string;
}

/** A rule of the checklist: every finding it has about an article (none: it passes). */
export type CheckRule = (article: Article) => Check[];
