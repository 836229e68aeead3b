// The editorial workflow of articles and pages: submitting for review, scheduling, publishing,
// unpublishing, sending back to draft, and deleting. Scheduled articles coming due are published
// by the scheduler (publishDueScheduled in scheduler.ts).
import { type Actor, actorCan } from "../auth/actor.js";
import {
  type Article,
  type ArticleChange,
  type ArticleStatus,
  articleGaps,
  type CheckOverride,
  canTransition,
  checklistBlocks,
  forbidden,
  InvalidTransitionError,
  incomplete,
  resolveChecklist,
  runChecklist,
  TRANSITIONS,
} from "../content/index.js";
import {
  addPublishOverrides,
  deleteArticle as deleteStoredArticle,
  type ReplacedArticle,
  recordChanges,
  type Store,
  transact,
  transitionArticle,
} from "../store/index.js";
import { mayTransition } from "./article-access.js";
import { changeAuthor, loadArticle, versionToWrite } from "./article-load.js";
import { articleChanged } from "./change-events.js";

/** A move through the state machine, e.g. `{ id, to: "scheduled", publishedAt: "2026-…" }`. */
export interface ArticleMove {
  id: string;
  to: ArticleStatus;
  /** The publication time asked for (see publishedAtAfter). */
  publishedAt?: string | null;
  /** The version the editor read; undefined when the client sent none: refused as stale. */
  expectedVersion: number | undefined;
  /**
   * The checklist warnings accepted for a publication or schedule, each with its reason.
   * Undefined (a script, a bulk action): only the checklist's errors block (see resolveChecklist).
   */
  overrides?: readonly CheckOverride[];
}

/** Where an article goes only when it has no gap left. */
const NEEDS_COMPLETE: readonly ArticleStatus[] = ["in_review", "scheduled", "published"];

/**
 * Moves an article to `to` with a revision, if the state machine and the actor's rights allow it
 * and it is still at the version the editor read; unpublishing also revokes its preview links.
 * Review, scheduling and publication need a complete article (MH_INCOMPLETE lists every gap);
 * scheduling and publication also the pre-publish checklist (MH_CHECKLIST lists each error and
 * each warning not overridden), and the overrides are recorded with the new version. Throws
 * NotFoundError, InvalidTransitionError, MH_FORBIDDEN, StaleError, MH_INCOMPLETE, MH_CHECKLIST or
 * ContentInvalidError (at `publishedAt`); nothing is written then.
 */
export async function moveArticle(
  deps: { store: Store },
  actor: Actor,
  { id, to, publishedAt, expectedVersion, overrides }: ArticleMove,
): Promise<ReplacedArticle> {
  return transact(deps.store, async (tx) => {
    const current = await loadArticle(tx, actor, id);
    const from = current.article.status;
    if (!canTransition(from, to)) throw new InvalidTransitionError(from, to, TRANSITIONS[from]);
    if (!mayTransition(actor, current.article, to))
      throw forbidden(
        to === "in_review" || to === "draft"
          ? `move this article to ${to} (only its authors and editors may)`
          : `move this article to ${to} (that needs publish rights on it)`,
      );
    if (NEEDS_COMPLETE.includes(to)) {
      const gaps = articleGaps(current.article);
      if (gaps.length > 0) throw incomplete(`go to ${to}`, gaps);
    }
    const accepted =
      to === "published" || to === "scheduled"
        ? checklistAccepted(current.article, to, overrides)
        : [];
    const moved = await transitionArticle(tx, id, {
      to,
      publishedAt,
      expectedVersion: versionToWrite(expectedVersion, current),
      actor: changeAuthor(actor),
      current,
      note: overrideNote(accepted),
    });
    await addPublishOverrides(
      tx,
      id,
      moved.version,
      accepted.filter((c) => c.reason !== "").map((c) => ({ ...c, check: c.id })),
      changeAuthor(actor),
    );
    await recordChanges(
      tx,
      await articleChanged(tx, changeOfMove(from, to), moved.previous, moved.article, { from, to }),
    );
    return moved;
  });
}

/** The warnings a publication accepts, or MH_CHECKLIST naming what still blocks it. */
function checklistAccepted(
  article: Article,
  to: ArticleStatus,
  overrides: readonly CheckOverride[] | undefined,
) {
  const { blocking, overridden } = resolveChecklist(runChecklist(article), overrides);
  if (blocking.length > 0) throw checklistBlocks(to, blocking);
  return overridden;
}

/** The history's line for accepted warnings, e.g. "warning overridden: featured-image (…)". */
function overrideNote(accepted: readonly { id: string; reason: string }[]): string | undefined {
  if (accepted.length === 0) return undefined;
  const reasoned = accepted.filter((c) => c.reason !== "");
  const unreviewed = accepted.filter((c) => c.reason === "");
  return [
    reasoned.length > 0
      ? `${reasoned.length === 1 ? "warning" : "warnings"} overridden: ${reasoned.map((c) => `${c.id} (${c.reason})`).join(", ")}`
      : "",
    unreviewed.length > 0
      ? `${unreviewed.length === 1 ? "warning" : "warnings"} not reviewed: ${unreviewed.map((c) => c.id).join(", ")}`
      : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/** What a move is, as an event: a scheduled article sent back is `unscheduled`. */
function changeOfMove(from: ArticleStatus, to: ArticleStatus): ArticleChange {
  switch (to) {
    case "in_review":
      return "submitted";
    case "scheduled":
      return "scheduled";
    case "published":
      return "published";
    case "unpublished":
      return "unpublished";
    case "draft":
      return from === "scheduled" ? "unscheduled" : "updated";
  }
}

/** Which article to delete, and the version it must still be at. */
export interface ArticleDeletion {
  id: string;
  /**
   * The version the client read: a number must still be current; `"any"` deletes whatever is
   * stored (the client named no version); undefined means it tried to name one that could not be
   * read, and is refused as stale.
   */
  expectedVersion: number | "any" | undefined;
}

/**
 * Deletes an article with everything that hangs off it and returns it as it was. Throws
 * MH_FORBIDDEN, NotFoundError or StaleError; nothing is deleted then.
 */
export async function deleteArticle(
  deps: { store: Store },
  actor: Actor,
  { id, expectedVersion }: ArticleDeletion,
): Promise<Article> {
  if (!actorCan(actor, "article.delete")) throw forbidden("delete articles");
  return transact(deps.store, async (tx) => {
    const current = await loadArticle(tx, actor, id);
    const deleted = await deleteStoredArticle(tx, id, {
      expectedVersion:
        expectedVersion === "any" ? undefined : versionToWrite(expectedVersion, current),
      current,
    });
    await recordChanges(tx, await articleChanged(tx, "deleted", deleted, null));
    return deleted;
  });
}
