import type { Role } from "./user.js";

/**
 * Everything a signed-in person or API key may be allowed to do. docs/SECURITY.md shows this
 * matrix as a table; a test checks that the two agree.
 */
export const PERMISSIONS = {
  /**
   * See articles readers cannot: drafts, in review, scheduled, unpublished (and every revision).
   * Every staff role holds it; an API key only when granted it by name.
   */
  "article.read.unpublished": ["contributor", "author", "editor", "owner"],
  "article.create": ["contributor", "author", "editor", "owner"],
  /** Edit a draft or in-review article one is an author of. */
  "article.edit.own": ["contributor", "author", "editor", "owner"],
  "article.edit.any": ["editor", "owner"],
  /** Send one's own draft to review. */
  "article.submit": ["contributor", "author", "editor", "owner"],
  /** Publish, schedule, unpublish, correct: one's own articles. */
  "article.publish.own": ["author", "editor", "owner"],
  "article.publish.any": ["editor", "owner"],
  "article.delete": ["editor", "owner"],
  /**
   * Write or change an HTML block in an article (sanitized like imported HTML). Keeping an
   * unchanged block, imported or written by someone who may, needs nothing more.
   */
  "block.html": ["editor", "owner"],
  "media.upload": ["contributor", "author", "editor", "owner"],
  "media.edit.any": ["editor", "owner"],
  "media.delete": ["editor", "owner"],
  "people.manage": ["editor", "owner"],
  "taxonomy.manage": ["editor", "owner"],
  "trackers.manage": ["editor", "owner"],
  /** List, add and remove redirects from old addresses. */
  "redirects.manage": ["editor", "owner"],
  "comments.read": ["author", "editor", "owner"],
  "comments.moderate": ["editor", "owner"],
  "settings.manage": ["owner"],
  "users.manage": ["owner"],
  "apikeys.manage": ["owner"],
  /** Import a WordPress or Ghost export from the admin app, and see past imports. */
  "site.import": ["owner"],
  /** Download the whole publication as an archive (accounts included, without passwords). */
  "site.export": ["owner"],
  /** Readership figures: views per article per day, most read. */
  "views.read": ["author", "editor", "owner"],
  /** Create and change newsletters, compose and send their editions (issue 15). */
  "newsletter.manage": ["editor", "owner"],
  /** List, add, import, export, change and erase newsletter subscribers (issue 15). */
  "subscriber.manage": ["editor", "owner"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether `role` holds `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
