// The admin API with the blocks of issue 14 a writer makes from words: table, pull quote, code and
// HTML written by staff. Who may write HTML (block.html: editors and owners), that keeping an
// unchanged imported block needs nothing, and the one clear refusal of an oversized table.
import { describe, expect, it } from "vitest";
import { TABLE_MAX_CELLS } from "../../../src/content/index.js";
import { DATABASES } from "../../helpers/databases.js";
import { type ContentApp, useContentApp } from "./app.js";

const cell = (text: string) => [{ text }];
const table = {
  type: "table",
  caption: "Seats won",
  headerRow: true,
  rows: [
    [cell("Party"), cell("Seats")],
    [cell("Greens"), [{ text: "12", bold: true }]],
  ],
};
const pullquote = { type: "pullquote", content: cell("We were never told.") };
const code = { type: "code", language: "python", code: "def f():\n    return '<b>'\n" };
const imported = { type: "html" as const, html: "<p>Imported <b>box</b></p>", reason: "wp:table" };

/** A draft's JSON body for POST /articles with `body`, as the basics make it. */
function draft(t: ContentApp, personId: string, body: unknown[]) {
  const {
    status: _s,
    publishedAt: _p,
    ...input
  } = t.basics.articleInput({ authorIds: [personId] });
  return { ...input, body };
}

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);

    it("saves a table, a pull quote and code as given, and reads them back", async () => {
      const author = await t().staff("author");
      const res = await t().call(
        author,
        "POST",
        "/articles",
        draft(t(), author.personId, [table, pullquote, code]),
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().article.body).toEqual([table, pullquote, code]);
    });

    it("refuses a table of 10,000 cells with one message naming the limit", async () => {
      const editor = await t().staff("editor");
      const rows = Array.from({ length: 100 }, (_, r) =>
        Array.from({ length: 100 }, (_, c) => cell(`${r}.${c}`)),
      );
      const res = await t().call(
        editor,
        "POST",
        "/articles",
        draft(t(), editor.personId, [{ type: "table", headerRow: false, rows }]),
      );
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.error.code).toBe("MH_CONTENT_INVALID");
      const messages = JSON.stringify(body);
      expect(messages).toContain(`at most ${TABLE_MAX_CELLS.toLocaleString("en")} cells`);
      expect(messages).toContain("10,000");
    });

    it("lets editors and owners write HTML, and refuses contributors and authors with 403", async () => {
      const staffHtml = { type: "html", html: "<p>Staff <em>HTML</em></p>" };
      for (const [role, status] of [
        ["contributor", 403],
        ["author", 403],
        ["editor", 201],
        ["owner", 201],
      ] as const) {
        const who = await t().staff(role);
        const res = await t().call(who, "POST", "/articles", draft(t(), who.personId, [staffHtml]));
        expect(res.statusCode, `${role}: ${res.body}`).toBe(status);
        if (status === 403) expect(res.json().error.code).toBe("MH_FORBIDDEN");
      }
    });

    it("lets an author keep an unchanged imported HTML block, but not change or add one", async () => {
      const author = await t().staff("author");
      const a = await t().article({
        authorId: author.personId,
        input: { body: [{ type: "paragraph", content: cell("Intro") }, imported] },
      });
      const save = (body: unknown[], version: number) =>
        t().call(author, "PUT", `/articles/${a.id}`, {
          ...draft(t(), author.personId, body),
          version,
        });
      const read = await t().call(author, "GET", `/articles/${a.id}`);
      const start = read.json().version as number;
      // Kept as it is, moved first: allowed.
      const kept = await save(
        [imported, { type: "paragraph", content: cell("Intro, longer") }],
        start,
      );
      expect(kept.statusCode, kept.body).toBe(200);
      const version = kept.json().version;
      // Changed markup: refused, nothing written.
      const changed = await save(
        [{ ...imported, html: "<p>Imported <b>box</b> and more</p>" }],
        version,
      );
      expect(changed.statusCode).toBe(403);
      expect(changed.json().error.code).toBe("MH_FORBIDDEN");
      // A second copy is a new block: refused.
      const copied = await save([imported, imported], version);
      expect(copied.statusCode).toBe(403);
      // Removing it is allowed.
      const removed = await save([{ type: "paragraph", content: cell("No box") }], version);
      expect(removed.statusCode, removed.body).toBe(200);
      // Bringing it back from an earlier revision is writing it anew: refused the same way.
      const revisions = await t().call(author, "GET", `/articles/${a.id}/revisions`);
      const items = revisions.json().items as { id: string; version: number }[];
      const first = items.find((r) => r.version === start) ?? items.at(-1);
      const restored = await t().call(
        author,
        "POST",
        `/articles/${a.id}/revisions/${first?.id}/restore`,
        { version: removed.json().version },
      );
      expect(restored.statusCode, restored.body).toBe(403);
      expect(restored.json().error.message).toContain("HTML blocks");
    });
  });
