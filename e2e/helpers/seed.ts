import {
  createArticle,
  getPersonBySlug,
  getSectionBySlug,
  type Store,
} from "../../src/store/index.js";

/**
 * A second article with a YouTube video. The demo's reference video has no address (the
 * reference article does not give one), so the click-to-play facade is tested on this one.
 */
export const VIDEO_ARTICLE = {
  slug: "e2e-article-with-a-youtube-video",
  headline: "Browser test: an article with a YouTube video",
  videoTitle: "Browser test video",
  videoId: "dQw4w9WgXcQ",
} as const;

export const VIDEO_ARTICLE_PATH = `/articles/${VIDEO_ARTICLE.slug}`;

/** Adds VIDEO_ARTICLE to a database that already holds the demo publication. */
export async function seedVideoArticle(store: Store): Promise<void> {
  const section = await getSectionBySlug(store, "resist-hate");
  const author = await getPersonBySlug(store, "serena-zehlius");
  if (!section || !author)
    throw new Error("seedVideoArticle needs the demo section and author (run init --demo first)");
  await createArticle(store, {
    slug: VIDEO_ARTICLE.slug,
    headline: VIDEO_ARTICLE.headline,
    dek: "Seeded by the browser tests to check the click-to-play video facade.",
    type: "news",
    sectionId: section.id,
    authorIds: [author.id],
    status: "published",
    // A minute in the past, so the article is public whatever the clocks say.
    publishedAt: new Date(Date.now() - 60_000).toISOString(),
    body: [
      { type: "paragraph", content: [{ text: "The video below loads only when asked to." }] },
      {
        type: "video",
        provider: "youtube",
        videoId: VIDEO_ARTICLE.videoId,
        title: VIDEO_ARTICLE.videoTitle,
        caption: [{ text: "A caption under the video." }],
        source: { name: "YouTube" },
      },
      { type: "paragraph", content: [{ text: "A paragraph after the video." }] },
    ],
  });
}
