import { describe, expect, it } from "vitest";
import {
  addComment,
  blockAddress,
  CommentRateLimitedError,
  countApprovedComments,
  countComments,
  countCommentsByStatus,
  createArticle,
  getComment,
  getCommentSecret,
  isAddressBlocked,
  isTrustedCommenter,
  listComments,
  moderateComment,
  unblockAddress,
} from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { issuePaths, rejectionOf } from "../helpers/errors.js";
import { published, seedBasics } from "../helpers/fixtures.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

for (const db of DATABASES) {
  describe(db.name, () => {
    const store = useFreshStore(db);

    async function article() {
      const basics = await seedBasics(store());
      return createArticle(store(), basics.articleInput(published()));
    }

    it("lets an address post at most `max` comments in the window, even all at once", async () => {
      const { id } = await article();
      const since = new Date(Date.now() - 60_000).toISOString();
      const results = await Promise.allSettled(
        Array.from({ length: 9 }, (_, i) =>
          addComment(
            store(),
            { articleId: id, authorName: "Flood", body: `n${i}` },
            { status: "pending", addressHash: "flooder" },
            { max: 3, since },
          ),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
      for (const r of results.filter((r) => r.status === "rejected"))
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(CommentRateLimitedError);
      expect(await countComments(store(), id)).toBe(3);
      // Another address, and the same one outside the window, are not held back.
      await addComment(
        store(),
        { articleId: id, authorName: "Other", body: "fine" },
        { status: "pending", addressHash: "someone else" },
        { max: 3, since },
      );
      await addComment(
        store(),
        { articleId: id, authorName: "Flood", body: "tomorrow" },
        { status: "pending", addressHash: "flooder" },
        { max: 3, since: new Date(Date.now() + 60_000).toISOString() },
      );
      expect(await countComments(store(), id)).toBe(5);
    });

    it("stores the status it is given (approved by default) and lists them oldest first", async () => {
      const { id } = await article();
      const first = await addComment(
        store(),
        {
          articleId: id,
          authorName: " Reader ",
          authorEmail: "reader@example.org",
          body: "First!",
        },
        { status: "approved", commenterHash: "c1", addressHash: "h".repeat(32) },
      );
      const second = await addComment(store(), { articleId: id, authorName: "B", body: "Second" });
      const held = await addComment(
        store(),
        { articleId: id, authorName: "C", body: "Held" },
        { status: "pending" },
      );
      expect(held.status).toBe("pending");
      expect(first).toMatchObject({
        articleId: id,
        parentId: null,
        depth: 0,
        authorName: "Reader",
        authorEmail: "reader@example.org",
        status: "approved",
        commenterHash: "c1",
        addressHash: "h".repeat(32),
      });
      expect(second.authorEmail).toBeNull();
      expect(await listComments(store(), id)).toEqual([first, second, held]);
      expect(await listComments(store(), id, { status: "approved" })).toEqual([first, second]);
      expect(await listComments(store(), id, { status: "pending" })).toEqual([held]);
      expect(await countComments(store(), id)).toBe(3);
      expect(await isTrustedCommenter(store(), "c1")).toBe(true);
      expect(await isTrustedCommenter(store(), "c-other")).toBe(false);
      expect((await countApprovedComments(store(), [id, MISSING])).get(id)).toBe(2);
      expect((await countApprovedComments(store(), [id, MISSING])).get(MISSING)).toBe(0);
      expect(await countComments(store(), id, { status: "spam" })).toBe(0);
    });

    it("trusts a commenter once one of their comments is approved, until one is marked spam", async () => {
      const { id } = await article();
      const held = await addComment(
        store(),
        { articleId: id, authorName: "T", body: "One" },
        { status: "pending", commenterHash: "trust-me" },
      );
      expect(await isTrustedCommenter(store(), "trust-me")).toBe(false);
      await moderateComment(store(), held.id, { status: "approved" });
      expect(await isTrustedCommenter(store(), "trust-me")).toBe(true);
      const later = await addComment(
        store(),
        { articleId: id, authorName: "T", body: "Two" },
        { status: "approved", commenterHash: "trust-me" },
      );
      await moderateComment(store(), later.id, { status: "spam" });
      expect(await isTrustedCommenter(store(), "trust-me")).toBe(false);
      await moderateComment(store(), later.id, { status: "pending" });
      expect(await isTrustedCommenter(store(), "trust-me")).toBe(true);
    });

    it("keeps each article's comments apart", async () => {
      const a = await article();
      const b = await article();
      await addComment(store(), { articleId: a.id, authorName: "A", body: "On a" });
      expect(await listComments(store(), b.id)).toEqual([]);
      expect(await countComments(store(), b.id)).toBe(0);
    });

    it("reports MH_NOT_FOUND for an article that does not exist", async () => {
      const error = await rejectionOf(
        addComment(store(), { articleId: MISSING, authorName: "A", body: "Hello" }),
      );
      expect(error.code).toBe("MH_NOT_FOUND");
      expect(error.message).toBe(`no article with id '${MISSING}'`);
    });

    it("rejects invalid comments with field paths and stores nothing", async () => {
      const { id } = await article();
      const error = await rejectionOf(
        addComment(store(), { articleId: id, authorName: "", authorEmail: "nope", body: " " }),
      );
      expect(issuePaths(error).sort()).toEqual(["authorEmail", "authorName", "body"]);
      expect(await countComments(store(), id)).toBe(0);
    });

    it("threads a reply under its parent, one level deeper", async () => {
      const { id } = await article();
      const parent = await addComment(
        store(),
        { articleId: id, authorName: "P", body: "Top" },
        { status: "approved" },
      );
      const reply = await addComment(store(), {
        articleId: id,
        parentId: parent.id,
        authorName: "R",
        body: "Reply",
      });
      expect(reply).toMatchObject({ parentId: parent.id, depth: 1 });
    });

    it("moves comments between states, edits text, and refuses moves out of deleted", async () => {
      const { id } = await article();
      const c = await addComment(
        store(),
        { articleId: id, authorName: "A", body: "Hello" },
        { status: "pending" },
      );
      const { before, after } = await moderateComment(store(), c.id, {
        status: "approved",
        body: "Hello, edited",
      });
      expect(before.status).toBe("pending");
      expect(after).toMatchObject({ status: "approved", body: "Hello, edited" });
      expect(after.editedAt).not.toBeNull();
      expect(await getComment(store(), c.id)).toEqual(after);
      await moderateComment(store(), c.id, { status: "deleted" });
      const error = await rejectionOf(moderateComment(store(), c.id, { status: "approved" }));
      expect(error.code).toBe("MH_CONFLICT");
      expect((await countCommentsByStatus(store())).deleted).toBe(1);
      expect((await rejectionOf(moderateComment(store(), MISSING, { status: "spam" }))).code).toBe(
        "MH_NOT_FOUND",
      );
    });

    it("blocks and unblocks address hashes, refusing a second block", async () => {
      const hash = "a".repeat(32);
      await blockAddress(store(), hash, null);
      expect(await isAddressBlocked(store(), hash)).toBe(true);
      expect((await rejectionOf(blockAddress(store(), hash, null))).code).toBe("MH_CONFLICT");
      await unblockAddress(store(), hash);
      expect(await isAddressBlocked(store(), hash)).toBe(false);
      expect((await rejectionOf(unblockAddress(store(), hash))).code).toBe("MH_NOT_FOUND");
    });

    it("keeps one address secret, made by the migration", async () => {
      const secret = await getCommentSecret(store());
      expect(secret.length).toBe(32);
      expect(await getCommentSecret(store())).toBe(secret);
    });
  });
}
