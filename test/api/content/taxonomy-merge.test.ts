// Merging and deleting tags, people, sections and trackers (issue 14, item 7): every article that
// used the one removed moves to the destination (or loses it where that is allowed), gets a
// revision, its pages are dropped, and the old public address redirects (or answers 410).
import { describe, expect, it } from "vitest";
import {
  createSection,
  createTag,
  createTracker,
  getArticleById,
  getTrackerById,
  getUserById,
  listRevisions,
} from "../../../src/store/index.js";
import { changesDuring } from "../../helpers/changes.js";
import { DATABASES } from "../../helpers/databases.js";
import { sectionInput, tagInput, trackerInput } from "../../helpers/fixtures.js";
import { useContentApp } from "./app.js";

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);
    /** What the public site answers at `url`: status and Location. */
    const visit = async (url: string) => {
      const res = await t().app.inject({ method: "GET", url });
      return { status: res.statusCode, location: res.headers.location };
    };
    const article = async (id: string) => {
      const found = await getArticleById(t().store, id);
      if (!found) throw new Error(`article ${id} is gone`);
      return found;
    };

    describe("tags", () => {
      it("merging moves every article to the destination once, deletes the tag and redirects its pages", async () => {
        const editor = await t().staff("editor");
        const [from, into] = [
          await createTag(t().store, tagInput()),
          await createTag(t().store, tagInput()),
        ];
        const onlyOld = await t().article({ input: { tagIds: [from.id] }, status: "published" });
        const both = await t().article({ input: { tagIds: [into.id, from.id] } });
        expect((await t().call(editor, "GET", `/tags/${from.id}/usage`)).json()).toEqual({
          articles: 2,
        });
        expect((await t().call(editor, "GET", "/tags/usage")).json().counts).toMatchObject({
          [from.id]: 2,
          [into.id]: 1,
        });

        const { result: res, events } = await changesDuring(t().store, () =>
          t().call(editor, "POST", `/tags/${from.id}/merge`, { into: into.id }),
        );
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({
          articlesChanged: 2,
          oldPath: `/tags/${from.slug}`,
          redirectedTo: `/tags/${into.slug}`,
        });
        expect((await article(onlyOld.id)).tagIds).toEqual([into.id]);
        expect((await article(both.id)).tagIds).toEqual([into.id]);
        expect((await t().call(editor, "GET", `/tags/${from.id}`)).statusCode).toBe(404);
        // The published article's pages are dropped, as an editor's save would drop them.
        expect(events.map((e) => e.type).sort()).toEqual([
          "article.updated",
          "article.updated",
          "tag.deleted",
        ]);
        expect(events.find((e) => e.ids.articleId === onlyOld.id)?.paths).toContain(
          `/articles/${onlyOld.slug}`,
        );
        const [revision] = (await listRevisions(t().store, onlyOld.id, { limit: 1, offset: 0 }))
          .items;
        expect(revision?.summary).toBe(`tag '${from.name}' merged into '${into.name}'`);

        expect(await visit(`/tags/${from.slug}`)).toEqual({
          status: 301,
          location: `/tags/${into.slug}`,
        });
        expect((await visit(`/tags/${from.slug}/feed.xml`)).location).toBe(
          `/tags/${into.slug}/feed.xml`,
        );
      });

      it("refuses a merge into itself or an unknown tag (422), an unknown tag (404), an author (403)", async () => {
        const editor = await t().staff("editor");
        const author = await t().staff("author");
        const tag = await createTag(t().store, tagInput());
        const self = await t().call(editor, "POST", `/tags/${tag.id}/merge`, { into: tag.id });
        expect(self.statusCode).toBe(422);
        expect(self.json().error).toMatchObject({
          code: "MH_MERGE_INVALID",
          issues: [{ path: "into" }],
        });
        const unknown = "00000000-0000-4000-8000-00000000dead";
        const nowhere = await t().call(editor, "DELETE", `/tags/${tag.id}?moveTo=${unknown}`);
        expect(nowhere.statusCode).toBe(422);
        expect(nowhere.json().error.issues[0].path).toBe("moveTo");
        const missing = await t().call(editor, "POST", `/tags/${unknown}/merge`, { into: tag.id });
        expect(missing.statusCode).toBe(404);
        const refused = await t().call(author, "DELETE", `/tags/${tag.id}`);
        expect(refused.statusCode).toBe(403);
        expect((await t().call(editor, "GET", `/tags/${tag.id}`)).statusCode).toBe(200);
      });

      it("deleting without a destination takes the tag off its articles and its page answers 410", async () => {
        const editor = await t().staff("editor");
        const tag = await createTag(t().store, tagInput());
        const tagged = await t().article({ input: { tagIds: [tag.id] } });
        const res = await t().call(editor, "DELETE", `/tags/${tag.id}`);
        expect(res.json()).toMatchObject({ articlesChanged: 1, redirectedTo: null });
        expect((await article(tagged.id)).tagIds).toEqual([]);
        expect((await visit(`/tags/${tag.slug}`)).status).toBe(410);
      });
    });

    describe("people", () => {
      it("deleting one who wrote alone needs a destination; co-written bylines only lose them", async () => {
        const editor = await t().staff("editor");
        const gone = await t().staff("author");
        const other = await t().staff("author");
        const alone = await t().article({ authorId: gone.personId });
        const together = await t().article({
          input: { authorIds: [other.personId, gone.personId] },
        });
        const refused = await t().call(editor, "DELETE", `/people/${gone.personId}`);
        expect(refused.statusCode).toBe(422);
        expect(refused.json().error).toMatchObject({
          code: "MH_MERGE_INVALID",
          issues: [{ path: "moveTo", message: expect.stringContaining("1 article has no other") }],
        });
        const basic = t().basics.person;
        const res = await t().call(editor, "DELETE", `/people/${gone.personId}?moveTo=${basic.id}`);
        expect(res.statusCode).toBe(200);
        expect((await article(alone.id)).authorIds).toEqual([basic.id]);
        expect((await article(together.id)).authorIds).toEqual([other.personId]);
        expect((await t().call(editor, "GET", `/people/${gone.personId}`)).statusCode).toBe(404);
        expect((await visit(res.json().oldPath)).location).toBe(`/authors/${basic.slug}`);
      });

      it("merging replaces them on every byline, without doubling the destination", async () => {
        const editor = await t().staff("editor");
        const gone = await t().staff("author");
        const kept = await t().staff("author");
        const shared = await t().article({ input: { authorIds: [gone.personId, kept.personId] } });
        const live = await t().article({
          status: "published",
          input: { type: "live", authorIds: [kept.personId] },
        });
        const posted = await t().call(editor, "POST", `/articles/${live.id}/live-updates`, {
          authorId: gone.personId,
          body: [{ type: "paragraph", content: [{ text: "Polls are open." }] }],
        });
        expect(posted.statusCode).toBe(201);
        const res = await t().call(editor, "POST", `/people/${gone.personId}/merge`, {
          into: kept.personId,
        });
        expect(res.json().articlesChanged).toBe(1);
        expect((await article(shared.id)).authorIds).toEqual([kept.personId]);
        // Their account writes as the one kept from now on.
        expect((await getUserById(t().store, gone.user.id))?.personId).toBe(kept.personId);
        // And their live update is signed by the one kept, not left unsigned.
        const updates = await t().call(editor, "GET", `/articles/${live.id}/live-updates`);
        expect(updates.json().items.map((u: { authorId: string }) => u.authorId)).toEqual([
          kept.personId,
        ]);
        const self = await t().call(editor, "POST", `/people/${kept.personId}/merge`, {
          into: kept.personId,
        });
        expect(self.statusCode).toBe(422);
        const author = await t().staff("author");
        expect(
          (
            await t().call(author, "POST", `/people/${author.personId}/merge`, {
              into: kept.personId,
            })
          ).statusCode,
        ).toBe(403);
      });
    });

    describe("sections", () => {
      it("deleting one with articles needs a destination; its articles and subsections move", async () => {
        const editor = await t().staff("editor");
        const gone = await createSection(t().store, sectionInput());
        const child = await createSection(t().store, sectionInput({ parentId: gone.id }));
        const into = await createSection(t().store, sectionInput());
        const inside = await t().article({ input: { sectionId: gone.id }, status: "published" });
        const refused = await t().call(editor, "DELETE", `/sections/${gone.id}`);
        expect(refused.statusCode).toBe(422);
        expect(refused.json().error.code).toBe("MH_MERGE_INVALID");
        expect((await t().call(editor, "GET", `/sections/${gone.id}/usage`)).json()).toEqual({
          articles: 1,
        });

        const { result: res, events } = await changesDuring(t().store, () =>
          t().call(editor, "DELETE", `/sections/${gone.id}?moveTo=${into.id}`),
        );
        expect(res.statusCode).toBe(200);
        expect((await article(inside.id)).sectionId).toBe(into.id);
        expect(
          (await t().call(editor, "GET", `/sections/${child.id}`)).json().section.parentId,
        ).toBeNull();
        expect(events).toContainEqual({
          type: "section.deleted",
          ids: { sectionId: gone.id, into: into.id },
          paths: ["/*"],
        });
        expect(await visit(`/sections/${gone.slug}`)).toEqual({
          status: 301,
          location: `/sections/${into.slug}`,
        });
        expect((await visit(`/articles/${inside.slug}`)).status).toBe(200);
        const self = await t().call(editor, "POST", `/sections/${into.id}/merge`, {
          into: into.id,
        });
        expect(self.statusCode).toBe(422);
      });
    });

    describe("trackers", () => {
      it("merging re-points tracker blocks and appends the entries to the destination's", async () => {
        const editor = await t().staff("editor");
        const gone = await createTracker(t().store, trackerInput(2));
        const into = await createTracker(t().store, trackerInput(1));
        const block = { type: "tracker" as const, trackerId: gone.id };
        const embedding = await t().article({
          input: { body: [{ type: "paragraph", content: [{ text: "See:" }] }, block] },
          status: "published",
        });
        expect((await t().call(editor, "GET", `/trackers/${gone.id}/usage`)).json()).toEqual({
          articles: 1,
        });
        const res = await t().call(editor, "POST", `/trackers/${gone.id}/merge`, {
          into: into.id,
        });
        expect(res.statusCode).toBe(200);
        expect((await article(embedding.id)).body[1]).toEqual({ ...block, trackerId: into.id });
        const merged = await getTrackerById(t().store, into.id);
        expect(merged?.entries.map((e) => e.id)).toEqual([
          ...into.entries.map((e) => e.id),
          ...gone.entries.map((e) => e.id),
        ]);
        expect(await visit(`/trackers/${gone.slug}`)).toEqual({
          status: 301,
          location: `/trackers/${into.slug}`,
        });
        expect((await visit(`/articles/${embedding.slug}`)).status).toBe(200);
      });

      it("deleting without a destination removes its blocks; its page answers 410", async () => {
        const editor = await t().staff("editor");
        const tracker = await createTracker(t().store, trackerInput(1));
        const embedding = await t().article({
          input: {
            body: [
              { type: "paragraph", content: [{ text: "See:" }] },
              { type: "tracker", trackerId: tracker.id },
            ],
          },
        });
        const author = await t().staff("author");
        expect((await t().call(author, "DELETE", `/trackers/${tracker.id}`)).statusCode).toBe(403);
        const res = await t().call(editor, "DELETE", `/trackers/${tracker.id}`);
        expect(res.json()).toMatchObject({ articlesChanged: 1, redirectedTo: null });
        expect((await article(embedding.id)).body.map((b) => b.type)).toEqual(["paragraph"]);
        expect((await visit(`/trackers/${tracker.slug}`)).status).toBe(410);
      });
    });
  });
