import { z } from "zod";
import { ArticleInputSchema, type ArticleStatus, BODY_MAX_BLOCKS } from "./article.js";
import { ContentInvalidError } from "./errors.js";
import { DraftBlockSchema } from "./incomplete-block.js";

/**
 * The editorial state machine: where an article may go from each status. Scheduling again from
 * `scheduled` moves the publication time; `published` can only be taken down, and an
 * unpublished article goes back to draft (to be reworked) or out again.
 */
export const TRANSITIONS: Readonly<Record<ArticleStatus, readonly ArticleStatus[]>> = {
  draft: ["in_review", "scheduled", "published"],
  in_review: ["draft", "scheduled", "published"],
  scheduled: ["draft", "scheduled", "published"],
  published: ["unpublished"],
  unpublished: ["draft", "scheduled", "published"],
};

/** Whether the state machine allows moving an article from `from` to `to`. */
export function canTransition(from: ArticleStatus, to: ArticleStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Which right a transition needs: `submit` for moving a draft into review and back (writers do
 * that with their own work), `publish` for everything that decides what readers see or will see.
 */
export function transitionRight(from: ArticleStatus, to: ArticleStatus): "submit" | "publish" {
  const editorial = (s: ArticleStatus) => s === "draft" || s === "in_review";
  return editorial(from) && editorial(to) ? "submit" : "publish";
}

/** Whether readers see, or are about to see, an article in this status: editing it needs publish rights. */
export function isPublicationStatus(status: ArticleStatus): boolean {
  return status === "scheduled" || status === "published" || status === "unpublished";
}

/** What a transition is asked to do. */
export interface TransitionRequest {
  from: ArticleStatus;
  to: ArticleStatus;
  /** The article's publishedAt before the transition. */
  current: string | null;
  /** The publication time the editor chose, if any. */
  requested?: string | null;
  now: Date;
}

/**
 * The article's publishedAt after a transition, or ContentInvalidError at `publishedAt`:
 * scheduling needs a future time; publishing takes the given (past) time, else keeps the date of
 * an earlier publication, else now; leaving `scheduled` for draft or review clears the planned
 * time; other moves keep it and accept none.
 */
export function publishedAtAfter({
  from,
  to,
  current,
  requested,
  now,
}: TransitionRequest): string | null {
  const refuse = (message: string): never => {
    throw new ContentInvalidError("transition", [{ path: "publishedAt", message }]);
  };
  const given = requested ?? null;
  if (to === "scheduled") {
    if (given === null) return refuse("scheduling needs publishedAt, the time to publish at");
    if (new Date(given) <= now)
      return refuse("must be in the future to schedule; to publish now, use to: published");
    return new Date(given).toISOString();
  }
  if (to === "published") {
    if (given !== null) {
      if (new Date(given) > now)
        return refuse("must not be in the future to publish now; use to: scheduled instead");
      return new Date(given).toISOString();
    }
    // A scheduled time is replaced by now; an earlier publication keeps its date (as a republish).
    return from !== "scheduled" && current !== null ? current : now.toISOString();
  }
  if (given !== null) refuse("publishedAt is accepted only with to: scheduled or published");
  return from === "scheduled" ? null : current;
}

const { status: _status, publishedAt: _publishedAt, ...editableShape } = ArticleInputSchema.shape;

/**
 * An article as an editor saves it: every field but status and publishedAt, which change only
 * through transitions. A block whose only fault is an empty required field comes out unfinished
 * (DraftBlockSchema): the status decides later whether the article may hold it. The whole article
 * is validated again (e.g. an author listed twice) when it is stored.
 */
export const ArticleEditSchema = z
  .object({
    ...editableShape,
    body: z
      .array(DraftBlockSchema)
      .max(BODY_MAX_BLOCKS, `body may hold at most ${BODY_MAX_BLOCKS} blocks`),
  })
  .strict();
export type ArticleEdit = z.input<typeof ArticleEditSchema>;
/** An edit as ArticleEditSchema returns it: every field checked on its own, defaults filled in. */
export type ArticleEditData = z.output<typeof ArticleEditSchema>;
