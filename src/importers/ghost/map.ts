// Pure rules that turn Ghost's values into Masthead's: statuses, slugs, image paths and the old
// addresses a post answered at.
import type { ArticleStatus } from "../../content/index.js";
import type { GhostPost } from "./records.js";

/** What a post's Ghost status becomes, or why it is not imported. */
export type GhostStatusOutcome = {
  status: ArticleStatus;
  publishedAt: string | null;
  note?: string;
  /** Whether readers could see it on the old site (only then do its old addresses redirect). */
  wasPublic: boolean;
};

/**
 * Maps published, scheduled, draft and sent (an email-only post, never on the web: kept
 * unpublished). A post with no publication date falls back to its creation date.
 */
export function ghostStatusOf(post: GhostPost, now: Date): GhostStatusOutcome {
  const date = post.publishedAt ?? post.createdAt;
  const emailOnly = post.status === "sent" || (post.emailOnly && post.status === "published");
  if (emailOnly)
    return {
      status: "unpublished",
      publishedAt: date,
      wasPublic: false,
      note: "sent as an email only in Ghost, never on the web: kept unpublished",
    };
  switch (post.status) {
    case "published":
      if (date === null)
        return {
          status: "draft",
          publishedAt: null,
          wasPublic: false,
          note: "published without a date: imported as a draft",
        };
      return new Date(date) > now
        ? { status: "scheduled", publishedAt: date, wasPublic: false }
        : { status: "published", publishedAt: date, wasPublic: true };
    case "scheduled":
      if (date === null) return { status: "draft", publishedAt: null, wasPublic: false };
      return new Date(date) > now
        ? { status: "scheduled", publishedAt: date, wasPublic: false }
        : {
            status: "published",
            publishedAt: date,
            wasPublic: false,
            note: "was scheduled for a time now past: published",
          };
    case "draft":
      return { status: "draft", publishedAt: null, wasPublic: false };
    default:
      return {
        status: "draft",
        publishedAt: null,
        wasPublic: false,
        note: `unknown Ghost status '${post.status}': imported as a draft`,
      };
  }
}

/**
 * The part of a Ghost image address below `content/images/` ("2021/05/a.jpg"), for the site's
 * own uploads (`__GHOST_URL__/content/images/…`, `/content/images/…` or absolute), with Ghost's
 * resized copies (`size/w600/`, `size/w600/format/webp/`) read as their original; null for an
 * image elsewhere (Unsplash, another site).
 */
export function ghostImagePath(src: string): string | null {
  const s = src.trim();
  let pathname: string;
  try {
    pathname = decodeURIComponent(
      new URL(s.replace(/^__GHOST_URL__/, ""), "http://ghost.invalid").pathname,
    );
  } catch {
    return null;
  }
  const m = /^(?:\/[^?#]*)?\/content\/images\/(.+)$/.exec(pathname);
  if (!m?.[1]) return null;
  const rel = m[1].replace(/^size\/w\d{1,5}(?:h\d{1,5})?\/(?:format\/[a-z0-9]{1,10}\/)?/i, "");
  return rel.split("/").includes("..") ? null : rel;
}

/** Whether an image address names the site itself without saying where that is. */
export function isSiteRelative(src: string): boolean {
  return /^__GHOST_URL__/.test(src.trim()) || src.trim().startsWith("/");
}

/** Values a permalink template may use. */
export interface PermalinkValues {
  slug: string;
  id: string;
  publishedAt: string | null;
  primaryTag: string;
  primaryAuthor: string;
}

/**
 * A post's old address from the site's permalink setting: Ghost 1.x's `/:year/:month/:slug/`
 * and the routes.yaml spelling `/{year}/{month}/{slug}/` both work; Ghost's default is `/:slug/`.
 * Null when the template needs a value the post lacks.
 */
export function permalinkOf(template: string, v: PermalinkValues): string | null {
  const t = template.trim() || "/:slug/";
  const date = v.publishedAt ? new Date(v.publishedAt) : null;
  const values: Record<string, string | undefined> = {
    slug: v.slug,
    id: v.id,
    year: date ? String(date.getUTCFullYear()) : undefined,
    month: date ? String(date.getUTCMonth() + 1).padStart(2, "0") : undefined,
    day: date ? String(date.getUTCDate()).padStart(2, "0") : undefined,
    primary_tag: v.primaryTag || undefined,
    author: v.primaryAuthor || undefined,
    primary_author: v.primaryAuthor || undefined,
  };
  let missing = false;
  const path = t.replace(
    /:([a-z_]+)|\{([a-z_]+)\}/g,
    (_, a: string | undefined, b: string | undefined) => {
      const value = values[(a ?? b) as string];
      if (value === undefined) missing = true;
      return value ?? "";
    },
  );
  if (missing || !path.startsWith("/")) return null;
  return path.endsWith("/") ? path : `${path}/`;
}
