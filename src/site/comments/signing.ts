// Keyed hashes and signed values of the comment form, all keyed with the server secret the
// comments migration stores (so they hold across instances and restarts).
import { createHmac } from "node:crypto";
import { hashToken, newToken, sameSecret as same } from "../../auth/tokens.js";

function hmac(secret: Buffer, purpose: string, value: string): string {
  return createHmac("sha256", secret).update(`${purpose}\0${value}`).digest("base64url");
}

/**
 * The keyed hash of a client address: stable across days (so a block keeps working), useless
 * without the secret (so the stored value gives no address away).
 */
export function hashAddress(secret: Buffer, address: string): string {
  return hmac(secret, "address", address).slice(0, 32);
}

/** A commenter token: `<commenter id>.<HMAC of it>`, both 43 base64url characters. */
const COMMENTER_TOKEN = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

/**
 * A new commenter's token for their cookie: a random id (256 bits) signed with the server
 * secret, so that a made-up or altered cookie is recognised without a database read. The id is
 * what only this browser holds; the store keeps its hash (commenterHash), never the id.
 */
export function newCommenterToken(secret: Buffer): string {
  const id = newToken();
  return `${id}.${hmac(secret, "commenter", id)}`;
}

/** The commenter id of a genuine token, or undefined for anything else (forged, altered, junk). */
export function commenterIdOf(secret: Buffer, token: string | undefined): string | undefined {
  const match = token === undefined ? null : COMMENTER_TOKEN.exec(token);
  if (!match?.[1] || !match[2]) return undefined;
  return same(match[2], hmac(secret, "commenter", match[1])) ? match[1] : undefined;
}

/**
 * What comments store of a commenter id: its SHA-256, so that a leaked database or archive holds
 * no id a cookie could be made from (the secret signs ids, it cannot invert the hash).
 */
export function commenterHash(commenterId: string): string {
  return hashToken(commenterId);
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
