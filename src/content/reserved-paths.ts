/**
 * First path segments the site serves itself (src/site/routes/*, the admin app and API, the
 * server's health check) or that browsers and crawlers ask for by convention. A page lives at
 * `/<slug>`, so a page slug equal to one of these would be shadowed by the site, or shadow it.
 * Slugs hold only lowercase letters, digits and hyphens, so names with a dot (`feed.xml`) could
 * never be one; they are listed anyway so this stays the one list of what the root holds.
 */
export const RESERVED_PATHS = [
  "admin",
  "api",
  "articles",
  "assets",
  "atom.xml",
  "authors",
  "comments",
  "favicon.ico",
  "feed",
  "feed.json",
  "feed.xml",
  "healthz",
  "login",
  "media",
  "news-sitemap.xml",
  "newsletter",
  "page",
  "preview",
  "readyz",
  "robots.txt",
  "search",
  "sections",
  "sitemap.xml",
  "sitemaps",
  "static",
  "tags",
  "trackers",
  "views",
  "well-known",
] as const;

const RESERVED = new Set<string>(RESERVED_PATHS);

/** Whether `/<slug>` is a path the site serves itself, so no page may take it. */
export function isReservedPath(slug: string): boolean {
  return RESERVED.has(slug);
}
