import { describe, expect, it } from "vitest";
import {
  createArticle,
  createPerson,
  createTag,
  getArticleById,
  getArticleBySlug,
  hasAnyContent,
  listArticles,
  updateArticle,
} from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { issuePaths, rejectionOf } from "../helpers/errors.js";
import { personInput, published, seedBasics, tagInput } from "../helpers/fixtures.js";

const MISSING = "00000000-0000-4000-8000-000000000000";
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

for (const db of DATABASES) {
  describe(db.name, () => {
    const store = useFreshStore(db);

    describe("createArticle", () => {
      it("stores the article and reads it back by id and by slug, defaults filled in", async () => {
        const basics = await seedBasics(store());
        const created = await createArticle(store(), basics.articleInput({ slug: "budget" }));

        expect(created).toMatchObject({
          slug: "budget",
          status: "draft",
          publishedAt: null,
          commentsEnabled: true,
          tagIds: [],
          authorIds: [basics.person.id],
        });
        expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(await getArticleById(store(), created.id)).toEqual(created);
        expect(await getArticleBySlug(store(), "budget")).toEqual(created);
      });

      it("keeps authors and tags in the order given", async () => {
        const basics = await seedBasics(store());
        const second = await createPerson(store(), personInput());
        const [t1, t2, t3] = await Promise.all([1, 2, 3].map(() => createTag(store(), tagInput())));
        const input = basics.articleInput({
          authorIds: [second.id, basics.person.id],
          tagIds: [t3!.id, t1!.id, t2!.id],
        });
        const created = await createArticle(store(), input);

        const read = await getArticleById(store(), created.id);
        expect(read?.authorIds).toEqual([second.id, basics.person.id]);
        expect(read?.tagIds).toEqual([t3!.id, t1!.id, t2!.id]);
      });

      it("stores publishedAt in UTC", async () => {
        const basics = await seedBasics(store());
        const created = await createArticle(
          store(),
          basics.articleInput({ status: "published", publishedAt: "2025-03-01T09:30:00+02:00" }),
        );
        expect(created.publishedAt).toBe("2025-03-01T07:30:00.000Z");
        expect((await getArticleById(store(), created.id))?.publishedAt).toBe(
          "2025-03-01T07:30:00.000Z",
        );
      });

      it("refuses a taken slug with MH_CONFLICT", async () => {
        const basics = await seedBasics(store());
        await createArticle(store(), basics.articleInput({ slug: "same" }));
        const error = await rejectionOf(
          createArticle(store(), basics.articleInput({ slug: "same" })),
        );
        expect(error.code).toBe("MH_CONFLICT");
        expect(error.message).toBe("an article with slug 'same' already exists");
      });

      it("names every field that points at something missing, and writes nothing", async () => {
        const basics = await seedBasics(store());
        const error = await rejectionOf(
          createArticle(
            store(),
            basics.articleInput({
              sectionId: MISSING,
              authorIds: [basics.person.id, MISSING],
              tagIds: [MISSING],
              featuredImageId: MISSING,
              body: [
                { type: "paragraph", content: [{ text: "Hello" }] },
                { type: "image", mediaId: MISSING, alt: "x" },
                { type: "tracker", trackerId: MISSING },
              ],
            }),
          ),
        );
        expect(error.code).toBe("MH_CONTENT_INVALID");
        expect(issuePaths(error)).toEqual([
          "sectionId",
          "authorIds.1",
          "tagIds.0",
          "featuredImageId",
          "body.1.mediaId",
          "body.2.trackerId",
        ]);
        expect(error.message).toContain(`sectionId: no section with id '${MISSING}'`);
        expect(await hasAnyContent(store())).toBe(false);
      });

      it("rejects invalid content with field paths, and writes nothing", async () => {
        const basics = await seedBasics(store());
        const input = {
          ...basics.articleInput(),
          headline: "",
          body: [{ type: "image" as const, mediaId: basics.media.id, alt: "" }],
        };
        const error = await rejectionOf(createArticle(store(), input));
        expect(error.code).toBe("MH_CONTENT_INVALID");
        expect(issuePaths(error)).toEqual(expect.arrayContaining(["headline", "body.0.alt"]));
        expect(await hasAnyContent(store())).toBe(false);
      });

      it("rejects a tag listed twice", async () => {
        const basics = await seedBasics(store());
        const tag = await createTag(store(), tagInput());
        const error = await rejectionOf(
          createArticle(store(), basics.articleInput({ tagIds: [tag.id, tag.id] })),
        );
        expect(issuePaths(error)).toEqual(["tagIds.1"]);
      });
    });

    describe("updateArticle", () => {
      it("replaces every editable field, authors and tags, keeps createdAt and bumps updatedAt", async () => {
        const basics = await seedBasics(store());
        const tag = await createTag(store(), tagInput());
        const other = await createPerson(store(), personInput());
        const created = await createArticle(store(), basics.articleInput({ tagIds: [tag.id] }));

        const input = basics.articleInput({
          slug: "renamed",
          headline: "A new headline",
          authorIds: [other.id],
          tagIds: [],
          featuredImageId: null,
          commentsEnabled: false,
          ...published(hoursAgo(1)),
        });
        const updated = await updateArticle(store(), created.id, input);

        expect(updated).toMatchObject({
          id: created.id,
          slug: "renamed",
          headline: "A new headline",
          authorIds: [other.id],
          tagIds: [],
          featuredImageId: null,
          commentsEnabled: false,
          status: "published",
          createdAt: created.createdAt,
        });
        expect(updated.updatedAt > created.updatedAt).toBe(true);
        expect(await getArticleById(store(), created.id)).toEqual(updated);
        expect(await getArticleBySlug(store(), created.slug)).toBeUndefined();
      });

      it("reports MH_NOT_FOUND for an unknown id", async () => {
        const basics = await seedBasics(store());
        const error = await rejectionOf(updateArticle(store(), MISSING, basics.articleInput()));
        expect(error.code).toBe("MH_NOT_FOUND");
        expect(error.message).toContain(MISSING);
      });

      it("refuses another article's slug and leaves the article as it was", async () => {
        const basics = await seedBasics(store());
        await createArticle(store(), basics.articleInput({ slug: "taken" }));
        const mine = await createArticle(store(), basics.articleInput({ slug: "mine" }));
        const error = await rejectionOf(
          updateArticle(store(), mine.id, basics.articleInput({ slug: "taken", headline: "X" })),
        );
        expect(error.code).toBe("MH_CONFLICT");
        expect(await getArticleById(store(), mine.id)).toEqual(mine);
      });
    });

    describe("getArticle…", () => {
      it("returns undefined for an unknown or malformed id or slug", async () => {
        expect(await getArticleById(store(), MISSING)).toBeUndefined();
        expect(await getArticleById(store(), "not-a-uuid")).toBeUndefined();
        expect(await getArticleBySlug(store(), "nothing-here")).toBeUndefined();
      });
    });

    describe("listArticles", () => {
      it("lists newest publishedAt first, undated drafts before them, with the total", async () => {
        const basics = await seedBasics(store());
        const old = await createArticle(store(), basics.articleInput(published(hoursAgo(48))));
        const draft = await createArticle(store(), basics.articleInput());
        const recent = await createArticle(store(), basics.articleInput(published(hoursAgo(1))));
        const middle = await createArticle(store(), basics.articleInput(published(hoursAgo(24))));

        const { items, total } = await listArticles(store(), { limit: 10, offset: 0 });
        expect(items.map((a) => a.id)).toEqual([draft.id, recent.id, middle.id, old.id]);
        expect(total).toBe(4);
        expect(items[1]).toEqual(recent);
      });

      it("pages with limit and offset; total counts every match", async () => {
        const basics = await seedBasics(store());
        const ids: string[] = [];
        for (let h = 1; h <= 5; h++)
          ids.push((await createArticle(store(), basics.articleInput(published(hoursAgo(h))))).id);

        const page2 = await listArticles(store(), { limit: 2, offset: 2 });
        expect(page2.items.map((a) => a.id)).toEqual(ids.slice(2, 4));
        expect(page2.total).toBe(5);
        const beyond = await listArticles(store(), { limit: 2, offset: 10 });
        expect(beyond).toEqual({ items: [], total: 5 });
      });

      it("publicOnly leaves out drafts and articles scheduled after `now`", async () => {
        const basics = await seedBasics(store());
        const visible = await createArticle(store(), basics.articleInput(published(hoursAgo(2))));
        await createArticle(store(), basics.articleInput());
        await createArticle(
          store(),
          basics.articleInput({ status: "unpublished", publishedAt: hoursAgo(3).toISOString() }),
        );
        const future = await createArticle(
          store(),
          basics.articleInput(published(new Date(Date.now() + 3_600_000))),
        );

        const now = await listArticles(store(), { publicOnly: true, limit: 10, offset: 0 });
        expect(now.items.map((a) => a.id)).toEqual([visible.id]);
        expect(now.total).toBe(1);
        const later = await listArticles(store(), {
          publicOnly: true,
          limit: 10,
          offset: 0,
          now: new Date(Date.now() + 2 * 3_600_000),
        });
        expect(later.items.map((a) => a.id)).toEqual([future.id, visible.id]);
      });

      it("filters by section, author and tag", async () => {
        const basics = await seedBasics(store());
        const other = await seedBasics(store());
        const tag = await createTag(store(), tagInput());
        const a = await createArticle(store(), basics.articleInput({ tagIds: [tag.id] }));
        const b = await createArticle(
          store(),
          other.articleInput({ authorIds: [other.person.id, basics.person.id] }),
        );
        await createArticle(store(), other.articleInput());
        const ids = async (filter: { sectionId?: string; authorId?: string; tagId?: string }) => {
          const { items, total } = await listArticles(store(), { ...filter, limit: 10, offset: 0 });
          expect(total).toBe(items.length);
          return items.map((x) => x.id).sort();
        };

        expect(await ids({ sectionId: basics.section.id })).toEqual([a.id]);
        expect(await ids({ authorId: basics.person.id })).toEqual([a.id, b.id].sort());
        expect(await ids({ tagId: tag.id })).toEqual([a.id]);
        expect(await ids({ sectionId: other.section.id, authorId: basics.person.id })).toEqual([
          b.id,
        ]);
      });

      it("rejects a negative or fractional page", async () => {
        const error = await rejectionOf(listArticles(store(), { limit: -1, offset: 0.5 }));
        expect(issuePaths(error)).toEqual(["limit", "offset"]);
      });
    });

    describe("hasAnyContent", () => {
      it("is false on a new database and true once an article exists", async () => {
        expect(await hasAnyContent(store())).toBe(false);
        const basics = await seedBasics(store());
        expect(await hasAnyContent(store())).toBe(false);
        await createArticle(store(), basics.articleInput());
        expect(await hasAnyContent(store())).toBe(true);
      });
    });
  });
}
