// Every public URL is built here so links, routes and cache invalidation agree on one spelling.

/** Path of an article page. */
export const articlePath = (slug: string): string => `/articles/${slug}`;

/** Path of a page (About, Contact…): flat at the root; its slug is never a reserved path. */
export const pagePath = (slug: string): string => `/${slug}`;

/** Path of whatever a row of the articles table is: a page at `/<slug>`, else an article. */
export const articleOrPagePath = (a: { kind?: string; slug: string }): string =>
  a.kind === "page" ? pagePath(a.slug) : articlePath(a.slug);

/** Path of a section page; page 1 has no `/page/1` suffix. */
export const sectionPath = (slug: string, page = 1): string =>
  page > 1 ? `/sections/${slug}/page/${page}` : `/sections/${slug}`;

/** Path of an author page; page 1 has no `/page/1` suffix. */
export const authorPath = (slug: string, page = 1): string =>
  page > 1 ? `/authors/${slug}/page/${page}` : `/authors/${slug}`;

/** Path of a tracker page. */
export const trackerPath = (slug: string): string => `/trackers/${slug}`;

/** Path of a home page; page 1 is `/`. */
export const homePath = (page = 1): string => (page > 1 ? `/page/${page}` : "/");

/** Public URL of a media file by its storage key. */
export const mediaPath = (storageKey: string): string => `/media/${storageKey}`;

/** Where the comment form posts to. */
export const commentsPostPath = (slug: string): string => `/articles/${slug}/comments`;

/** Where the view beacon posts to. */
export const viewsPath = (articleId: string): string => `/views/${articleId}`;

/** Path of a tag page; page 1 has no `/page/1` suffix. */
export const tagPath = (slug: string, page = 1): string =>
  page > 1 ? `/tags/${slug}/page/${page}` : `/tags/${slug}`;

/** The feed formats and the file name each is served under. */
export const FEED_FILES = { rss: "feed.xml", atom: "atom.xml", json: "feed.json" } as const;
export type FeedFormat = keyof typeof FEED_FILES;

/** Listings that have their own feeds, by their path segment. */
export type FeedScope = { kind: "sections" | "authors" | "tags"; slug: string };

/** Path of a feed: the whole site's (`/feed.xml`) or a listing's (`/sections/world/feed.xml`). */
export const feedPath = (format: FeedFormat, scope?: FeedScope): string =>
  scope ? `/${scope.kind}/${scope.slug}/${FEED_FILES[format]}` : `/${FEED_FILES[format]}`;

/** Path of the sitemap (or, past one file's limit, the sitemap index). */
export const sitemapPath = (): string => "/sitemap.xml";

/** Path of the n-th (1-based) sitemap file listed by the sitemap index. */
export const sitemapChunkPath = (n: number): string => `/sitemaps/${n}.xml`;

/** Path of the Google News sitemap. */
export const newsSitemapPath = (): string => "/news-sitemap.xml";

/** Path of robots.txt. */
export const robotsPath = (): string => "/robots.txt";

/** What a search page shows: the query, its filters and the page of results. */
export interface SearchParams {
  q?: string;
  /** A section's slug. */
  section?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
  page?: number;
}

/** Path of a search page, e.g. `/search?q=harbour&page=2`; empty filters and page 1 are left out. */
export const searchPath = (params: SearchParams = {}): string => {
  const query = new URLSearchParams();
  if (params.q) query.set("q", params.q);
  if (params.section) query.set("section", params.section);
  if (params.from) query.set("from", params.from);
  if (params.to) query.set("to", params.to);
  if (params.page !== undefined && params.page > 1) query.set("page", String(params.page));
  const text = query.toString();
  return text ? `/search?${text}` : "/search";
};

/**
 * The search page's address with schema.org's placeholder for the query, for the home page's
 * SearchAction; the same `q` parameter `searchPath` writes (braces kept, as schema.org wants).
 */
export const searchTemplatePath = (): string => "/search?q={search_term_string}";

/** The page a commenter's email confirmation link opens, and its form's POST. */
export const commenterConfirmPath = (): string => "/comments/confirm-email";
