// Live coverage: posting, editing, deleting and pinning the timestamped updates of a live article,
// and ending or reopening its coverage. Each is one transaction that records a `live_update.*`
// or `live_coverage.*` event naming the article's page when readers can see it: the page cache
// drops it, and the live fan-out (src/site/live/) pushes the change to open readers' pages.
import { type Actor, actorPersonId } from "../auth/actor.js";
import {
  type Article,
  type ChangeEvent,
  type ChangeType,
  forbidden,
  LIVE_ARTICLE_TYPE,
  type LiveCoverage,
  type LiveUpdate,
  type LiveUpdateInput,
  LiveUpdateInputSchema,
  type LiveUpdatePatch,
  LiveUpdatePatchSchema,
  MastheadError,
  NotFoundError,
  parseOrThrow,
} from "../content/index.js";
import { articlePath } from "../content/public-paths.js";
import {
  addLiveUpdate as addStoredLiveUpdate,
  deleteLiveUpdate as deleteStoredLiveUpdate,
  getLiveCoverage,
  getLiveUpdate,
  recordChanges,
  type Store,
  setLiveCoverageEnded,
  transact,
  updateLiveUpdate,
} from "../store/index.js";
import { mayEdit } from "./article-access.js";
import { loadArticle } from "./article-load.js";

/** The live article with this id, if the actor may change its updates; else throws. */
async function liveArticle(tx: Store, actor: Actor, articleId: string): Promise<Article> {
  const { article } = await loadArticle(tx, actor, articleId);
  // Readers see an update of a published article at once: that takes publish rights (mayEdit).
  if (!mayEdit(actor, article)) throw forbidden("post or change live updates on this article");
  if (article.type !== LIVE_ARTICLE_TYPE)
    throw new MastheadError(
      "MH_NOT_LIVE",
      `live updates go on live articles only; this one is of type '${article.type}' (set its type to 'live' first)`,
    );
  return article;
}

/** Refuses a change to the updates of an article whose coverage has ended. */
async function requireCoverageOpen(tx: Store, article: Article): Promise<void> {
  const { endedAt } = await getLiveCoverage(tx, article.id);
  if (endedAt !== null)
    throw new MastheadError(
      "MH_LIVE_ENDED",
      `live coverage of this article ended at ${endedAt}: reopen it (PUT /articles/${article.id}/live-coverage with ended: false) before posting or changing updates`,
    );
}

/** The update with this id on this article, else NotFoundError. */
async function updateOf(tx: Store, article: Article, updateId: string): Promise<LiveUpdate> {
  const update = await getLiveUpdate(tx, updateId);
  if (!update || update.articleId !== article.id) throw new NotFoundError("live update", updateId);
  return update;
}

/** The event of a change to an article's live coverage: its page, when readers can see it. */
function liveEvent(type: ChangeType, article: Article, updateId?: string): ChangeEvent {
  return {
    type,
    ids: { articleId: article.id, ...(updateId ? { updateId } : {}) },
    paths: article.status === "published" ? [articlePath(article.slug)] : [],
  };
}

/**
 * Posts an update on a live article whose coverage goes on, as `authorId` (default: the actor's
 * byline person). Throws NotFoundError, MH_FORBIDDEN, MH_NOT_LIVE, MH_LIVE_ENDED or
 * ContentInvalidError.
 */
export async function postLiveUpdate(
  deps: { store: Store },
  actor: Actor,
  { articleId, update }: { articleId: string; update: LiveUpdateInput },
): Promise<LiveUpdate> {
  const input = parseOrThrow(LiveUpdateInputSchema, update, "live update");
  return transact(deps.store, async (tx) => {
    const article = await liveArticle(tx, actor, articleId);
    await requireCoverageOpen(tx, article);
    const posted = await addStoredLiveUpdate(tx, {
      articleId: article.id,
      body: input.body,
      authorId: input.authorId === undefined ? actorPersonId(actor) : input.authorId,
      postedAt: input.postedAt,
      pinned: input.pinned ?? false,
    });
    await recordChanges(tx, [liveEvent("live_update.added", article, posted.id)]);
    return posted;
  });
}

/**
 * Changes an update (its blocks, author, time or whether it is pinned). Throws as postLiveUpdate,
 * and NotFoundError for an update of another article.
 */
export async function editLiveUpdate(
  deps: { store: Store },
  actor: Actor,
  { articleId, updateId, change }: { articleId: string; updateId: string; change: LiveUpdatePatch },
): Promise<LiveUpdate> {
  const patch = parseOrThrow(LiveUpdatePatchSchema, change, "live update");
  return transact(deps.store, async (tx) => {
    const article = await liveArticle(tx, actor, articleId);
    await requireCoverageOpen(tx, article);
    await updateOf(tx, article, updateId);
    const edited = await updateLiveUpdate(tx, updateId, patch);
    await recordChanges(tx, [liveEvent("live_update.edited", article, updateId)]);
    return edited;
  });
}

/** Deletes an update. Throws as editLiveUpdate. */
export async function removeLiveUpdate(
  deps: { store: Store },
  actor: Actor,
  { articleId, updateId }: { articleId: string; updateId: string },
): Promise<LiveUpdate> {
  return transact(deps.store, async (tx) => {
    const article = await liveArticle(tx, actor, articleId);
    await requireCoverageOpen(tx, article);
    await updateOf(tx, article, updateId);
    const removed = await deleteStoredLiveUpdate(tx, updateId);
    await recordChanges(tx, [liveEvent("live_update.deleted", article, updateId)]);
    return removed;
  });
}

/**
 * Ends a live article's coverage now (readers see "ended"; no update may be posted until it is
 * reopened), or reopens it. Ending an ended coverage, or reopening an open one, changes nothing
 * and records nothing. Throws NotFoundError, MH_FORBIDDEN or MH_NOT_LIVE.
 */
export async function setLiveCoverage(
  deps: { store: Store },
  actor: Actor,
  { articleId, ended }: { articleId: string; ended: boolean },
): Promise<LiveCoverage> {
  return transact(deps.store, async (tx) => {
    const article = await liveArticle(tx, actor, articleId);
    const current = await getLiveCoverage(tx, article.id);
    if ((current.endedAt !== null) === ended) return current;
    const coverage = await setLiveCoverageEnded(
      tx,
      article.id,
      ended ? new Date().toISOString() : null,
    );
    await recordChanges(tx, [
      liveEvent(ended ? "live_coverage.ended" : "live_coverage.reopened", article),
    ]);
    return coverage;
  });
}
