// Editions (issue 15): what one newsletter sends at a time, either one published article ("send
// as newsletter") or a digest of the day's or week's articles, composed on schedule. Their
// schemas, the figures an editor sees (no opens, no clicks: nothing is tracked), where their web
// copies live and when a digest is due; no I/O.
import { z } from "zod";
import { IdSchema } from "./ids.js";
import type { DigestSchedule, EditionStatus } from "./newsletter.js";
import { type Section, sectionPath } from "./section.js";
import { proseField, textField } from "./text.js";

/** What an edition sends: one article, or a digest of several. */
export const EDITION_KINDS = ["article", "digest"] as const;
export type EditionKind = (typeof EDITION_KINDS)[number];

/** An edition as stored: its rendered parts are kept apart (see the store). */
export interface Edition {
  id: string;
  newsletterId: string;
  kind: EditionKind;
  /** The article of a "send as newsletter" edition. */
  articleId: string | null;
  /** A digest's articles, in order. */
  articleIds: string[];
  subject: string;
  intro: string;
  /** The web copy's address: /newsletter/<newsletter slug>/<slug>. */
  slug: string;
  status: EditionStatus;
  sendAt: string | null;
  /** How many subscribers it was queued for (0 until queued). */
  recipients: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  queuedAt: string | null;
  sentAt: string | null;
}

const subjectField = () => textField().trim().min(1, "subject is required").max(200);
const introField = () => proseField().trim().max(5000);

/** "Send as newsletter": an edition of one published article; the subject defaults to its headline. */
export const EditionFromArticleSchema = z
  .object({
    newsletterId: IdSchema,
    articleId: IdSchema,
    subject: subjectField().optional(),
    intro: introField().default(""),
  })
  .strict();
export type EditionFromArticle = z.output<typeof EditionFromArticleSchema>;

/** What an editor may change in a draft edition: subject, intro, and a digest's articles. */
export const EditionEditSchema = z
  .object({
    subject: subjectField(),
    intro: introField().default(""),
    /** A digest's articles in the order sent; articles may be removed or reordered, not added. */
    articleIds: z.array(IdSchema).max(200).optional(),
  })
  .strict();
export type EditionEdit = z.output<typeof EditionEditSchema>;

/**
 * The honest figures of an edition: what the outbox knows, and unsubscribes made from its links.
 * Nothing about opens or clicks exists, because nothing in the message reports them.
 */
export interface EditionFigures {
  recipients: number;
  /** Waiting in the outbox (not yet sent, or retrying). */
  queued: number;
  /** Accepted by the receiving mail server. */
  sent: number;
  /** Given up after retries. */
  failed: number;
  /** Refused by the receiving server, at once or by a later bounce report. */
  bounced: number;
  /** Left out at sending because the address was suppressed meanwhile. */
  suppressed: number;
  /** Subscribers who unsubscribed from this edition's link. */
  unsubscribed: number;
}

/**
 * Second path segments under /newsletter that the site serves itself (the subscribers' pages), so
 * no newsletter may take them as its slug.
 */
export const NEWSLETTER_RESERVED_SLUGS = [
  "confirm",
  "preferences",
  "unsubscribe",
  "subscribe",
  "check-inbox",
] as const;

/** Path of a newsletter's list of past editions. */
export const newsletterArchivePath = (newsletterSlug: string): string =>
  `/newsletter/${newsletterSlug}`;

/** Path of an edition's web copy (the email's "view in browser" link). */
export const editionPath = (newsletterSlug: string, editionSlug: string): string =>
  `/newsletter/${newsletterSlug}/${editionSlug}`;

/** A digest that is due: its slug (unique per newsletter) and the articles' publication window. */
export interface DueDigest {
  slug: string;
  /** The scheduled moment (ISO); articles published in [from, to) are gathered. */
  at: string;
  from: string;
  to: string;
  /** The heading and default subject, e.g. "Daily digest, 2 December 2026". */
  heading: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/**
 * A digest is composed within this long of its time: an instance that was down for days does not
 * send stale digests when it comes back.
 */
export const DIGEST_LATE_LIMIT_MS = 12 * HOUR_MS;

/**
 * The digest due at `now` under `schedule`, if its latest scheduled moment has passed within
 * DIGEST_LATE_LIMIT_MS and after `notBefore` (the newsletter's creation); undefined otherwise.
 * Weekly digests default to Monday.
 * @example dueDigest({ cadence: "daily", hourUtc: 7, … }, new Date("2026-12-02T07:00:30Z"))
 *   // { slug: "2026-12-02", from: "2026-12-01T07:00:00.000Z", to: "2026-12-02T07:00:00.000Z", … }
 */
export function dueDigest(
  schedule: DigestSchedule,
  now: Date,
  notBefore?: string,
): DueDigest | undefined {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let at = today + schedule.hourUtc * HOUR_MS;
  if (at > now.getTime()) at -= DAY_MS;
  if (schedule.cadence === "weekly") {
    const weekday = schedule.weekday ?? 1;
    while (new Date(at).getUTCDay() !== weekday) at -= DAY_MS;
  }
  if (now.getTime() - at >= DIGEST_LATE_LIMIT_MS) return undefined;
  if (notBefore !== undefined && at < Date.parse(notBefore)) return undefined;
  const period = schedule.cadence === "weekly" ? 7 * DAY_MS : DAY_MS;
  const date = new Date(at).toISOString().slice(0, 10);
  const label = new Date(at).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return {
    slug: date,
    at: new Date(at).toISOString(),
    from: new Date(at - period).toISOString(),
    to: new Date(at).toISOString(),
    heading: `${schedule.cadence === "weekly" ? "The week" : "The day"} in review, ${label}`,
  };
}

/**
 * The sections a digest gathers from: the chosen ones and every section below them, as a
 * section's page lists its subsections' articles; none chosen: none (every section).
 */
export function digestSectionIds(
  sections: readonly Section[],
  chosen: readonly string[],
): string[] {
  if (chosen.length === 0) return [];
  const wanted = new Set(chosen);
  const ids = sections
    .filter((s) => sectionPath(sections, s.id).some((above) => wanted.has(above.id)))
    .map((s) => s.id);
  // Chosen sections deleted since: still only those, which now gather nothing (never "all").
  return ids.length > 0 ? ids : [...chosen];
}
