// The pre-publish checklist over HTTP: one list of errors and warnings; errors always block a
// publication, a warning blocks until overridden with a reason, and the override is recorded
// (who, when, which check, why) in its own rows and in the article's history.
import { describe, expect, it } from "vitest";
import { getVersionedArticle, listRevisions } from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";
import { useContentApp } from "./app.js";

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);

    /** A complete draft with two warnings: no featured image, and a "click here" link. */
    async function draftWithWarnings() {
      return t().article({
        input: {
          featuredImageId: null,
          body: [
            {
              type: "paragraph",
              content: [{ text: "The report is out: " }, { text: "click here", href: "/report" }],
            },
          ],
        },
      });
    }

    it("lists errors first, then warnings, each with an id, a level, a message and a path", async () => {
      const editor = await t().staff("editor");
      const { id } = await draftWithWarnings();
      const res = await t().call(editor, "GET", `/articles/${id}/checklist`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        version: 1,
        overrides: [],
        checks: [
          { id: "featured-image", level: "warning", path: "featuredImageId" },
          { id: "link-text@body.0.content.1", level: "warning", path: "body.0.content.1" },
        ],
      });
    });

    it("shows an unfinished draft's gaps as errors", async () => {
      const editor = await t().staff("editor");
      const created = await t().call(editor, "POST", "/articles", {
        ...t().basics.articleInput(),
        sectionId: null,
        body: [{ type: "tracker", trackerId: "" }],
      });
      const res = await t().call(editor, "GET", `/articles/${created.json().article.id}/checklist`);
      const errors = res.json().checks.filter((c: { level: string }) => c.level === "error");
      expect(errors.map((c: { path: string }) => c.path)).toEqual([
        "sectionId",
        "body.0.trackerId",
      ]);
    });

    it("blocks a publication on a warning not overridden, naming every one, and writes nothing", async () => {
      const editor = await t().staff("editor");
      const { id } = await draftWithWarnings();
      const res = await t().call(editor, "POST", `/articles/${id}/transitions`, {
        to: "published",
        version: 1,
        overrides: [{ check: "featured-image", reason: "A text-only piece" }],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe("MH_CHECKLIST");
      expect(res.json().error.issues.map((i: { path: string }) => i.path)).toEqual([
        "checks.link-text@body.0.content.1",
      ]);
      expect((await getVersionedArticle(t().store, id))?.article.status).toBe("draft");
    });

    it("publishes once every warning is overridden, and records who, when, which and why", async () => {
      const editor = await t().staff("editor");
      const { id } = await draftWithWarnings();
      const overrides = [
        { check: "featured-image", reason: "A text-only piece" },
        { check: "link-text@body.0.content.1", reason: "The report's own title is the link above" },
      ];
      const res = await t().call(editor, "POST", `/articles/${id}/transitions`, {
        to: "published",
        version: 1,
        overrides,
      });
      expect(res.statusCode).toBe(200);
      const list = (await t().call(editor, "GET", `/articles/${id}/checklist`)).json();
      expect(list.overrides).toEqual(
        overrides.map((o) =>
          expect.objectContaining({
            check: o.check,
            reason: o.reason,
            version: 2,
            createdBy: { userId: editor.user.id, name: expect.any(String) },
          }),
        ),
      );
      const { items } = await listRevisions(t().store, id, { limit: 10, offset: 0 });
      expect(items.find((r) => r.version === 2)?.summary).toContain(
        "warnings overridden: featured-image (A text-only piece)",
      );
    });

    it("never lets an override pass an error", async () => {
      const editor = await t().staff("editor");
      const created = await t().call(editor, "POST", "/articles", {
        ...t().basics.articleInput(),
        sectionId: null,
      });
      const res = await t().call(
        editor,
        "POST",
        `/articles/${created.json().article.id}/transitions`,
        {
          to: "published",
          version: 1,
          overrides: [{ check: "complete@sectionId", reason: "Later" }],
        },
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe("MH_INCOMPLETE");
    });

    it("refuses an override without a reason", async () => {
      const editor = await t().staff("editor");
      const { id } = await draftWithWarnings();
      const res = await t().call(editor, "POST", `/articles/${id}/transitions`, {
        to: "published",
        version: 1,
        overrides: [{ check: "featured-image", reason: "   " }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.issues[0].path).toBe("overrides.0.reason");
    });

    it("lets a client that sends no overrides publish past warnings, noting them as not reviewed", async () => {
      const editor = await t().staff("editor");
      const { id } = await draftWithWarnings();
      const res = await t().call(editor, "POST", `/articles/${id}/transitions`, {
        to: "published",
        version: 1,
      });
      expect(res.statusCode).toBe(200);
      const { items } = await listRevisions(t().store, id, { limit: 10, offset: 0 });
      expect(items.find((r) => r.version === 2)?.summary).toContain("warnings not reviewed");
    });
  });
