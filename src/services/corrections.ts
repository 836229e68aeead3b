// Update and correction notes: dated notes shown at the end of a published article.
import type { Actor } from "../auth/actor.js";
import {
  type CorrectionInput,
  conflict,
  forbidden,
  pagesShowingArticle,
} from "../content/index.js";
import {
  addCorrection as addStoredCorrection,
  articleLocations,
  type CorrectionRecord,
  recordChanges,
  type Store,
  transact,
} from "../store/index.js";
import { mayPublish } from "./article-access.js";
import { changeAuthor, loadArticle } from "./article-load.js";

/**
 * Adds an update or correction note to a published article, with publish rights on it. Throws
 * NotFoundError, MH_FORBIDDEN, MH_CONFLICT (not published) or ContentInvalidError.
 */
export async function addCorrection(
  deps: { store: Store },
  actor: Actor,
  { articleId, note }: { articleId: string; note: CorrectionInput },
): Promise<CorrectionRecord> {
  return transact(deps.store, async (tx) => {
    const { article } = await loadArticle(tx, actor, articleId);
    if (!mayPublish(actor, article))
      throw forbidden("add a note to this article (that needs publish rights on it)");
    if (article.status !== "published")
      throw conflict(
        `update and correction notes go on published articles; this one is ${article.status}`,
      );
    const correction = await addStoredCorrection(tx, article.id, note, changeAuthor(actor));
    // The note is printed on the article page: drop what an edit of the article would.
    const paths = (await articleLocations(tx, [article])).flatMap(pagesShowingArticle);
    await recordChanges(tx, [
      {
        type: "correction.added",
        ids: { articleId: article.id, correctionId: correction.id },
        paths,
      },
    ]);
    return correction;
  });
}
