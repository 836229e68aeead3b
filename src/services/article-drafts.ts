// Writing articles and pages: a new draft, and saving an editor's changes to one (whatever its
// status: status and publication time change only through the workflow).
import { type Actor, actorCan, actorPersonId } from "../auth/actor.js";
import { type ArticleEditData, articleGaps, forbidden, incomplete } from "../content/index.js";
import {
  articleReferences,
  createDraft,
  type ReplacedArticle,
  recordChanges,
  type Store,
  saveArticle as saveStoredArticle,
  transact,
  type VersionedArticle,
} from "../store/index.js";
import {
  mayEdit,
  requireBylineOwnChange,
  requireHtmlAllowed,
  requireStaysOwn,
} from "./article-access.js";
import { changeAuthor, loadArticle, versionToWrite } from "./article-load.js";
import { articleChanged } from "./change-events.js";

/**
 * Creates a draft (version 1) with its first revision; without authors it carries the actor's own
 * byline. `edit` is as ArticleEditSchema parsed it: only the rules spanning fields are checked
 * again. Throws MH_FORBIDDEN, ContentInvalidError or ConflictError (slug taken).
 */
export async function createArticle(
  deps: { store: Store },
  actor: Actor,
  edit: ArticleEditData,
): Promise<VersionedArticle> {
  if (!actorCan(actor, "article.create")) throw forbidden("write articles");
  const personId = actorPersonId(actor);
  const authorIds = edit.authorIds.length > 0 || !personId ? edit.authorIds : [personId];
  requireStaysOwn(actor, { authorIds, status: "draft" });
  requireBylineOwnChange(actor, [], authorIds);
  requireHtmlAllowed(actor, [], edit.body);
  return transact(deps.store, async (tx) => {
    const created = await createDraft(tx, { ...edit, authorIds }, changeAuthor(actor), {
      fieldsParsed: true,
    });
    await recordChanges(tx, await articleChanged(tx, "created", null, created.article));
    return created;
  });
}

/** An editor's save: the article, every editable field, and the version the editor read. */
export interface ArticleSave {
  id: string;
  /** As ArticleEditSchema parsed it. */
  edit: ArticleEditData;
  /** Undefined when the client sent none: refused as stale. */
  expectedVersion: number | undefined;
}

/**
 * Saves an editor's changes with a revision, keeping status and publication time, if the article
 * is still at the version they read. A draft may have gaps (unfinished blocks, no section or
 * author); any other status refuses them with MH_INCOMPLETE. Throws NotFoundError, MH_FORBIDDEN,
 * StaleError, MH_INCOMPLETE, ContentInvalidError or ConflictError; nothing is written then.
 */
export async function saveArticle(
  deps: { store: Store },
  actor: Actor,
  { id, edit, expectedVersion }: ArticleSave,
): Promise<ReplacedArticle> {
  return transact(deps.store, async (tx) => {
    const current = await loadArticle(tx, actor, id, articleReferences(edit));
    const { status, authorIds } = current.article;
    if (!mayEdit(actor, current.article))
      throw forbidden(
        status === "draft" || status === "in_review"
          ? "edit this article (only its authors and editors may)"
          : `edit a ${status} article (that needs publish rights on it)`,
      );
    requireStaysOwn(actor, { authorIds: edit.authorIds, status });
    requireBylineOwnChange(actor, authorIds, edit.authorIds);
    requireHtmlAllowed(actor, current.article.body, edit.body);
    // Only a draft may be saved with gaps: what is in review or before readers stays complete.
    if (status !== "draft") {
      const gaps = articleGaps(edit);
      if (gaps.length > 0) throw incomplete(`be saved ${status.replace("_", " ")}`, gaps);
    }
    const saved = await saveStoredArticle(tx, id, edit, {
      expectedVersion: versionToWrite(expectedVersion, current),
      actor: changeAuthor(actor),
      current,
      fieldsParsed: true,
    });
    await recordChanges(tx, await articleChanged(tx, "updated", saved.previous, saved.article));
    return saved;
  });
}
