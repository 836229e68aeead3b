// A gallery's picture captions are rich text like an image's caption (bold, italic, links): the
// admin API keeps their marks, the page and the feed print them, search reads their words, and
// a caption with a mark the model does not have or longer than the limit gets a clear 400.
import { describe, expect, it } from "vitest";
import { GALLERY_IMAGE_CAPTION_MAX } from "../../../src/content/index.js";
import { DATABASES } from "../../helpers/databases.js";
import { type ContentApp, useContentApp } from "./app.js";

const CAPTION = [
  { text: "The mayor, " },
  { text: "visibly tired", italic: true },
  { text: ", at the " },
  { text: "vote", bold: true, href: "https://example.org/vote" },
];

const galleryWith = (t: ContentApp, caption: unknown) => ({
  type: "gallery",
  images: [{ mediaId: t.basics.media.id, alt: "The council chamber", caption }],
});

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

    it("keeps a picture caption's marks, and reads them back", async () => {
      const author = await t().staff("author");
      const body = [galleryWith(t(), CAPTION)];
      const res = await t().call(author, "POST", "/articles", draft(t(), author.personId, body));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().article.body).toEqual(body);
    });

    it("prints a picture caption's marks on the page and in the feed", async () => {
      const { slug } = await t().article({
        status: "published",
        input: { body: [galleryWith(t(), CAPTION) as never] },
      });
      const page = await t().app.inject({ method: "GET", url: `/articles/${slug}` });
      expect(page.statusCode).toBe(200);
      const item = /<figure class="gallery-item">[\s\S]*?<\/figure>/.exec(page.body)?.[0] ?? "";
      expect(item).toContain("<em>visibly tired</em>");
      expect(item).toMatch(
        /<a href="https:\/\/example.org\/vote"[^>]*><strong>vote<\/strong><\/a>/,
      );
      const feed = await t().app.inject({ method: "GET", url: "/feed.xml" });
      expect(feed.body).toContain("<figcaption>The mayor, <em>visibly tired</em>");
    });

    it("refuses a caption with a mark the model does not have, naming where", async () => {
      const editor = await t().staff("editor");
      const underlined = [{ text: "Underlined", underline: true }];
      const res = await t().call(
        editor,
        "POST",
        "/articles",
        draft(t(), editor.personId, [galleryWith(t(), underlined)]),
      );
      expect(res.statusCode).toBe(400);
      const { error } = res.json();
      expect(error.code).toBe("MH_CONTENT_INVALID");
      const issue = (error.issues as { path: string; message: string }[]).find((i) =>
        i.path.startsWith("body.0.images.0.caption"),
      );
      expect(issue?.message).toContain("underline");
    });

    it(`refuses a caption over ${GALLERY_IMAGE_CAPTION_MAX} characters with the limit`, async () => {
      const editor = await t().staff("editor");
      // Split in runs: the limit is on the caption's text, not on one run.
      const long = [{ text: "a".repeat(600) }, { text: "b".repeat(401), italic: true }];
      const res = await t().call(
        editor,
        "POST",
        "/articles",
        draft(t(), editor.personId, [galleryWith(t(), long)]),
      );
      expect(res.statusCode).toBe(400);
      const { error } = res.json();
      expect(error.code).toBe("MH_CONTENT_INVALID");
      expect(error.issues).toContainEqual({
        path: "body.0.images.0.caption",
        message: `caption must be at most ${GALLERY_IMAGE_CAPTION_MAX} characters`,
      });
    });
  });
