// Drafts never lose words: a draft saves with unfinished blocks, no section and no authors, and
// the answer lists what is missing; review, scheduling and publication refuse while any gap
// remains (422 MH_INCOMPLETE, every gap listed); anything else wrong is still refused.
import { describe, expect, it } from "vitest";
import { getVersionedArticle } from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";
import { type ContentApp, useContentApp } from "./app.js";

const EMPTY_TRACKER = { type: "tracker", trackerId: "" };
const UNTITLED_VIDEO = {
  type: "video",
  provider: "youtube",
  videoId: "dQw4w9WgXcQ",
  source: { name: "" },
};

function draftInput(t: ContentApp, overrides: Record<string, unknown> = {}) {
  return {
    ...t.basics.articleInput(),
    sectionId: null,
    authorIds: [],
    body: [
      { type: "paragraph", content: [{ text: "Every word typed so far." }] },
      EMPTY_TRACKER,
      UNTITLED_VIDEO,
    ],
    ...overrides,
  };
}

const paths = (issues: { path: string }[]) => issues.map((i) => i.path);

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);

    it("creates a draft with unfinished blocks, no section and no authors, listing what is missing", async () => {
      const editor = await t().staff("editor");
      const res = await t().call(editor, "POST", "/articles", draftInput(t()));
      expect(res.statusCode).toBe(201);
      const reply = res.json();
      // The blocks come back as the editor sent them, so the editor round-trips its own state.
      expect(reply.article.body).toEqual(draftInput(t()).body);
      // Without authors a draft carries the writer's own byline.
      expect(reply.article.authorIds).toEqual([editor.personId]);
      expect(paths(reply.incomplete)).toEqual([
        "sectionId",
        "body.1.trackerId",
        "body.2.title",
        "body.2.source.name",
      ]);
      expect(reply.incomplete[1].message).toBe("trackerId is required");
    });

    it("saves a draft without authors when the writer has no byline person", async () => {
      const { signIn } = await import("../../helpers/auth.js");
      const nobody = await signIn(t().app, t().store, "editor");
      const res = await t().call(nobody, "POST", "/articles", draftInput(t()));
      expect(res.statusCode).toBe(201);
      expect(res.json().article.authorIds).toEqual([]);
      expect(paths(res.json().incomplete)).toContain("authorIds");
    });

    it("keeps an unfinished block through PUT and a reload, and forgets it once completed", async () => {
      const editor = await t().staff("editor");
      const created = (await t().call(editor, "POST", "/articles", draftInput(t()))).json();
      const id = created.article.id;
      const typed = {
        ...draftInput(t(), { slug: created.article.slug, authorIds: [editor.personId] }),
        body: [...draftInput(t()).body, { type: "paragraph", content: [{ text: "More." }] }],
      };
      const saved = await t().call(editor, "PUT", `/articles/${id}`, { ...typed, version: 1 });
      expect(saved.statusCode).toBe(200);
      const read = (await t().call(editor, "GET", `/articles/${id}`)).json();
      expect(read.article.body).toEqual(typed.body);
      expect(paths(read.incomplete)).toContain("body.1.trackerId");

      const done = await t().call(editor, "PUT", `/articles/${id}`, {
        ...typed,
        sectionId: t().basics.section.id,
        authorIds: [editor.personId],
        body: [typed.body[0], typed.body[3]],
        version: 2,
      });
      expect(done.statusCode).toBe(200);
      expect(done.json().incomplete).toEqual([]);
      const stored = await getVersionedArticle(t().store, id);
      expect(stored?.article.body.map((b) => b.type)).toEqual(["paragraph", "paragraph"]);
    });

    it("stores an unfinished block wrapped, with what it lacks", async () => {
      const editor = await t().staff("editor");
      const id = (await t().call(editor, "POST", "/articles", draftInput(t()))).json().article.id;
      const stored = await getVersionedArticle(t().store, id);
      expect(stored?.article.body[1]).toEqual({
        type: "incomplete",
        block: EMPTY_TRACKER,
        issues: [{ path: "trackerId", message: "trackerId is required" }],
      });
    });

    it("refuses review, scheduling and publication with 422 listing every gap, and writes nothing", async () => {
      const editor = await t().staff("editor");
      const id = (await t().call(editor, "POST", "/articles", draftInput(t()))).json().article.id;
      for (const move of [
        { to: "in_review" },
        { to: "published" },
        { to: "scheduled", publishedAt: new Date(Date.now() + 86_400_000).toISOString() },
      ]) {
        const res = await t().call(editor, "POST", `/articles/${id}/transitions`, {
          ...move,
          version: 1,
        });
        expect(res.statusCode).toBe(422);
        expect(res.json().error.code).toBe("MH_INCOMPLETE");
        expect(paths(res.json().error.issues)).toEqual([
          "sectionId",
          "body.1.trackerId",
          "body.2.title",
          "body.2.source.name",
        ]);
      }
      const stored = await getVersionedArticle(t().store, id);
      expect(stored).toMatchObject({ version: 1, article: { status: "draft" } });
    });

    it("keeps a published article complete: an unfinished block on save is 422 and nothing changes", async () => {
      const editor = await t().staff("editor");
      const { id, version } = await t().article({ status: "published" });
      const before = await getVersionedArticle(t().store, id);
      const res = await t().call(editor, "PUT", `/articles/${id}`, {
        ...t().basics.articleInput({ slug: before?.article.slug }),
        body: [EMPTY_TRACKER],
        version,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe("MH_INCOMPLETE");
      expect(paths(res.json().error.issues)).toEqual(["body.0.trackerId"]);
      expect(await getVersionedArticle(t().store, id)).toEqual(before);
    });

    it("still refuses wrong types, unknown keys, unknown block types, too long text and bad addresses", async () => {
      const editor = await t().staff("editor");
      const res = await t().call(
        editor,
        "POST",
        "/articles",
        draftInput(t(), {
          body: [
            { type: "tracker", trackerId: 42 },
            { type: "tracker", trackerId: "", colour: "red" },
            { type: "sparkle" },
            { type: "quote", content: [{ text: "Hi" }], speaker: "x".repeat(201) },
            {
              type: "video",
              provider: "youtube",
              url: "javascript:alert(1)",
              title: "",
              source: { name: "" },
            },
            { type: "tracker" },
          ],
        }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("MH_CONTENT_INVALID");
      expect(paths(res.json().error.issues)).toEqual(
        expect.arrayContaining([
          "body.0.trackerId",
          "body.1",
          "body.2.type",
          "body.3.speaker",
          "body.4.url",
        ]),
      );
      // A block missing only a required field is not what refused the request.
      expect(paths(res.json().error.issues)).not.toContain("body.5.trackerId");
    });

    it("cleans text no database can store inside an unfinished block, as in a finished one", async () => {
      const editor = await t().staff("editor");
      const res = await t().call(
        editor,
        "POST",
        "/articles",
        draftInput(t(), {
          body: [{ type: "tracker", trackerId: "", intro: [{ text: "a\u0000b\u007f" }] }],
        }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json().article.body[0].intro).toEqual([{ text: "ab" }]);
    });

    it("does not let a client send the stored wrapper itself", async () => {
      const editor = await t().staff("editor");
      const res = await t().call(
        editor,
        "POST",
        "/articles",
        draftInput(t(), {
          body: [{ type: "incomplete", block: { type: "tracker" }, issues: [] }],
        }),
      );
      expect(res.statusCode).toBe(400);
    });
  });
