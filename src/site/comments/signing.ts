// Keyed hashes and signed values of the comment form, all keyed with the server secret the
// comments migration stores (so they hold across instances and restarts).
import { createHmac, timingSafeEqual } from "node:crypto";
import { normaliseEmail } from "../../content/index.js";

function hmac(secret: Buffer, purpose: string, value: string): string {
  return createHmac("sha256", secret).update(`${purpose}\0${value}`).digest("base64url");
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The keyed hash of a client address: stable across days (so a block keeps working), useless
 * without the secret (so the stored value gives no address away).
 */
export function hashAddress(secret: Buffer, address: string): string {
  return hmac(secret, "address", address).slice(0, 32);
}

/**
 * What recognises a returning commenter: their normalised email when they gave one, else their
 * address hash (a shared address then shares the approval, which is why email is preferred).
 */
export function commenterKey(secret: Buffer, email: string | null, addressHash: string): string {
  return email
    ? `e:${hmac(secret, "email", normaliseEmail(email)).slice(0, 32)}`
    : `a:${addressHash}`;
}

/** A form stamp: when the form was rendered for this article, signed so it cannot be forged. */
export function makeFormStamp(secret: Buffer, articleId: string, now = Date.now()): string {
  return `${now}.${hmac(secret, "stamp", `${articleId}.${now}`)}`;
}

/** The age in milliseconds of a genuine stamp for this article, or undefined for anything else. */
export function formStampAge(
  secret: Buffer,
  articleId: string,
  stamp: string,
  now = Date.now(),
): number | undefined {
  const match = /^([0-9]{1,15})\.([A-Za-z0-9_-]{43})$/.exec(stamp);
  if (!match?.[1] || !match[2]) return undefined;
  if (!same(match[2], hmac(secret, "stamp", `${articleId}.${match[1]}`))) return undefined;
  return now - Number(match[1]);
}

/** The unguessable token that lets the poster (only) see their comment awaiting moderation. */
export function pendingToken(secret: Buffer, commentId: string): string {
  return hmac(secret, "pending", commentId).slice(0, 32);
}

/** Whether `token` is the pending token of this comment. */
export function isPendingToken(secret: Buffer, commentId: string, token: string): boolean {
  return same(token, pendingToken(secret, commentId));
}
