// The shape every article endpoint answers with, and the lookups its routes share.

import type { Actor } from "../../../auth/actor.js";
import {
  type Article,
  articleGaps,
  asWritten,
  NotFoundError,
  runChecklist,
} from "../../../content/index.js";
import { articleAbilities, maySee } from "../../../services/article-access.js";
import {
  type CorrectionRecord,
  getVersionedArticle,
  listCorrections,
  listPublishOverrides,
  type Store,
  type VersionedArticle,
} from "../../../store/reads.js";

/**
 * `{ article, version, corrections, can, incomplete }`: the article (unfinished blocks as the
 * editor sent them), the version to send back with the next change, its update/correction notes,
 * what the caller may do with it now, and every gap it still has (empty when complete).
 */
export function articleJson(
  actor: Actor,
  { article, version }: { article: Article; version: number },
  corrections: readonly CorrectionRecord[],
) {
  return {
    article: asWritten(article),
    version,
    corrections,
    can: articleAbilities(actor, article),
    incomplete: articleGaps(article),
  };
}

/** The article with its version, or NotFoundError. */
export async function mustGetArticle(store: Store, id: string): Promise<VersionedArticle> {
  const found = await getVersionedArticle(store, id);
  if (!found) throw new NotFoundError("article", id);
  return found;
}

/**
 * The article with its version if the actor may see it, else NotFoundError: to an API key
 * without `article.read.unpublished`, a draft does not exist.
 */
export async function mustSeeArticle(
  store: Store,
  actor: Actor,
  id: string,
): Promise<VersionedArticle> {
  const found = await mustGetArticle(store, id);
  if (!maySee(actor, found.article)) throw new NotFoundError("article", id);
  return found;
}

/** The full answer for an article just changed (its notes read afresh). */
export async function articleAnswer(
  store: Store,
  actor: Actor,
  saved: { article: Article; version: number },
) {
  return articleJson(actor, saved, await listCorrections(store, saved.article.id));
}

/**
 * `{ checks, version, overrides }`: the article's pre-publish checklist (errors first), the
 * version it was judged at, and the warnings accepted at its earlier publications.
 */
export async function checklistAnswer(store: Store, { article, version }: VersionedArticle) {
  return {
    checks: runChecklist(article),
    version,
    overrides: await listPublishOverrides(store, article.id),
  };
}
