// The articles endpoints: creating, listing, saving with optimistic concurrency, moving through
// the workflow, and refusing bad input without writing anything.
import { describe, expect, it } from "vitest";
import { listArticleSummaries } from "../../../src/store/index.js";
import { signIn } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { type ContentApp, useContentApp } from "./app.js";

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/** The editable fields of a valid article (no status or publication time). */
function editInput(t: ContentApp, overrides: Record<string, unknown> = {}) {
  return { ...t.basics.articleInput(), ...overrides };
}

async function articleCount(t: ContentApp): Promise<number> {
  return (await listArticleSummaries(t.store, { limit: 0, offset: 0 })).total;
}

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);

    describe("POST /articles", () => {
      it("creates a draft with version 1 and the writer's own byline when none is given", async () => {
        const writer = await t().staff("contributor");
        const { authorIds: _a, ...input } = editInput(t());
        const res = await t().call(writer, "POST", "/articles", input);
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({
          article: { status: "draft", publishedAt: null, authorIds: [writer.personId] },
          version: 1,
          corrections: [],
          can: { edit: true, publish: false, delete: false, transitions: ["in_review"] },
        });
        expect(res.headers.etag).toBe('"1"');
      });

      it("refuses a status: drafts are created as drafts and move only through transitions", async () => {
        const editor = await t().staff("editor");
        const before = await articleCount(t());
        const res = await t().call(editor, "POST", "/articles", {
          ...editInput(t()),
          status: "published",
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe("MH_CONTENT_INVALID");
        expect(res.json().error.message).toContain("status");
        expect(await articleCount(t())).toBe(before);
      });

      it("refuses a contributor who leaves themselves out of the byline", async () => {
        const writer = await t().staff("contributor");
        const res = await t().call(writer, "POST", "/articles", editInput(t()));
        expect(res.statusCode).toBe(403);
        expect(res.json().error.message).toContain("authorIds");
      });

      it("saves a draft without authors when the account writes as nobody, naming the gap", async () => {
        const editor = await signIn(t().app, t().store, "editor");
        const { authorIds: _a, ...input } = editInput(t());
        const res = await t().call(editor, "POST", "/articles", input);
        expect(res.statusCode).toBe(201);
        expect(res.json().incomplete).toEqual([
          { path: "authorIds", message: "an article needs at least one author" },
        ]);
      });

      it("names every bad field by its path and writes nothing", async () => {
        const editor = await t().staff("editor");
        const before = await articleCount(t());
        const input = editInput(t(), {
          headline: 42,
          body: [
            { type: "paragraph", content: [{ text: "One" }] },
            { type: "paragraph", content: [{ text: "Two" }] },
            { type: "paragraph", content: [{ text: "Three" }] },
            { type: "image", mediaId: t().basics.media.id, alt: 42 },
          ],
        });
        const res = await t().call(editor, "POST", "/articles", input);
        expect(res.statusCode).toBe(400);
        const paths = (res.json().error.issues as { path: string }[]).map((i) => i.path);
        expect(paths).toEqual(expect.arrayContaining(["headline", "body.3.alt"]));
        expect(await articleCount(t())).toBe(before);
      });

      it("refuses unknown fields, naming them", async () => {
        const editor = await t().staff("editor");
        const res = await t().call(editor, "POST", "/articles", {
          ...editInput(t()),
          colour: "red",
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message).toContain("colour");
      });

      it("reports a section, author or image that does not exist at its path", async () => {
        const editor = await t().staff("editor");
        const missing = "00000000-0000-4000-8000-00000000dead";
        const res = await t().call(editor, "POST", "/articles", {
          ...editInput(t()),
          sectionId: missing,
          body: [{ type: "image", mediaId: missing, alt: "Gone" }],
        });
        expect(res.statusCode).toBe(400);
        expect((res.json().error.issues as { path: string }[]).map((i) => i.path)).toEqual(
          expect.arrayContaining(["sectionId", "body.0.mediaId"]),
        );
      });

      it("answers malformed JSON with 400 and writes nothing", async () => {
        const editor = await t().staff("editor");
        const before = await articleCount(t());
        const res = await t().app.inject({
          method: "POST",
          url: "/api/admin/v1/articles",
          headers: { ...editor.headers, "content-type": "application/json" },
          payload: '{"headline": "Unfinished',
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toEqual({
          code: "MH_BAD_REQUEST",
          message: "Body is not valid JSON but content-type is set to 'application/json'",
        });
        expect(await articleCount(t())).toBe(before);
      });

      it("answers a body over the size limit with 413 and writes nothing", async () => {
        const editor = await t().staff("editor");
        const before = await articleCount(t());
        const huge = "x".repeat(2 * 1024 * 1024);
        const res = await t().call(editor, "POST", "/articles", editInput(t(), { dek: huge }));
        expect(res.statusCode).toBe(413);
        expect(res.json().error.code).toBe("MH_TOO_LARGE");
        expect(await articleCount(t())).toBe(before);
      });

      it("answers a body that is not JSON with 415, or 400 for plain text", async () => {
        const editor = await t().staff("editor");
        const send = (type: string, payload: string) =>
          t().app.inject({
            method: "POST",
            url: "/api/admin/v1/articles",
            headers: { ...editor.headers, "content-type": type },
            payload,
          });
        const xml = await send("application/xml", "<article/>");
        expect(xml.statusCode).toBe(415);
        expect(xml.json().error.code).toBe("MH_UNSUPPORTED_MEDIA");
        const text = await send("text/plain", "headline=Hello");
        expect(text.statusCode).toBe(400);
        expect(text.json().error.code).toBe("MH_CONTENT_INVALID");
      });

      it("refuses a forged or missing CSRF token with 403 and writes nothing", async () => {
        const editor = await t().staff("editor");
        const before = await articleCount(t());
        const forged = await t().app.inject({
          method: "POST",
          url: "/api/admin/v1/articles",
          headers: { cookie: editor.cookie, "x-csrf-token": `${editor.csrf.slice(0, -2)}xx` },
          payload: editInput(t()),
        });
        const missing = await t().app.inject({
          method: "POST",
          url: "/api/admin/v1/articles",
          headers: { cookie: editor.cookie },
          payload: editInput(t()),
        });
        expect([forged.statusCode, missing.statusCode]).toEqual([403, 403]);
        expect(forged.json().error.code).toBe("MH_CSRF");
        expect(await articleCount(t())).toBe(before);
      });
    });

    describe("GET /articles", () => {
      it("filters by status, section and author, and searches headlines ignoring case", async () => {
        const editor = await t().staff("editor");
        const other = await t().staff("author");
        const tag = `Zebra${Date.now()}`;
        const mine = await t().article({
          input: { headline: `The ${tag} crossing reopens` },
          status: "in_review",
        });
        await t().article({ input: { headline: `A ${tag} escapes` }, authorId: other.personId });
        const query = async (qs: string) =>
          (await t().call(editor, "GET", `/articles?${qs}`)).json() as {
            items: { id: string }[];
            total: number;
          };

        const found = await query(`q=${tag.toUpperCase()}`);
        expect(found.total).toBe(2);
        expect((await query(`q=${tag}&status=in_review`)).items.map((a) => a.id)).toEqual([
          mine.id,
        ]);
        expect((await query(`q=${tag}&authorId=${other.personId}`)).total).toBe(1);
        expect((await query(`q=${tag}&sectionId=${t().basics.section.id}`)).total).toBe(2);
        // LIKE wildcards in the search are plain characters.
        expect((await query("q=%25")).total).toBe(0);
        expect(found.items[0]).not.toHaveProperty("body");
        expect(found.items[0]).toHaveProperty("version");
      });

      it("pages with limit and offset and refuses bad paging or unknown filters", async () => {
        const editor = await t().staff("editor");
        await t().article();
        await t().article();
        const page = (await t().call(editor, "GET", "/articles?limit=1&offset=1")).json();
        expect(page).toMatchObject({ limit: 1, offset: 1 });
        expect(page.items).toHaveLength(1);
        expect((await t().call(editor, "GET", "/articles?limit=0")).statusCode).toBe(400);
        expect((await t().call(editor, "GET", "/articles?limit=abc")).statusCode).toBe(400);
        const unknown = await t().call(editor, "GET", "/articles?colour=red");
        expect(unknown.statusCode).toBe(400);
        expect((await t().call(editor, "GET", "/articles?status=lost")).statusCode).toBe(400);
      });
    });

    describe("GET /articles/:id", () => {
      it("is 404 for an unknown id and 400 for a malformed one", async () => {
        const editor = await t().staff("editor");
        const unknown = await t().call(
          editor,
          "GET",
          "/articles/00000000-0000-4000-8000-00000000dead",
        );
        expect(unknown.statusCode).toBe(404);
        expect(unknown.json().error.code).toBe("MH_NOT_FOUND");
        expect((await t().call(editor, "GET", "/articles/nope")).statusCode).toBe(400);
      });
    });

    describe("PUT /articles/:id", () => {
      it("refuses the second of two editors who saved from the same version; the first save stays", async () => {
        const [first, second] = [await t().staff("editor"), await t().staff("editor")];
        const a = await t().article();
        const read = (await t().call(second, "GET", `/articles/${a.id}`)).json();

        const saved = await t().call(first, "PUT", `/articles/${a.id}`, {
          ...editInput(t(), { slug: a.slug, headline: "First editor's headline" }),
          version: read.version,
        });
        expect(saved.statusCode).toBe(200);
        expect(saved.json().version).toBe(read.version + 1);

        const refused = await t().call(second, "PUT", `/articles/${a.id}`, {
          ...editInput(t(), { slug: a.slug, headline: "Second editor's headline" }),
          version: read.version,
        });
        expect(refused.statusCode).toBe(409);
        expect(refused.json().error.code).toBe("MH_STALE");
        expect(refused.json().error.message).toContain(`version ${read.version + 1}`);

        const now = (await t().call(second, "GET", `/articles/${a.id}`)).json();
        expect(now.article.headline).toBe("First editor's headline");
        expect(now.version).toBe(read.version + 1);
      });

      it("takes the version from If-Match, and refuses a save that names no version", async () => {
        const editor = await t().staff("editor");
        const a = await t().article();
        const input = editInput(t(), { slug: a.slug, headline: "Matched" });
        const none = await t().call(editor, "PUT", `/articles/${a.id}`, input);
        expect(none.statusCode).toBe(409);
        expect(none.json().error.code).toBe("MH_STALE");
        const matched = await t().app.inject({
          method: "PUT",
          url: `/api/admin/v1/articles/${a.id}`,
          headers: { ...editor.headers, "if-match": `"${a.version}"` },
          payload: input,
        });
        expect(matched.statusCode).toBe(200);
        expect(matched.headers.etag).toBe(`"${a.version + 1}"`);
      });

      it("keeps status and publication time, and refreshes the public page of a published article", async () => {
        const editor = await t().staff("editor");
        const a = await t().article({ status: "published" });
        const before = await t().app.inject({ method: "GET", url: `/articles/${a.slug}` });
        expect(before.statusCode).toBe(200);
        const res = await t().call(editor, "PUT", `/articles/${a.id}`, {
          ...editInput(t(), { slug: a.slug, headline: "A corrected headline" }),
          version: a.version,
        });
        expect(res.json().article).toMatchObject({ status: "published" });
        expect(res.json().article.publishedAt).not.toBeNull();
        const after = await t().app.inject({ method: "GET", url: `/articles/${a.slug}` });
        expect(after.body).toContain("A corrected headline");
      });

      it("refuses a contributor removing themselves from the byline", async () => {
        const writer = await t().staff("contributor");
        const a = await t().article({ authorId: writer.personId });
        const res = await t().call(writer, "PUT", `/articles/${a.id}`, {
          ...editInput(t(), { slug: a.slug }),
          version: a.version,
        });
        expect(res.statusCode).toBe(403);
      });
    });

    describe("POST /articles/:id/transitions", () => {
      it("moves a draft through review and schedule, bumping the version each time", async () => {
        const editor = await t().staff("editor");
        const a = await t().article();
        const review = await t().call(editor, "POST", `/articles/${a.id}/transitions`, {
          to: "in_review",
          version: a.version,
        });
        expect(review.json()).toMatchObject({
          article: { status: "in_review" },
          version: a.version + 1,
        });
        const at = hoursFromNow(2);
        const scheduled = await t().call(editor, "POST", `/articles/${a.id}/transitions`, {
          to: "scheduled",
          publishedAt: at,
          version: a.version + 1,
        });
        expect(scheduled.json().article).toMatchObject({
          status: "scheduled",
          publishedAt: new Date(at).toISOString(),
        });
        const back = await t().call(editor, "POST", `/articles/${a.id}/transitions`, {
          to: "draft",
          version: a.version + 2,
        });
        expect(back.json().article).toMatchObject({ status: "draft", publishedAt: null });
      });

      it("refuses a move the workflow does not allow with 409, naming the allowed ones", async () => {
        const editor = await t().staff("editor");
        const a = await t().article();
        const res = await t().call(editor, "POST", `/articles/${a.id}/transitions`, {
          to: "unpublished",
          version: a.version,
        });
        expect(res.statusCode).toBe(409);
        expect(res.json().error).toEqual({
          code: "MH_CONFLICT",
          message:
            "an article cannot go from draft to unpublished; from draft it can go to: in_review, scheduled, published",
        });
        const still = (await t().call(editor, "GET", `/articles/${a.id}`)).json();
        expect(still).toMatchObject({ article: { status: "draft" }, version: a.version });
      });

      it("refuses to schedule in the past, or to publish now at a future time", async () => {
        const editor = await t().staff("editor");
        const a = await t().article();
        const past = await t().call(editor, "POST", `/articles/${a.id}/transitions`, {
          to: "scheduled",
          publishedAt: hoursFromNow(-1),
          version: a.version,
        });
        expect(past.statusCode).toBe(400);
        expect(past.json().error.issues[0].path).toBe("publishedAt");
        const future = await t().call(editor, "POST", `/articles/${a.id}/transitions`, {
          to: "published",
          publishedAt: hoursFromNow(1),
          version: a.version,
        });
        expect(future.statusCode).toBe(400);
        const noTime = await t().call(editor, "POST", `/articles/${a.id}/transitions`, {
          to: "scheduled",
          version: a.version,
        });
        expect(noTime.statusCode).toBe(400);
      });

      it("refuses a stale transition", async () => {
        const editor = await t().staff("editor");
        const a = await t().article({ status: "in_review" });
        const res = await t().call(editor, "POST", `/articles/${a.id}/transitions`, {
          to: "published",
          version: a.version - 1,
        });
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe("MH_STALE");
      });

      it("publishes to the public site and takes it down again", async () => {
        const author = await t().staff("author");
        const a = await t().article({ authorId: author.personId });
        const page = () => t().app.inject({ method: "GET", url: `/articles/${a.slug}` });
        expect((await page()).statusCode).toBe(404);
        await t().call(author, "POST", `/articles/${a.id}/transitions`, {
          to: "published",
          version: a.version,
        });
        expect((await page()).statusCode).toBe(200);
        await t().call(author, "POST", `/articles/${a.id}/transitions`, {
          to: "unpublished",
          version: a.version + 1,
        });
        expect((await page()).statusCode).toBe(404);
      });

      it("refuses a bad target status with the list of statuses", async () => {
        const editor = await t().staff("editor");
        const a = await t().article();
        const res = await t().call(editor, "POST", `/articles/${a.id}/transitions`, {
          to: "live",
          version: a.version,
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.issues[0]).toEqual({
          path: "to",
          message: "to must be one of: draft, in_review, scheduled, published, unpublished",
        });
      });
    });

    describe("DELETE /articles/:id", () => {
      it("deletes the article and its public page", async () => {
        const editor = await t().staff("editor");
        const a = await t().article({ status: "published" });
        expect(
          (await t().app.inject({ method: "GET", url: `/articles/${a.slug}` })).statusCode,
        ).toBe(200);
        const res = await t().call(editor, "DELETE", `/articles/${a.id}`);
        expect(res.statusCode).toBe(204);
        expect((await t().call(editor, "GET", `/articles/${a.id}`)).statusCode).toBe(404);
        expect(
          (await t().app.inject({ method: "GET", url: `/articles/${a.slug}` })).statusCode,
        ).toBe(404);
      });

      it("refuses a stale If-Match", async () => {
        const editor = await t().staff("editor");
        const a = await t().article({ status: "in_review" });
        const res = await t().app.inject({
          method: "DELETE",
          url: `/api/admin/v1/articles/${a.id}`,
          headers: { ...editor.headers, "if-match": '"1"' },
        });
        expect(res.statusCode).toBe(409);
        expect((await t().call(editor, "GET", `/articles/${a.id}`)).statusCode).toBe(200);
      });
    });
  });
