// What a slug change leaves behind: a 301 from every public address the old slug had. Called by
// the store's writes inside the transaction that changes the slug, so the two happen together.
import { publicArticlePath } from "../content/index.js";
import { redirectMovedPath } from "./redirects.js";
import type { Store } from "./store.js";

/** Listings whose pages live at `/<kind>/<slug>` with further pages and feeds below it. */
export type ListingKind = "sections" | "tags" | "authors";

/**
 * After a published article's (or page's) slug changed: its old address answers 301 to the new
 * one. Does nothing when the slug is the same or the article was not public.
 */
export async function redirectArticleSlug(
  store: Store,
  before: { slug: string; status: string; kind?: string },
  after: { slug: string; kind?: string },
): Promise<void> {
  if (before.status !== "published") return;
  const from = publicArticlePath(before);
  const to = publicArticlePath(after);
  if (from !== to) await redirectMovedPath(store, { from, to, source: "slug" });
}

/**
 * After a section's, tag's or person's slug changed: `/<kind>/<old>` and everything below it
 * (`/page/2`, `feed.xml`) answer 301 to the same place under the new slug.
 */
export async function redirectListingSlug(
  store: Store,
  kind: ListingKind,
  oldSlug: string,
  newSlug: string,
): Promise<void> {
  if (oldSlug === newSlug) return;
  await redirectMovedPath(store, { from: `/${kind}/${oldSlug}`, to: `/${kind}/${newSlug}` });
  await redirectMovedPath(store, { from: `/${kind}/${oldSlug}/*`, to: `/${kind}/${newSlug}/*` });
}
