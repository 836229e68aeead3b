// Pure rules that turn WordPress's values into Masthead's: statuses, dates, slugs, comment
// states and the old addresses a record answered at.
import {
  type ArticleStatus,
  type CommentStatus,
  SLUG_MAX_LENGTH,
  slugify,
} from "../../content/index.js";
import type { WxrComment, WxrItem } from "./records.js";

const ZERO_DATE = /^0000-00-00/;
const WP_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/**
 * A WordPress "YYYY-MM-DD HH:MM:SS" as ISO-8601 UTC: the GMT column when WordPress filled it
 * (drafts have 0000-00-00), else the local one read as UTC (WXR does not say the site's zone).
 */
export function wpDate(local: string, gmt: string): string | null {
  for (const value of [gmt, local]) {
    const m = WP_DATE.exec(value.trim());
    if (!m || ZERO_DATE.test(value)) continue;
    const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return null;
}

/** What an item's WordPress status becomes, or why it is not imported. */
export type StatusOutcome =
  | { status: ArticleStatus; publishedAt: string | null; note?: string }
  | { skip: string };

/**
 * Maps publish/future/draft/pending/private; a password-protected item is kept unpublished
 * (its old addresses answer 410). With `asDraft` everything importable becomes a draft.
 */
export function statusOf(item: WxrItem, opts: { asDraft: boolean; now: Date }): StatusOutcome {
  const date = wpDate(item.postDate, item.postDateGmt);
  switch (item.status) {
    case "trash":
      return { skip: "in the WordPress trash" };
    case "auto-draft":
      return { skip: "an auto-draft WordPress made, never saved by anyone" };
    case "inherit":
      return { skip: "a revision or attachment, not a post" };
  }
  if (opts.asDraft) return { status: "draft", publishedAt: null };
  if (item.password !== "")
    return {
      status: "unpublished",
      publishedAt: date,
      note: "password-protected in WordPress: kept unpublished; its old addresses answer 410",
    };
  switch (item.status) {
    case "publish":
      if (date === null)
        return {
          status: "draft",
          publishedAt: null,
          note: "published without a date: imported as a draft",
        };
      // WordPress lists a post dated in the future as "future"; some exports say publish.
      return new Date(date) > opts.now
        ? { status: "scheduled", publishedAt: date }
        : { status: "published", publishedAt: date };
    case "future":
      return date !== null && new Date(date) > opts.now
        ? { status: "scheduled", publishedAt: date }
        : date !== null
          ? {
              status: "published",
              publishedAt: date,
              note: "was scheduled for a time now past: published",
            }
          : { status: "draft", publishedAt: null };
    case "pending":
      return { status: "in_review", publishedAt: null };
    case "private":
      return {
        status: "unpublished",
        publishedAt: date,
        note: "private in WordPress: kept unpublished",
      };
    case "draft":
      return { status: "draft", publishedAt: null };
    default:
      return {
        status: "draft",
        publishedAt: null,
        note: `unknown WordPress status '${item.status}': imported as a draft`,
      };
  }
}

/** A comment's WordPress approval state as a Masthead status. */
export function commentStatusOf(approved: string): CommentStatus {
  switch (approved.trim()) {
    case "1":
      return "approved";
    case "spam":
      return "spam";
    case "trash":
    case "post-trashed":
      return "deleted";
    default:
      return "pending";
  }
}

/** Whether a comment is a pingback or trackback (reported, not imported as a comment). */
export function isLinkback(comment: WxrComment): boolean {
  return comment.type === "pingback" || comment.type === "trackback";
}

/**
 * A Masthead slug from WordPress's (which may be percent-encoded UTF-8, e.g. Arabic titles),
 * falling back to the title and then to `fallback` when neither leaves any ASCII.
 */
export function slugOf(raw: string, title: string, fallback: string): string {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // A malformed escape: slugify what is there.
  }
  return slugify(decoded) || slugify(title) || fallback.slice(0, SLUG_MAX_LENGTH);
}

/** A path and query of a URL on the old site, e.g. "/2019/05/03/slug/" or "/?p=12"; null if unreadable. */
export function pathOf(url: string): string | null {
  if (url.trim() === "") return null;
  try {
    const u = new URL(url.trim(), "http://old.invalid");
    return `${u.pathname}${u.search}`;
  } catch {
    return null;
  }
}

/** The base path of the old site (e.g. "/blog" for https://example.org/blog), "" at the root. */
export function basePathOf(siteUrl: string): string {
  const p = pathOf(siteUrl) ?? "";
  return p.split("?")[0]?.replace(/\/+$/, "") ?? "";
}

/**
 * Every old address of a post or page: its permalink, its guid when that is on the site, and
 * the `?p=` (`?page_id=` for pages) form WordPress always answers.
 */
export function oldItemPaths(item: WxrItem, basePath: string): string[] {
  const paths = new Set<string>();
  for (const url of [item.link, item.guid]) {
    const p = pathOf(url);
    if (p !== null && p !== "/" && p !== `${basePath}/`) paths.add(p);
  }
  const param = item.postType === "page" ? "page_id" : "p";
  paths.add(`${basePath}/?${param}=${item.id}`);
  return [...paths];
}
