// What every change to one article starts from: the article read once, inside the change's
// transaction, so that the permission check and the write see the same row (the write is still
// conditional on its version); the version the client read; the name its revision carries.
import type { Actor } from "../auth/actor.js";
import { NotFoundError, StaleError } from "../content/index.js";
import {
  type ChangeAuthor,
  getVersionedArticle,
  type Reference,
  type Store,
  type VersionedArticle,
} from "../store/index.js";
import { maySee } from "./article-access.js";

/**
 * The article with its version if the actor may see it, else NotFoundError: to an API key without
 * `article.read.unpublished`, a draft does not exist. Call it with the change's transaction;
 * `references` (articleReferences of what will be written) are looked up in the same statement.
 */
export async function loadArticle(
  tx: Store,
  actor: Actor,
  id: string,
  references?: readonly Reference[],
): Promise<VersionedArticle> {
  const found = await getVersionedArticle(tx, id, { references });
  if (!found || !maySee(actor, found.article)) throw new NotFoundError("article", id);
  return found;
}

/**
 * The version the write must find: the one the client read. Without one (undefined) the change is
 * refused as stale, naming the current version: a client that does not say what it read could
 * overwrite someone else's save.
 */
export function versionToWrite(expected: number | undefined, current: VersionedArticle): number {
  if (expected === undefined)
    throw new StaleError("article", current.article.id, current.version, false);
  return expected;
}

/** The author a revision names for this actor. */
export function changeAuthor(actor: Actor): ChangeAuthor {
  return { userId: actor.userId, name: actor.name };
}
