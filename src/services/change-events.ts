// Builders of the change events services record (see src/content/change-events.ts): each names
// the ids of what changed and the public pages that may show something different now.
import {
  type Article,
  type ArticleChange,
  articleChangeType,
  type ChangeEvent,
  type ChangeType,
  EVERY_PATH,
  pagesShowingArticle,
} from "../content/index.js";
import { articleLocations, type Store } from "../store/index.js";

/**
 * The events of a change to one article or page, given it as it was and as it is now (either
 * may be null: created, deleted). Pages are named only where readers could see it, before or
 * after; a changed slug adds `*.slug_changed` with the old and new slug.
 */
export async function articleChanged(
  tx: Store,
  what: ArticleChange,
  before: Article | null,
  after: Article | null,
  data?: ChangeEvent["data"],
): Promise<ChangeEvent[]> {
  const subject = after ?? before;
  if (!subject) return [];
  const shown = [before, after].filter((a): a is Article => a?.status === "published");
  const paths = new Set<string>();
  for (const place of await articleLocations(tx, shown))
    for (const path of pagesShowingArticle(place)) paths.add(path);
  const ids = { articleId: subject.id };
  const events: ChangeEvent[] = [
    {
      type: articleChangeType(subject.kind, what),
      ids,
      paths: [...paths],
      ...(data ? { data } : {}),
    },
  ];
  if (before && after && before.slug !== after.slug)
    events.push({
      type: articleChangeType(subject.kind, "slug_changed"),
      ids,
      paths: [...paths],
      data: { from: before.slug, to: after.slug },
    });
  return events;
}

/** An event whose effect on public pages cannot be pinned down cheaply (settings, a person's name). */
export function changedEverywhere(type: ChangeType, ids: ChangeEvent["ids"] = {}): ChangeEvent {
  return { type, ids, paths: [EVERY_PATH] };
}

/** An event no public page shows (an account, a draft's note). */
export function changedOutOfSight(type: ChangeType, ids: ChangeEvent["ids"] = {}): ChangeEvent {
  return { type, ids, paths: [] };
}
