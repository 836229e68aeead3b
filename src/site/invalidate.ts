import type { PageCache } from "./page-cache.js";
import { articlePath, authorPath, homePath, sectionPath } from "./paths.js";

/** What identifies the pages an article appears on. */
export interface ArticlePlaces {
  slug: string;
  sectionSlugs: readonly string[];
  authorSlugs: readonly string[];
}

/**
 * Drops every cached page that shows an article: the article itself, the home page, its section
 * (and parent sections) and its authors, each with their further pages. Call after a publish, an
 * edit or a new comment.
 */
export function invalidateArticlePages(cache: PageCache, places: ArticlePlaces): void {
  cache.invalidate(articlePath(places.slug));
  cache.invalidate(homePath());
  for (const s of places.sectionSlugs) cache.invalidate(sectionPath(s));
  for (const a of places.authorSlugs) cache.invalidate(authorPath(a));
}
