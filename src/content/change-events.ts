// What changed, as the one way the rest of Masthead learns of it. Every committed write records
// its events in the outbox (src/store/change-log.ts) in the same transaction; the dispatcher
// (src/changes/) hands them to consumers on every instance: the page cache now, the CDN purge,
// webhooks and the public Content API next. An event names the ids it concerns and the public
// paths whose pages may show something different now, so a consumer never reads the database to
// find out what to drop.
import {
  articlePath,
  authorPath,
  FEED_FILES,
  type FeedFormat,
  feedPath,
  homePath,
  newsSitemapPath,
  pagePath,
  sectionPath,
  sitemapPath,
} from "./public-paths.js";

/** The events of an article or a page, by what happened to it. */
export const ARTICLE_CHANGES = [
  "created",
  "updated",
  "submitted",
  "scheduled",
  "unscheduled",
  "published",
  "unpublished",
  "slug_changed",
  "restored",
  "deleted",
  "schedule_failed",
] as const;
export type ArticleChange = (typeof ARTICLE_CHANGES)[number];

/** Every event type: `<subject>.<what happened>`. */
export type ChangeType =
  | `article.${ArticleChange}`
  | `page.${ArticleChange}`
  | "correction.added"
  | "live_update.added"
  | "live_update.edited"
  | "live_update.deleted"
  | "live_coverage.ended"
  | "live_coverage.reopened"
  | "note.changed"
  | "preview_link.created"
  | "preview_link.revoked"
  | "comment.posted"
  | "comment.held"
  | "comment.approved"
  | "comment.removed"
  | "comment.edited"
  | "address.blocked"
  | "address.unblocked"
  | "media.added"
  | "media.updated"
  | "media.deleted"
  | "person.created"
  | "person.updated"
  | "person.deleted"
  | "section.created"
  | "section.updated"
  | "section.deleted"
  | "tag.created"
  | "tag.updated"
  | "tag.deleted"
  | "tracker.created"
  | "tracker.updated"
  | "tracker.deleted"
  | "redirect.created"
  | "redirect.updated"
  | "redirect.deleted"
  | "settings.updated"
  | "account.changed"
  | "import.finished"
  | "newsletter.created"
  | "newsletter.updated"
  | "newsletter.deleted"
  | "edition.created"
  | "edition.updated"
  | "edition.deleted"
  | "edition.queued"
  | "edition.sent"
  | "publication.restored";

/**
 * Every public path, as a path prefix: a page whose cached copy may show anything (settings, a
 * person's name, a tracker). Consumers treat it as "everything".
 */
export const EVERY_PATH = "/*";

/** One change, as recorded and delivered. */
export interface ChangeEvent {
  type: ChangeType;
  /** The ids it concerns, by name: `{ articleId }`, `{ commentId, articleId }`, … */
  ids: Readonly<Record<string, string>>;
  /**
   * Public paths whose pages may have changed. A path ending in "/" or "*" is a prefix (and
   * `EVERY_PATH` is every page); any other path is that page and its `/page/N` continuations.
   */
  paths: readonly string[];
  /** Further facts a consumer may need, e.g. `{ from, to }` of a changed slug. */
  data?: Readonly<Record<string, string | number | boolean | null>>;
}

/** A recorded event with its place in the outbox: positions only grow, in commit order. */
export interface RecordedChange extends ChangeEvent {
  position: number;
  /** When the transaction that made it committed (ISO 8601). */
  at: string;
}

/** Something that follows the changes of the publication. */
export interface ChangeConsumer {
  /** Names it in the log. */
  readonly name: string;
  /** Takes events in order. Throwing makes the dispatcher offer the same events again later. */
  handle(events: readonly RecordedChange[]): void | Promise<void>;
  /**
   * Events may have been missed (this instance was cut off for longer than the outbox keeps
   * them for it): forget everything derived from earlier state.
   */
  reset(): void | Promise<void>;
}

/** The subject kind of an article row: its events are `article.*` or `page.*`. */
export function articleChangeType(kind: string | undefined, what: ArticleChange): ChangeType {
  return kind === "page" ? `page.${what}` : `article.${what}`;
}

/** What identifies the public pages an article appears on. */
export interface ArticlePlaces {
  /** A page (kind 'page') is shown only at its own path and in the sitemap. */
  kind?: string;
  slug: string;
  /** Its section and every section above it. */
  sectionSlugs: readonly string[];
  authorSlugs: readonly string[];
}

/**
 * The cached pages that show an article: the article itself, the home page, its sections (and
 * parent sections) and its authors, each with their further pages and feeds; every tag page and
 * tag feed (the places do not name tags, and tag pages are cheap to render again); the site's
 * feeds and the sitemaps; for a page, its own path and the sitemaps.
 */
export function pagesShowingArticle(places: ArticlePlaces): string[] {
  const sitemaps = [sitemapPath(), "/sitemaps/", newsSitemapPath()];
  if (places.kind === "page") return [pagePath(places.slug), ...sitemaps];
  return [
    articlePath(places.slug),
    homePath(),
    // "<listing>/" as a prefix drops its /page/N continuations and its feeds together.
    ...places.sectionSlugs.flatMap((s) => [sectionPath(s), `${sectionPath(s)}/`]),
    ...places.authorSlugs.flatMap((a) => [authorPath(a), `${authorPath(a)}/`]),
    "/tags/",
    ...(Object.keys(FEED_FILES) as FeedFormat[]).map((format) => feedPath(format)),
    ...sitemaps,
  ];
}
