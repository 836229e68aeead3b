// Restoring an earlier revision of an article: its content comes back as a new version.
import { type Actor, actorCan } from "../auth/actor.js";
import { forbidden, NotFoundError } from "../content/index.js";
import {
  getRevision,
  type ReplacedArticle,
  recordChanges,
  restoreRevision as restoreStoredRevision,
  type Store,
  transact,
} from "../store/index.js";
import {
  mayEdit,
  requireBylineOwnChange,
  requireHtmlAllowed,
  requireStaysOwn,
} from "./article-access.js";
import { changeAuthor, loadArticle, versionToWrite } from "./article-load.js";
import { articleChanged } from "./change-events.js";

/** Which revision of which article to restore, and the version the editor read. */
export interface RevisionRestore {
  id: string;
  revisionId: string;
  /** Undefined when the client sent none: refused as stale. */
  expectedVersion: number | undefined;
}

/**
 * Puts a revision's content back as a new version (status and publication time stay as they
 * are), if the actor may edit the article and it is still at the version they read. Throws
 * MH_FORBIDDEN, NotFoundError (article or revision), StaleError, ContentInvalidError (e.g. its
 * section is gone) or ConflictError (its slug is taken now).
 */
export async function restoreRevision(
  deps: { store: Store },
  actor: Actor,
  { id, revisionId, expectedVersion }: RevisionRestore,
): Promise<ReplacedArticle & { restoredVersion: number }> {
  // A revision may hold words never published, whatever the article's status now.
  if (!actorCan(actor, "article.read.unpublished"))
    throw forbidden("restore revisions of articles");
  return transact(deps.store, async (tx) => {
    const current = await loadArticle(tx, actor, id);
    const revision = await getRevision(tx, id, revisionId);
    if (!revision) throw new NotFoundError("revision", revisionId);
    const { status, authorIds } = current.article;
    if (!mayEdit(actor, current.article))
      throw forbidden("restore a revision of this article (that needs the right to edit it)");
    requireStaysOwn(actor, { authorIds: revision.snapshot.authorIds, status });
    requireBylineOwnChange(actor, authorIds, revision.snapshot.authorIds);
    requireHtmlAllowed(actor, current.article.body, revision.snapshot.body);
    const restored = await restoreStoredRevision(tx, id, revisionId, {
      expectedVersion: versionToWrite(expectedVersion, current),
      actor: changeAuthor(actor),
      current,
      revision,
    });
    await recordChanges(
      tx,
      await articleChanged(tx, "restored", restored.previous, restored.article, {
        revisionId,
        restoredVersion: restored.restoredVersion,
      }),
    );
    return restored;
  });
}
