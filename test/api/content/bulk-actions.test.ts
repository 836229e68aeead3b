// Bulk actions on the article list: each article is checked against the actor's rights on its
// own, refused ones are reported with the reason the single call would give, the rest go ahead;
// bad batches are refused whole.
import { describe, expect, it } from "vitest";
import { createTag, getArticleById } from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";
import { tagInput } from "../../helpers/fixtures.js";
import { useContentApp } from "./app.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

for (const db of DATABASES)
  describe(`bulk actions on articles (${db.name})`, () => {
    const t = useContentApp(db);
    const bulk = async (who: Parameters<ReturnType<typeof t>["call"]>[0], payload: object) =>
      t().call(who, "POST", "/articles/bulk", payload);

    it("an author's bulk publish does their own drafts and refuses a colleague's, per article, with the reason", async () => {
      const author = await t().staff("author");
      const mine = [
        await t().article({ authorId: author.personId }),
        await t().article({ authorId: author.personId }),
      ];
      const theirs = await t().article();
      const res = await bulk(author, {
        ids: [mine[0]?.id, theirs.id, mine[1]?.id, MISSING],
        action: "status",
        to: "published",
      });
      expect(res.statusCode).toBe(200);
      const report = res.json();
      expect(report).toMatchObject({ done: 2, refused: 2, unchanged: 0 });
      expect(report.results.map((r: { id: string; outcome: string }) => [r.id, r.outcome])).toEqual(
        [
          [mine[0]?.id, "done"],
          [theirs.id, "refused"],
          [mine[1]?.id, "done"],
          [MISSING, "refused"],
        ],
      );
      expect(report.results[1].error.code).toBe("MH_FORBIDDEN");
      expect(report.results[3].error.code).toBe("MH_NOT_FOUND");
      expect((await getArticleById(t().store, theirs.id))?.status).toBe("draft");
      expect((await getArticleById(t().store, mine[0]?.id as string))?.status).toBe("published");
    });

    it("an editor moves section, adds and removes tags and authors on many articles; already so is unchanged", async () => {
      const editor = await t().staff("editor");
      const a = await t().article();
      const b = await t().article({ status: "published" });
      const tag = await createTag(t().store, tagInput());
      const tagged = await bulk(editor, { ids: [a.id, b.id], action: "tags", add: [tag.id] });
      expect(tagged.json()).toMatchObject({ done: 2, refused: 0 });
      const again = await bulk(editor, { ids: [a.id, b.id], action: "tags", add: [tag.id] });
      expect(again.json()).toMatchObject({ done: 0, unchanged: 2 });
      expect((await getArticleById(t().store, b.id))?.tagIds).toEqual([tag.id]);

      const added = await bulk(editor, { ids: [a.id], action: "authors", add: [editor.personId] });
      expect(added.json().done).toBe(1);
      expect((await getArticleById(t().store, a.id))?.authorIds).toEqual([
        t().basics.person.id,
        editor.personId,
      ]);
      const removed = await bulk(editor, {
        ids: [a.id],
        action: "authors",
        remove: [t().basics.person.id],
      });
      expect(removed.json().done).toBe(1);
      expect((await getArticleById(t().store, a.id))?.authorIds).toEqual([editor.personId]);

      const sectioned = await bulk(editor, {
        ids: [a.id, b.id],
        action: "section",
        sectionId: t().basics.section.id,
      });
      expect(sectioned.json()).toMatchObject({ unchanged: 2 });
      const untagged = await bulk(editor, { ids: [a.id, b.id], action: "tags", remove: [tag.id] });
      expect(untagged.json().done).toBe(2);
    });

    it("a contributor may not change a colleague's tags nor delete at all: every article refused, nothing written", async () => {
      const contributor = await t().staff("contributor");
      const own = await t().article({ authorId: contributor.personId });
      const other = await t().article();
      const tag = await createTag(t().store, tagInput());
      const tags = await bulk(contributor, {
        ids: [own.id, other.id],
        action: "tags",
        add: [tag.id],
      });
      expect(tags.json().results.map((r: { outcome: string }) => r.outcome)).toEqual([
        "done",
        "refused",
      ]);
      const deleted = await bulk(contributor, { ids: [own.id, other.id], action: "delete" });
      expect(deleted.json()).toMatchObject({ done: 0, refused: 2 });
      expect(deleted.json().results[0].error.code).toBe("MH_FORBIDDEN");
      expect(await getArticleById(t().store, own.id)).toBeDefined();
    });

    it("delete takes drafts only: a published article is refused with why", async () => {
      const editor = await t().staff("editor");
      const draft = await t().article();
      const live = await t().article({ status: "published" });
      const res = await bulk(editor, { ids: [draft.id, live.id], action: "delete" });
      expect(res.json()).toMatchObject({ done: 1, refused: 1 });
      expect(res.json().results[1].error).toMatchObject({
        code: "MH_FORBIDDEN",
        message: expect.stringMatching(/only drafts/),
      });
      expect(await getArticleById(t().store, draft.id)).toBeUndefined();
      expect(await getArticleById(t().store, live.id)).toBeDefined();
    });

    it("a transition the workflow forbids and an unknown tag are refused per article with their codes", async () => {
      const editor = await t().staff("editor");
      const live = await t().article({ status: "published" });
      const draft = await t().article();
      const moved = await bulk(editor, {
        ids: [live.id, draft.id],
        action: "status",
        to: "in_review",
      });
      expect(moved.json().results.map((r: { outcome: string }) => r.outcome)).toEqual([
        "refused",
        "done",
      ]);
      expect(moved.json().results[0].error.code).toBe("MH_CONFLICT");
      const tagged = await bulk(editor, { ids: [draft.id], action: "tags", add: [MISSING] });
      expect(tagged.json().results[0]).toMatchObject({
        outcome: "refused",
        error: { code: "MH_CONTENT_INVALID" },
      });
    });

    it("bad batches are refused whole with 400: no ids, too many, an unknown action, a field of another action", async () => {
      const editor = await t().staff("editor");
      const draft = await t().article();
      const tooMany = Array.from({ length: 201 }, () => draft.id);
      const cases: [object, string][] = [
        [{ ids: [], action: "delete" }, "ids"],
        [{ ids: tooMany, action: "delete" }, "ids"],
        [{ ids: [draft.id], action: "archive" }, "action"],
        [{ ids: [draft.id], action: "delete", to: "published" }, ""],
        [{ ids: [draft.id], action: "tags" }, ""],
        [{ ids: ["not-an-id"], action: "delete" }, "ids.0"],
      ];
      for (const [payload, path] of cases) {
        const res = await bulk(editor, payload);
        expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
        expect(res.json().error.code).toBe("MH_CONTENT_INVALID");
        if (path)
          expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
      }
      expect(
        (await bulk(editor, { ids: tooMany, action: "delete" })).json().error.issues[0].message,
      ).toMatch(/at most 200/);
      expect(await getArticleById(t().store, draft.id)).toBeDefined();
      expect((await bulk(undefined, { ids: [draft.id], action: "delete" })).statusCode).toBe(401);
    });
  });
