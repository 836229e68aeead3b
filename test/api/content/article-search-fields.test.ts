// The admin API takes and returns an article's meta title and description, canonical URL and
// featured image caption, refuses a bad canonical URL without writing, and the public page's
// head follows what was saved.
import { describe, expect, it } from "vitest";
import { DATABASES } from "../../helpers/databases.js";
import { useContentApp } from "./app.js";

const fields = {
  metaTitle: "Budget vote: who said what",
  metaDescription: "The council's 5-4 vote, member by member.",
  canonicalUrl: "https://elsewhere.example/budget",
  featuredImageCaption: "Council members before the vote.",
};

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);

    it("PUT sets them, GET returns them, and the public page's head uses them", async () => {
      const editor = await t().staff("editor");
      const a = await t().article({ status: "published" });
      const input = { ...t().basics.articleInput(), slug: a.slug };
      const saved = await t().call(editor, "PUT", `/articles/${a.id}`, {
        ...input,
        ...fields,
        version: a.version,
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json().article).toMatchObject(fields);
      const read = await t().call(editor, "GET", `/articles/${a.id}`);
      expect(read.json().article).toMatchObject(fields);
      const page = await t().app.inject({ method: "GET", url: `/articles/${a.slug}` });
      expect(page.body).toContain(`<meta name="description" content="${fields.metaDescription}"/>`);
      expect(page.body).toContain(`<link rel="canonical" href="${fields.canonicalUrl}"/>`);
      expect(page.body).toContain(`<title>${fields.metaTitle} — `);

      // A save that leaves them out sets them back to their defaults, like any other field.
      const cleared = await t().call(editor, "PUT", `/articles/${a.id}`, {
        ...input,
        version: a.version + 1,
      });
      expect(cleared.json().article).toMatchObject({
        metaTitle: "",
        metaDescription: "",
        canonicalUrl: null,
        featuredImageCaption: "",
      });
    });

    it("POST takes them on a new draft", async () => {
      const editor = await t().staff("editor");
      const res = await t().call(editor, "POST", "/articles", {
        ...t().basics.articleInput(),
        ...fields,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().article).toMatchObject(fields);
    });

    it("refuses a canonical URL that is not absolute http(s) with 400 at canonicalUrl, changing nothing", async () => {
      const editor = await t().staff("editor");
      const a = await t().article();
      const before = (await t().call(editor, "GET", `/articles/${a.id}`)).json();
      for (const bad of ["/budget", "javascript:alert(1)"]) {
        const res = await t().call(editor, "PUT", `/articles/${a.id}`, {
          ...t().basics.articleInput(),
          slug: a.slug,
          ...fields,
          canonicalUrl: bad,
          version: a.version,
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe("MH_CONTENT_INVALID");
        expect(res.json().error.issues).toEqual([
          { path: "canonicalUrl", message: expect.stringMatching(/^canonicalUrl must /) },
        ]);
      }
      const after = (await t().call(editor, "GET", `/articles/${a.id}`)).json();
      expect(after).toEqual(before);
    });
  });
