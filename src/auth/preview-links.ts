// Preview links: a token in a URL that shows one unpublished article. As with sessions and
// one-time links, the token is made and hashed here and only its hash reaches the store.
import {
  createPreviewLink,
  findPreviewArticleId,
  type PreviewLink,
  type Store,
} from "../store/index.js";
import { hashToken, newToken } from "./tokens.js";

/** A preview link just made: the only time its token is known. */
export interface NewPreviewLink extends PreviewLink {
  token: string;
}

/** Whether a string has the shape of a preview token (43 base64url characters: 256 random bits). */
export function isPreviewToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/**
 * Makes a preview link for an article (see createPreviewLink for who and what keeps it open).
 * Throws NotFoundError for an unknown article.
 */
export async function sharePreview(
  store: Store,
  articleId: string,
  opts: { expiresAt: Date; createdBy: string },
): Promise<NewPreviewLink> {
  const token = newToken();
  const link = await createPreviewLink(store, articleId, { ...opts, tokenHash: hashToken(token) });
  return { ...link, token };
}

/** The id of the article a live preview token opens, or undefined (see findPreviewArticleId). */
export async function previewArticleId(
  store: Store,
  token: string,
  now = new Date(),
): Promise<string | undefined> {
  if (!isPreviewToken(token)) return undefined;
  return findPreviewArticleId(store, hashToken(token), now);
}
