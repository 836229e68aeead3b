// The visitor's identity for one day: a keyed hash, never the address or user agent themselves.
import { hash } from "node:crypto";
import { newToken } from "../../auth/tokens.js";

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
  return newToken();
}

/**
 * SHA-256 of the day's secret salt followed by day, address, user agent and article, cut to 132
 * bits (22 base64url characters: ample against collisions among a day's visitors). Without the
 * salt, which is deleted after the day, the hash cannot be linked back to an address. The hashes
 * never leave the server, so a salted hash is enough: HMAC would guard against length extension,
 * which needs a hash to extend, and costs four times as much per beacon. One-shot `hash()`
 * rather than a Hash object: a sixth of the time on the beacon's hot path.
 */
export function visitorHash(salt: string, v: VisitorFacts): string {
  // Header values cannot hold a newline, so it separates the fields unambiguously.
  return hash(
    "sha256",
    `${salt}\n${v.day}\n${v.address}\n${v.userAgent}\n${v.articleId}`,
    "base64url",
  ).slice(0, 22);
}

/** What identifies one address's views of one article on one day, whatever the browser. */
export interface AddressFacts {
  day: string;
  /** The address's group (address-group.ts): an IPv4 address, or an IPv6 address's /64. */
  group: string;
  articleId: string;
}

/**
 * The key that caps one address's views of an article for a day: hashed like visitorHash, and
 * kept apart from it by its own leading field, so it is as unlinkable once the salt is gone.
 */
export function addressKey(salt: string, a: AddressFacts): string {
  return hash(
    "sha256",
    `${salt}\naddress\n${a.day}\n${a.group}\n${a.articleId}`,
    "base64url",
  ).slice(0, 22);
}

/** The UTC day (YYYY-MM-DD) of a moment. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
