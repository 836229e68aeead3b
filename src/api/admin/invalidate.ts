import type { Article } from "../../content/index.js";
import { invalidateArticlePages } from "../../site/index.js";
import { articleLocations } from "../../store/index.js";
import type { AdminDeps } from "./deps.js";

/**
 * Drops the cached public pages that show any of these articles (each as it was and as it is
 * now, so a changed slug, section or byline clears both old and new pages). Articles readers
 * cannot see are skipped: no cached page shows them.
 */
export async function invalidateArticles(
  { store, pageCache }: Pick<AdminDeps, "store" | "pageCache">,
  articles: readonly Article[],
): Promise<void> {
  const shown = articles.filter((a) => a.status === "published");
  if (shown.length === 0) return;
  for (const location of await articleLocations(store, shown))
    invalidateArticlePages(pageCache, location);
}
