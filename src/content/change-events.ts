// What changed, as the one way the rest of Masthead learns of it. Every committed write records
// its events in the outbox (src/store/change-log.ts) in the same transaction; the dispatcher
// (src/changes/) hands them to consumers on every instance: the page cache now, the CDN purge,
// webhooks and the public Content API next. An event names the ids it concerns and the public
// paths whose pages may show something different now, so a consumer never reads the database to
// find out what to drop.

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
] as const;
export type ArticleChange = (typeof ARTICLE_CHANGES)[number];

/** Every event type: `<subject>.<what happened>`. */
export type ChangeType =
  | `article.${ArticleChange}`
  | `page.${ArticleChange}`
  | "correction.added"
  | "note.changed"
  | "comment.posted"
  | "comment.held"
  | "comment.approved"
  | "comment.removed"
  | "media.added"
  | "media.updated"
  | "media.deleted"
  | "person.created"
  | "person.updated"
  | "section.created"
  | "section.updated"
  | "tag.created"
  | "tag.updated"
  | "tracker.created"
  | "tracker.updated"
  | "tracker.deleted"
  | "redirect.created"
  | "redirect.updated"
  | "redirect.deleted"
  | "settings.updated"
  | "account.changed"
  | "import.finished";

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

/** The subject kind of an article row: its events are `article.*` or `page.*`. */
export function articleChangeType(kind: string | undefined, what: ArticleChange): ChangeType {
  return kind === "page" ? `page.${what}` : `article.${what}`;
}
