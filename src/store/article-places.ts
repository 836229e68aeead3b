import { type Article, type ArticleKind, sectionPath } from "../content/index.js";
import { getPeopleByIds } from "./people.js";
import { listSections } from "./sections.js";
import type { Store } from "./store.js";

/** What identifies the public pages an article appears on (its own, its sections', its authors'). */
export interface ArticleLocation {
  /** Pages are shown only at their own path (and in the sitemap). */
  kind: ArticleKind;
  slug: string;
  /** The article's section and every section above it. */
  sectionSlugs: string[];
  authorSlugs: string[];
}

/**
 * Where each article is shown, for invalidating cached pages after a change. Pass the article
 * as it was and as it is now when a slug, section or byline may have changed.
 */
export async function articleLocations(
  store: Store,
  articles: readonly Article[],
): Promise<ArticleLocation[]> {
  if (articles.length === 0) return [];
  const [sections, people] = await Promise.all([
    listSections(store),
    getPeopleByIds(
      store,
      articles.flatMap((a) => a.authorIds),
    ),
  ]);
  const slugOf = new Map(people.map((p) => [p.id, p.slug]));
  return articles.map((a) => ({
    kind: a.kind,
    slug: a.slug,
    sectionSlugs: sectionPath(sections, a.sectionId).map((s) => s.slug),
    authorSlugs: a.authorIds.flatMap((id) => slugOf.get(id) ?? []),
  }));
}
