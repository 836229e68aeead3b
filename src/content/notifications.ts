// Staff notifications by email (issue 15): the kinds a person may switch off, and who receives
// each. A kind nobody of a role can receive is not offered to that role at all.
import type { Role } from "./user.js";

/** The staff notification kinds, each switchable per person (on unless switched off). */
export const NOTIFICATION_KINDS = [
  "article_submitted",
  "comments_held",
  "scheduled_published",
  "schedule_failed",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * The roles each kind can reach: reviews and moderation go to those who may publish any article
 * and moderate comments; a scheduled article's outcome to its authors and whoever scheduled it,
 * whatever their role (an editor may schedule a contributor's story).
 */
export const NOTIFICATION_ROLES: Record<NotificationKind, readonly Role[]> = {
  article_submitted: ["editor", "owner"],
  comments_held: ["editor", "owner"],
  scheduled_published: ["contributor", "author", "editor", "owner"],
  schedule_failed: ["contributor", "author", "editor", "owner"],
};

/** What the admin app calls each kind. */
export const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
  article_submitted: "An article is submitted for review",
  comments_held: "Comments await moderation (at most one message every 15 minutes)",
  scheduled_published: "A scheduled article of mine is published",
  schedule_failed: "A scheduled article of mine failed to publish",
};

/** The kinds a person of `role` can receive. */
export function notificationKindsFor(role: Role): NotificationKind[] {
  return NOTIFICATION_KINDS.filter((kind) => NOTIFICATION_ROLES[kind].includes(role));
}

/** One person's switches: every kind their role receives, on or off. */
export type NotificationSwitches = Partial<Record<NotificationKind, boolean>>;

/** Minutes over which held comments are gathered into one message per moderator. */
export const COMMENTS_HELD_WINDOW_MINUTES = 15;

/** How long a commenter's email confirmation link works. */
export const COMMENTER_CONFIRM_TTL_MS = 24 * 60 * 60 * 1000;
/** At most one confirmation message per commenter in this long. */
export const COMMENTER_CONFIRM_INTERVAL_MS = 10 * 60 * 1000;
