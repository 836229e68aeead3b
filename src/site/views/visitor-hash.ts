// The visitor's identity for one day: a keyed hash, never the address or user agent themselves.
import { createHmac, randomBytes } from "node:crypto";

/** What identifies one visitor's view of one article on one day. */
export interface VisitorFacts {
  /** YYYY-MM-DD in UTC. */
  day: string;
  address: string;
  userAgent: string;
  articleId: string;
}

/** A new random salt for a day (256 bits, base64url). */
export function newSalt(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * HMAC-SHA256 keyed with the day's salt over day, address, user agent and article, cut to 128
 * bits (ample against collisions among a day's visitors, and half the memory). Without the salt,
 * which is deleted after the day, the hash cannot be linked back to an address.
 */
export function visitorHash(salt: string, v: VisitorFacts): string {
  // Header values cannot hold a newline, so it separates the fields unambiguously.
  return createHmac("sha256", salt)
    .update(`${v.day}\n${v.address}\n${v.userAgent}\n${v.articleId}`)
    .digest()
    .subarray(0, 16)
    .toString("base64url");
}

/** The UTC day (YYYY-MM-DD) of a moment. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
