import type { ArticleKind } from "../content/index.js";
import type { PageCache } from "./page-cache.js";
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
} from "../content/public-paths.js";

/** What identifies the pages an article appears on. */
export interface ArticlePlaces {
  /** A page (kind 'page') is shown only at its own path and in the sitemap. */
  kind?: ArticleKind;
  slug: string;
  sectionSlugs: readonly string[];
  authorSlugs: readonly string[];
}

/**
 * Drops every cached page that shows an article: the article itself, the home page, its section
 * (and parent sections) and its authors, each with their further pages and feeds; every tag page
 * and tag feed (the places do not name tags, and tag pages are cheap to render again); the site's
 * feeds and the sitemaps; for a page, its own path and the sitemaps. Call after a publish, an
 * edit, an unpublish or a new comment.
 */
export function invalidateArticlePages(cache: PageCache, places: ArticlePlaces): void {
  if (places.kind === "page") {
    cache.invalidate(pagePath(places.slug));
    invalidateSitemaps(cache);
    return;
  }
  cache.invalidate(articlePath(places.slug));
  cache.invalidate(homePath());
  // "<listing>/" as a prefix drops its /page/N continuations and its feeds together.
  for (const s of places.sectionSlugs) {
    cache.invalidate(sectionPath(s));
    cache.invalidate(`${sectionPath(s)}/`);
  }
  for (const a of places.authorSlugs) {
    cache.invalidate(authorPath(a));
    cache.invalidate(`${authorPath(a)}/`);
  }
  cache.invalidate("/tags/");
  for (const format of Object.keys(FEED_FILES) as FeedFormat[]) cache.invalidate(feedPath(format));
  invalidateSitemaps(cache);
}

function invalidateSitemaps(cache: PageCache): void {
  cache.invalidate(sitemapPath());
  cache.invalidate("/sitemaps/");
  cache.invalidate(newsSitemapPath());
}
