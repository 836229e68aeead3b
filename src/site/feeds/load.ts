// Loads the newest public articles of a listing with everything their feed items show.
import {
  type MediaItem,
  mediaIdsOf,
  type Section,
  type TrackerSummary,
  trackerIdsOf,
  trackerLinkSlugsOf,
} from "../../content/index.js";
import {
  getMediaByIds,
  getPeopleByIds,
  getTagsByIds,
  getTrackerSummaries,
  listArticles,
  type Store,
} from "../../store/reads.js";
import { FEED_SIZE, type FeedEntry } from "./build.js";

/** A feed's articles, and the media and trackers their bodies refer to. */
export interface FeedData {
  entries: FeedEntry[];
  media: Record<string, MediaItem>;
  trackers: Record<string, TrackerSummary>;
}

/** The newest FEED_SIZE public articles matching `filter`, joined in four batched queries. */
export async function loadFeedData(
  store: Store,
  sections: readonly Section[],
  filter: { sectionId?: string; authorId?: string; tagId?: string },
): Promise<FeedData> {
  const { items } = await listArticles(store, {
    publicOnly: true,
    ...filter,
    limit: FEED_SIZE,
    offset: 0,
  });
  const mediaIds = items.flatMap((a) => [
    ...mediaIdsOf(a.body),
    ...(a.featuredImageId ? [a.featuredImageId] : []),
  ]);
  const [people, tags, media, trackers] = await Promise.all([
    getPeopleByIds(store, [...new Set(items.flatMap((a) => a.authorIds))]),
    getTagsByIds(store, [...new Set(items.flatMap((a) => a.tagIds))]),
    getMediaByIds(store, [...new Set(mediaIds)]),
    getTrackerSummaries(
      store,
      [...new Set(items.flatMap((a) => trackerIdsOf(a.body)))],
      [...new Set(items.flatMap((a) => trackerLinkSlugsOf(a.body)))],
    ),
  ]);
  const personById = new Map(people.map((p) => [p.id, p]));
  const tagById = new Map(tags.map((t) => [t.id, t]));
  const sectionById = new Map(sections.map((s) => [s.id, s]));
  return {
    entries: items.map((article) => ({
      article,
      authors: article.authorIds.flatMap((id) => personById.get(id) ?? []),
      section: article.sectionId === null ? undefined : sectionById.get(article.sectionId),
      tags: article.tagIds.flatMap((id) => tagById.get(id) ?? []),
    })),
    media: Object.fromEntries(media.map((m) => [m.id, m])),
    trackers: Object.fromEntries(trackers.map((t) => [t.id, t])),
  };
}
