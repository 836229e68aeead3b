import { createHash, randomBytes, randomUUID } from "node:crypto";
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

/** A preview link just made: the only time its token is known. */
export interface NewPreviewLink extends PreviewLink {
  token: string;
}

/** Whether a string has the shape of a preview token (43 base64url characters: 256 random bits). */
export function isPreviewToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/**
 * Makes a link that shows the article as it is at each visit, until `expiresAt`, while the
 * account `createdBy` stays active and the article is not unpublished. Only a hash of the token
 * is stored. Expired links of every article are removed on the way. Throws NotFoundError for an
 * unknown article.
 */
export async function createPreviewLink(
  store: Store,
  articleId: string,
  opts: { expiresAt: Date; createdBy: string },
): Promise<NewPreviewLink> {
  const token = randomBytes(32).toString("base64url");
  const link: NewPreviewLink = {
    id: randomUUID(),
    articleId,
    token,
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
        token_hash: hashToken(token),
        expires_at: link.expiresAt,
        created_by: link.createdBy,
        created_at: link.createdAt,
      })
      .execute(),
  );
  return link;
}

/**
 * The id of the article a live preview token opens, or undefined. Live means unexpired, made by
 * an account that is still active, for an article that is not unpublished. Unpublishing and
 * disabling also delete the links (see revokeArticlePreviewLinks and updateUser); checking here
 * too keeps a link dead whatever path made the change (the CLI, an import, a restore).
 */
export async function findPreviewArticleId(
  store: Store,
  token: string,
  now = new Date(),
): Promise<string | undefined> {
  if (!isPreviewToken(token)) return undefined;
  const row = await store.db
    .selectFrom("preview_links as l")
    .innerJoin("users as u", "u.id", "l.created_by")
    .innerJoin("articles as a", "a.id", "l.article_id")
    .select("l.article_id")
    .where("l.token_hash", "=", hashToken(token))
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

// A 256-bit random token needs no slow hash: SHA-256 is enough to make a stolen row useless.
function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
