import { describe, expect, it } from "vitest";
import { addComment, countComments, createArticle, listComments } from "../../src/store/index.js";
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

    it("adds approved comments and lists them oldest first", async () => {
      const { id } = await article();
      const first = await addComment(store(), {
        articleId: id,
        authorName: " Reader ",
        authorEmail: "reader@example.org",
        body: "First!",
      });
      const second = await addComment(store(), { articleId: id, authorName: "B", body: "Second" });
      expect(first).toMatchObject({
        articleId: id,
        authorName: "Reader",
        authorEmail: "reader@example.org",
        status: "approved",
      });
      expect(second.authorEmail).toBeNull();
      expect(await listComments(store(), id)).toEqual([first, second]);
      expect(await listComments(store(), id, { status: "approved" })).toEqual([first, second]);
      expect(await listComments(store(), id, { status: "pending" })).toEqual([]);
      expect(await countComments(store(), id)).toBe(2);
      expect(await countComments(store(), id, { status: "spam" })).toBe(0);
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
  });
}
