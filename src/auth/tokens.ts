import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new unguessable token (256 random bits, base64url), for cookies, links and CSRF. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The SHA-256 (hex) a token is stored and looked up by. A fast hash is enough here, unlike for
 * passwords: the tokens are random 256-bit values, so there is nothing to guess, and a leaked
 * database holds no token that works.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether two secrets are equal, in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Prefix of API keys, so a leaked key is recognisable (and secret scanners can find it). */
export const API_KEY_PREFIX = "mh_";

/** A new API key secret, e.g. `mh_3q…`. */
export function newApiKeySecret(): string {
  return `${API_KEY_PREFIX}${newToken()}`;
}
