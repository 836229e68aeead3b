// The links in a subscriber's messages: confirm the subscription, manage preferences and
// unsubscribe, each working without a sign-in. Each carries a keyed hash of its purpose and the
// subscriber's id under the subscriber's own random secret, so a link cannot be made for someone
// else or changed to act on another subscriber, and deleting the subscriber voids every link.
import { createHmac, timingSafeEqual } from "node:crypto";

/** What a link lets its holder do. */
export type SubscriberLinkPurpose = "confirm" | "manage" | "unsubscribe";

/** The subscriber a link is made for. */
export interface LinkedSubscriber {
  id: string;
  secret: string;
}

/** The token of a link: base64url HMAC-SHA256 of purpose and id under the subscriber's secret. */
export function subscriberToken(
  subscriber: LinkedSubscriber,
  purpose: SubscriberLinkPurpose,
): string {
  return createHmac("sha256", subscriber.secret)
    .update(`${purpose}:${subscriber.id}`)
    .digest("base64url");
}

/** Whether `token` is this subscriber's token for `purpose` (in constant time). */
export function verifySubscriberToken(
  subscriber: LinkedSubscriber,
  purpose: SubscriberLinkPurpose,
  token: string,
): boolean {
  const expected = Buffer.from(subscriberToken(subscriber, purpose));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The absolute links of one subscriber's message; `editionId` attributes an unsubscribe. */
export interface SubscriberLinks {
  confirm: string;
  preferences: string;
  unsubscribe: string;
}

/** The links of `subscriber` on the site at `publicUrl` (no trailing slash). */
export function subscriberLinks(
  publicUrl: string,
  subscriber: LinkedSubscriber,
  editionId?: string,
): SubscriberLinks {
  const link = (path: string, purpose: SubscriberLinkPurpose, extra: Record<string, string>) => {
    const query = new URLSearchParams({
      s: subscriber.id,
      t: subscriberToken(subscriber, purpose),
      ...extra,
    });
    return `${publicUrl}${path}?${query}`;
  };
  return {
    confirm: link("/newsletter/confirm", "confirm", {}),
    preferences: link("/newsletter/preferences", "manage", {}),
    unsubscribe: link("/newsletter/unsubscribe", "unsubscribe", editionId ? { e: editionId } : {}),
  };
}

/**
 * RFC 8058 one-click unsubscribe headers: a mail client POSTs `List-Unsubscribe=One-Click` to the
 * link, which unsubscribes without a page; a person following the link gets a page with a button.
 */
export function listUnsubscribeHeaders(links: SubscriberLinks): Record<string, string> {
  return {
    "List-Unsubscribe": `<${links.unsubscribe}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}
