// The visitor's identity for one day: a keyed hash, never the address or user agent themselves.
import { createHash, randomBytes } from "node:crypto";

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
 * SHA-256 of the day's secret salt followed by day, address, user agent and article, cut to 128
 * bits (ample against collisions among a day's visitors, and half the memory). Without the salt,
 * which is deleted after the day, the hash cannot be linked back to an address. The hashes never
 * leave the server, so a salted hash is enough: HMAC would guard against length extension, which
 * needs a hash to extend, and costs five times as much per beacon (its key is set up each time).
 */
export function visitorHash(salt: string, v: VisitorFacts): string {
  // Header values cannot hold a newline, so it separates the fields unambiguously.
  return createHash("sha256")
    .update(`${salt}\n${v.day}\n${v.address}\n${v.userAgent}\n${v.articleId}`)
    .digest()
    .subarray(0, 16)
    .toString("base64url");
}

/** The UTC day (YYYY-MM-DD) of a moment. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
