import { randomUUID } from "node:crypto";
import { NotFoundError } from "../content/errors.js";
import { nowIso, toIso } from "./columns.js";
import { mustExist } from "./constraints.js";
import type { Store } from "./store.js";

/** A preview link as listed: the token is not kept, so it cannot be shown again. */
export interface PreviewLink {
  id: string;
  articleId: string;
  expiresAt: string;
  createdAt: string;
  /**
   * The account that made it. Null only on rows older than this rule that recorded nobody; such
   * a link no longer opens.
   */
  createdBy: string | null;
}

/**
 * Records a link that shows the article as it is at each visit, until `expiresAt`, while the
 * account `createdBy` stays active and the article is not unpublished. The store sees only the
 * token's hash (src/auth/preview-links.ts makes the token). Expired links of every article are
 * removed on the way. Throws NotFoundError for an unknown article.
 */
export async function createPreviewLink(
  store: Store,
  articleId: string,
  opts: { tokenHash: string; expiresAt: Date; createdBy: string },
): Promise<PreviewLink> {
  const link: PreviewLink = {
    id: randomUUID(),
    articleId,
    expiresAt: opts.expiresAt.toISOString(),
    createdAt: nowIso(),
    createdBy: opts.createdBy,
  };
  await store.db.deleteFrom("preview_links").where("expires_at", "<=", link.createdAt).execute();
  await mustExist(store, { entity: "article", id: articleId }, () =>
    store.db
      .insertInto("preview_links")
      .values({
        id: link.id,
        article_id: articleId,
        token_hash: opts.tokenHash,
        expires_at: link.expiresAt,
        created_by: link.createdBy,
        created_at: link.createdAt,
      })
      .execute(),
  );
  return link;
}

/**
 * The id of the article a live preview link opens, found by its token's hash, or undefined. Live
 * means unexpired, made by an account that is still active, for an article that is not
 * unpublished. Unpublishing and disabling also delete the links (see revokeArticlePreviewLinks
 * and updateUser); checking here too keeps a link dead whatever path made the change (the CLI,
 * an import, a restore).
 */
export async function findPreviewArticleId(
  store: Store,
  tokenHash: string,
  now = new Date(),
): Promise<string | undefined> {
  const row = await store.db
    .selectFrom("preview_links as l")
    .innerJoin("users as u", "u.id", "l.created_by")
    .innerJoin("articles as a", "a.id", "l.article_id")
    .select("l.article_id")
    .where("l.token_hash", "=", tokenHash)
    .where("l.expires_at", ">", now.toISOString())
    .where("u.disabled_at", "is", null)
    .where("a.status", "<>", "unpublished")
    .executeTakeFirst();
  return row?.article_id;
}

/**
 * Deletes every preview link of an article: taking it down (unpublishing) ends all sharing of
 * it, so a link made earlier does not come back if the article returns to draft.
 */
export async function revokeArticlePreviewLinks(store: Store, articleId: string): Promise<void> {
  await store.db.deleteFrom("preview_links").where("article_id", "=", articleId).execute();
}

/** An article's unexpired preview links, newest first. */
export async function listPreviewLinks(
  store: Store,
  articleId: string,
  now = new Date(),
): Promise<PreviewLink[]> {
  const rows = await store.db
    .selectFrom("preview_links")
    .select(["id", "article_id", "expires_at", "created_at", "created_by"])
    .where("article_id", "=", articleId)
    .where("expires_at", ">", now.toISOString())
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    expiresAt: toIso(r.expires_at),
    createdAt: toIso(r.created_at),
    createdBy: r.created_by,
  }));
}

/** Revokes one of an article's preview links. Throws NotFoundError when it has no such link. */
export async function revokePreviewLink(
  store: Store,
  articleId: string,
  linkId: string,
): Promise<void> {
  const result = await store.db
    .deleteFrom("preview_links")
    .where("id", "=", linkId)
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new NotFoundError("preview link", linkId);
}
