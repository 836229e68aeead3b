// Every save and transition keeps a revision: the list says who changed what, a revision can be
// read whole and restored as a new version.
import { describe, expect, it } from "vitest";
import { DATABASES } from "../../helpers/databases.js";
import { useContentApp } from "./app.js";

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);

    /** An article created, saved twice and sent to review through the API, by one editor. */
    async function historyOf() {
      const editor = await t().staff("editor");
      const input = t().basics.articleInput();
      const created = (await t().call(editor, "POST", "/articles", input)).json();
      const id = created.article.id as string;
      const paragraph = (text: string) => ({ type: "paragraph", content: [{ text }] });
      await t().call(editor, "PUT", `/articles/${id}`, {
        ...input,
        headline: "Council passes the budget",
        body: [...input.body, paragraph("Added one."), paragraph("Added two.")],
        version: 1,
      });
      await t().call(editor, "PUT", `/articles/${id}`, {
        ...input,
        headline: "Council passes the budget",
        body: [
          paragraph("Changed."),
          input.body[1],
          paragraph("Added one."),
          paragraph("Added two."),
        ],
        version: 2,
      });
      await t().call(editor, "POST", `/articles/${id}/transitions`, {
        to: "in_review",
        version: 3,
      });
      return { editor, id, input };
    }

    it("lists revisions newest first with who made them and what changed", async () => {
      const { editor, id } = await historyOf();
      const res = await t().call(editor, "GET", `/articles/${id}/revisions`);
      expect(res.statusCode).toBe(200);
      const { items, total } = res.json();
      expect(total).toBe(4);
      expect(
        items.map((r: { version: number; kind: string; summary: string }) => [
          r.version,
          r.kind,
          r.summary,
        ]),
      ).toEqual([
        [4, "transition", "status draft → in_review"],
        [3, "edit", "1 block changed"],
        [2, "edit", "headline changed; 2 blocks added"],
        [1, "create", "created"],
      ]);
      expect(items[0].actor).toEqual({ userId: editor.user.id, name: editor.user.name });
    });

    it("reads one revision with the article as it was then", async () => {
      const { editor, id, input } = await historyOf();
      const list = (await t().call(editor, "GET", `/articles/${id}/revisions`)).json();
      const first = list.items.at(-1);
      const res = await t().call(editor, "GET", `/articles/${id}/revisions/${first.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().revision).toMatchObject({
        version: 1,
        snapshot: { id, headline: input.headline, status: "draft", body: input.body },
      });
    });

    it("restores an old revision's content as a new version, keeping the current status", async () => {
      const { editor, id, input } = await historyOf();
      const list = (await t().call(editor, "GET", `/articles/${id}/revisions`)).json();
      const first = list.items.at(-1);
      const res = await t().call(editor, "POST", `/articles/${id}/revisions/${first.id}/restore`, {
        version: 4,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        version: 5,
        article: { headline: input.headline, body: input.body, status: "in_review" },
      });
      const latest = (await t().call(editor, "GET", `/articles/${id}/revisions`)).json().items[0];
      expect(latest).toMatchObject({
        version: 5,
        kind: "restore",
        summary: "restored version 1; headline changed; 2 blocks removed, 1 changed",
      });
    });

    it("refuses a stale restore and writes nothing", async () => {
      const { editor, id } = await historyOf();
      const list = (await t().call(editor, "GET", `/articles/${id}/revisions`)).json();
      const res = await t().call(
        editor,
        "POST",
        `/articles/${id}/revisions/${list.items.at(-1).id}/restore`,
        { version: 2 },
      );
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("MH_STALE");
      expect((await t().call(editor, "GET", `/articles/${id}/revisions`)).json().total).toBe(4);
    });

    it("is 404 for a revision of another article", async () => {
      const { editor, id } = await historyOf();
      const other = await t().article();
      const list = (await t().call(editor, "GET", `/articles/${id}/revisions`)).json();
      const res = await t().call(
        editor,
        "GET",
        `/articles/${other.id}/revisions/${list.items[0].id}`,
      );
      expect(res.statusCode).toBe(404);
    });
  });
