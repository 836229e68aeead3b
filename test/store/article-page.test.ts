import { describe, expect, it } from "vitest";
import {
  addComment,
  addViews,
  createArticle,
  createMedia,
  createPerson,
  createSection,
  createTag,
  createTracker,
  loadArticlePage,
  updateArticle,
} from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import {
  mediaInput,
  personInput,
  published,
  sectionInput,
  seedBasics,
  tagInput,
  trackerInput,
} from "../helpers/fixtures.js";

for (const db of DATABASES) {
  describe(db.name, () => {
    const store = useFreshStore(db);

    it("loads a public article with everything its page shows", async () => {
      const basics = await seedBasics(store());
      const world = await createSection(store(), sectionInput({ parentId: basics.section.id }));
      const coAvatar = await createMedia(store(), mediaInput());
      const coAuthor = await createPerson(store(), personInput({ avatarId: coAvatar.id }));
      const bodyImage = await createMedia(store(), mediaInput());
      const unrelated = await createMedia(store(), mediaInput());
      const tracker = await createTracker(store(), trackerInput(3));
      const tag = await createTag(store(), tagInput());
      const article = await createArticle(
        store(),
        basics.articleInput({
          sectionId: world.id,
          authorIds: [coAuthor.id, basics.person.id],
          tagIds: [tag.id],
          ...published(),
          body: [
            { type: "paragraph", content: [{ text: "Text." }] },
            { type: "image", mediaId: bodyImage.id, alt: "A chart" },
            { type: "tracker", trackerId: tracker.id },
          ],
        }),
      );
      const comment = await addComment(store(), {
        articleId: article.id,
        authorName: "Reader",
        body: "Thanks",
      });
      await addViews(store(), article.id, 12);

      const page = await loadArticlePage(store(), article.slug);

      expect(page).toEqual({
        article,
        authors: [coAuthor, basics.person],
        section: world,
        sectionPath: [basics.section, world],
        tags: [tag],
        media: {
          [basics.media.id]: basics.media,
          [bodyImage.id]: bodyImage,
          [coAvatar.id]: coAvatar,
        },
        trackers: {
          [tracker.id]: { id: tracker.id, slug: tracker.slug, title: tracker.title, entryCount: 3 },
        },
        views: 12,
        comments: [comment],
        corrections: [],
      });
      expect(page?.media[unrelated.id]).toBeUndefined();
    });

    it("loads an article without images, tags, trackers, views or comments", async () => {
      const basics = await seedBasics(store());
      const bare = await createPerson(store(), personInput());
      const article = await createArticle(
        store(),
        basics.articleInput({
          authorIds: [bare.id],
          featuredImageId: null,
          body: [{ type: "paragraph", content: [{ text: "Only words." }] }],
          ...published(),
        }),
      );
      const page = await loadArticlePage(store(), article.slug);
      expect(page).toMatchObject({
        authors: [bare],
        tags: [],
        media: {},
        trackers: {},
        views: 0,
        comments: [],
      });
    });

    it("is undefined for an unknown slug, a draft, and an article scheduled for later", async () => {
      const basics = await seedBasics(store());
      const draft = await createArticle(store(), basics.articleInput());
      const later = new Date(Date.now() + 3_600_000);
      const scheduled = await createArticle(
        store(),
        basics.articleInput({ status: "published", publishedAt: later.toISOString() }),
      );
      expect(await loadArticlePage(store(), "no-such-article")).toBeUndefined();
      expect(await loadArticlePage(store(), draft.slug)).toBeUndefined();
      expect(await loadArticlePage(store(), scheduled.slug)).toBeUndefined();
      const afterwards = new Date(later.getTime() + 1000);
      expect((await loadArticlePage(store(), scheduled.slug, afterwards))?.article.id).toBe(
        scheduled.id,
      );
    });

    it("is undefined once an article is unpublished", async () => {
      const basics = await seedBasics(store());
      const input = basics.articleInput(published());
      const article = await createArticle(store(), input);
      await updateArticle(store(), article.id, { ...input, status: "unpublished" });
      expect(await loadArticlePage(store(), article.slug)).toBeUndefined();
    });
  });
}
