// The admin API's moderation endpoints on each database: list with counts, status moves, edits,
// blocked addresses; permissions, field paths, 404 and 409.
import { describe, expect, it } from "vitest";
import {
  addComment,
  getComment,
  latestChangePosition,
  readChangesAfter,
} from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";
import { type Staff, useContentApp } from "./app.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

for (const db of DATABASES)
  describe(`comment moderation API on ${db.name}`, () => {
    const t = useContentApp(db);
    let people: Promise<{ editor: Staff; author: Staff }> | undefined;
    const staff = () => {
      people ??= Promise.all([t().staff("editor"), t().staff("author")]).then(
        ([editor, author]) => ({ editor, author }),
      );
      return people;
    };

    async function pending(body = "Hello") {
      const a = await t().article({ status: "published" });
      const c = await addComment(
        t().store,
        { articleId: a.id, authorName: "Reader", authorEmail: "reader@example.org", body },
        { status: "pending", commenterHash: "c".repeat(64), addressHash: "Z".repeat(32) },
      );
      return { article: a, comment: c };
    }

    it("lists comments with counts per status; email and address hash only for moderators", async () => {
      const { editor, author } = await staff();
      const { article, comment } = await pending();
      const asEditor = await t().call(editor, "GET", `/comments?articleId=${article.id}`);
      expect(asEditor.statusCode).toBe(200);
      expect(asEditor.json()).toMatchObject({
        total: 1,
        counts: { pending: 1, approved: 0, spam: 0, deleted: 0 },
        items: [{ id: comment.id, authorEmail: "reader@example.org", addressHash: "Z".repeat(32) }],
      });
      expect(asEditor.json().items[0]).not.toHaveProperty("authorKey");
      expect(asEditor.json().items[0]).not.toHaveProperty("commenterHash");
      const asAuthor = await t().call(author, "GET", `/comments?articleId=${article.id}`);
      expect(asAuthor.json().items[0]).toMatchObject({ authorEmail: null, addressHash: null });
      const filtered = await t().call(
        editor,
        "GET",
        `/comments?articleId=${article.id}&status=spam`,
      );
      expect(filtered.json().items).toEqual([]);
    });

    it("approves, marks spam, edits and deletes; deleted is final (409)", async () => {
      const { editor } = await staff();
      const { comment } = await pending();
      const url = `/comments/${comment.id}`;
      const approved = await t().call(editor, "PATCH", url, { status: "approved" });
      expect(approved.json().comment.status).toBe("approved");
      const edited = await t().call(editor, "PATCH", url, { body: "Hello, tidied" });
      expect(edited.json().comment).toMatchObject({ body: "Hello, tidied", status: "approved" });
      expect(edited.json().comment.editedAt).toEqual(expect.any(String));
      expect((await t().call(editor, "PATCH", url, { status: "spam" })).json().comment.status).toBe(
        "spam",
      );
      expect((await t().call(editor, "PATCH", url, { status: "deleted" })).statusCode).toBe(200);
      const again = await t().call(editor, "PATCH", url, { status: "approved" });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("MH_CONFLICT");
      expect((await getComment(t().store, comment.id))?.status).toBe("deleted");
    });

    it("answers bad input with field paths, unknown comments with 404, and authors with 403", async () => {
      const { editor, author } = await staff();
      const { comment } = await pending();
      const url = `/comments/${comment.id}`;
      const bad = await t().call(editor, "PATCH", url, { status: "gone", body: "", extra: 1 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe("MH_CONTENT_INVALID");
      const paths = bad.json().error.issues.map((i: { path: string }) => i.path);
      expect(paths).toEqual(expect.arrayContaining(["status", "body"]));
      const empty = await t().call(editor, "PATCH", url, {});
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.message).toContain("send a new status, a new body, or both");
      expect(
        (await t().call(editor, "PATCH", `/comments/${MISSING}`, { status: "spam" })).statusCode,
      ).toBe(404);
      expect(
        (await t().call(editor, "PATCH", "/comments/not-an-id", { status: "spam" })).statusCode,
      ).toBe(400);
      const refused = await t().call(author, "PATCH", url, { status: "approved" });
      expect(refused.statusCode).toBe(403);
      expect((await t().call(undefined, "PATCH", url, { status: "approved" })).statusCode).toBe(
        401,
      );
      expect((await getComment(t().store, comment.id))?.status).toBe("pending");
    });

    it("blocks an address hash once, lists and lifts it", async () => {
      const { editor, author } = await staff();
      const hash = "B".repeat(32);
      const created = await t().call(editor, "POST", "/comment-blocks", { addressHash: hash });
      expect(created.statusCode).toBe(201);
      expect(created.json().block).toMatchObject({ addressHash: hash, blockedBy: editor.user.id });
      expect(
        (await t().call(editor, "POST", "/comment-blocks", { addressHash: hash })).statusCode,
      ).toBe(409);
      const badHash = await t().call(editor, "POST", "/comment-blocks", { addressHash: "1.2.3.4" });
      expect(badHash.statusCode).toBe(400);
      expect(badHash.json().error.issues[0].path).toBe("addressHash");
      expect(
        (await t().call(author, "POST", "/comment-blocks", { addressHash: "C".repeat(32) }))
          .statusCode,
      ).toBe(403);
      const list = await t().call(editor, "GET", "/comment-blocks");
      expect(list.json().items.map((b: { addressHash: string }) => b.addressHash)).toContain(hash);
      expect((await t().call(editor, "DELETE", `/comment-blocks/${hash}`)).statusCode).toBe(204);
      expect((await t().call(editor, "DELETE", `/comment-blocks/${hash}`)).statusCode).toBe(404);
    });

    it("records what each moderation does, naming the article's pages when readers see the difference", async () => {
      const { editor } = await staff();
      const { article, comment } = await pending();
      const url = `/comments/${comment.id}`;
      const ids = { commentId: comment.id, articleId: article.id };
      const page = `/articles/${article.slug}`;
      /** What one call recorded: each event's type, ids and whether it names the page and home. */
      const recorded = async (call: () => Promise<{ statusCode: number }>) => {
        const position = await latestChangePosition(t().store);
        expect((await call()).statusCode).toBeLessThan(300);
        return (await readChangesAfter(t().store, position)).map((e) => ({
          type: e.type,
          ids: e.ids,
          shown: e.paths.includes(page) && e.paths.includes("/"),
          paths: e.paths.length,
        }));
      };
      const shown = (type: string) => ({ type, ids, shown: true, paths: expect.any(Number) });
      const unseen = (type: string) => ({ type, ids, shown: false, paths: 0 });

      expect(await recorded(() => t().call(editor, "PATCH", url, { status: "approved" }))).toEqual([
        shown("comment.approved"),
      ]);
      expect(await recorded(() => t().call(editor, "PATCH", url, { body: "Tidied" }))).toEqual([
        shown("comment.edited"),
      ]);
      expect(await recorded(() => t().call(editor, "PATCH", url, { status: "pending" }))).toEqual([
        shown("comment.held"),
      ]);
      expect(await recorded(() => t().call(editor, "PATCH", url, { status: "spam" }))).toEqual([
        unseen("comment.removed"),
      ]);
      expect(await recorded(() => t().call(editor, "PATCH", url, { status: "deleted" }))).toEqual([
        unseen("comment.removed"),
      ]);

      const hash = "E".repeat(32);
      const blocked = await recorded(() =>
        t().call(editor, "POST", "/comment-blocks", { addressHash: hash }),
      );
      expect(blocked).toEqual([
        { type: "address.blocked", ids: { addressHash: hash }, shown: false, paths: 0 },
      ]);
      const lifted = await recorded(() => t().call(editor, "DELETE", `/comment-blocks/${hash}`));
      expect(lifted).toEqual([
        { type: "address.unblocked", ids: { addressHash: hash }, shown: false, paths: 0 },
      ]);
    });
  });
