// Preview links: sharing an article that is not out yet with someone outside the newsroom, and
// taking such a link back. No public page changes, so their events name no paths.
import type { Actor } from "../auth/actor.js";
import { type NewPreviewLink, sharePreview } from "../auth/preview-links.js";
import { conflict, forbidden, forbiddenBecause } from "../content/index.js";
import { recordChanges, revokePreviewLink, type Store, transact } from "../store/index.js";
import { mayEdit, mayPublish } from "./article-access.js";
import { loadArticle } from "./article-load.js";
import { changedOutOfSight } from "./change-events.js";

/**
 * Makes a preview link to an article, open for `expiresInHours`, for its authors and editors.
 * Throws NotFoundError, MH_FORBIDDEN or MH_CONFLICT (the article is unpublished).
 */
export async function shareArticlePreview(
  deps: { store: Store },
  actor: Actor,
  { articleId, expiresInHours }: { articleId: string; expiresInHours: number },
): Promise<NewPreviewLink> {
  // A link stays open only while the account that made it is active: it needs one.
  const createdBy = actor.userId;
  if (createdBy === null)
    throw forbiddenBecause("preview links are made by an account; sign in to share one");
  return transact(deps.store, async (tx) => {
    const { article } = await loadArticle(tx, actor, articleId);
    if (!mayEdit(actor, article) && !mayPublish(actor, article))
      throw forbidden("share a preview of this article (only its authors and editors may)");
    // Unpublishing revokes every link; a new one would open what was just taken down.
    if (article.status === "unpublished")
      throw conflict("this article is unpublished: move it back to draft to share a preview of it");
    const link = await sharePreview(tx, article.id, {
      expiresAt: new Date(Date.now() + expiresInHours * 3_600_000),
      createdBy,
    });
    await recordChanges(tx, [
      changedOutOfSight("preview_link.created", { articleId: article.id, linkId: link.id }),
    ]);
    return link;
  });
}

/**
 * Revokes one of an article's preview links. Throws NotFoundError (article or link) or
 * MH_FORBIDDEN.
 */
export async function revokeArticlePreview(
  deps: { store: Store },
  actor: Actor,
  { articleId, linkId }: { articleId: string; linkId: string },
): Promise<void> {
  await transact(deps.store, async (tx) => {
    const { article } = await loadArticle(tx, actor, articleId);
    if (!mayEdit(actor, article) && !mayPublish(actor, article))
      throw forbidden("revoke the preview links of this article");
    await revokePreviewLink(tx, article.id, linkId);
    await recordChanges(tx, [
      changedOutOfSight("preview_link.revoked", { articleId: article.id, linkId }),
    ]);
  });
}
