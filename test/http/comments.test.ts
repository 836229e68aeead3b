import { describe, expect, it } from "vitest";
import { COMMENT_MAX_LENGTH } from "../../src/content/index.js";
import { countComments, getArticleBySlug } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { DEMO_PATH, DEMO_SLUG, useDemoApp } from "./app.js";

const form = (fields: Record<string, string>) => ({
  method: "POST" as const,
  url: `${DEMO_PATH}/comments`,
  headers: { "content-type": "application/x-www-form-urlencoded" },
  payload: new URLSearchParams(fields).toString(),
});

for (const db of DATABASES)
  describe(`comments on ${db.name}`, () => {
    const t = useDemoApp(db);
    const commentCount = async () => {
      const article = await getArticleBySlug(t().store, DEMO_SLUG);
      return countComments(t().store, article?.id as string);
    };

    it("a reader's comment is stored and listed, escaped, with the email kept private", async () => {
      const hostile = `<script>alert("x")</script> <img src=x onerror=alert(1)> & more`;
      const posted = await t().app.inject(
        form({ name: "Ana <b>", email: "ana@example.org", body: hostile }),
      );
      expect(posted.statusCode).toBe(303);
      expect(posted.headers.location).toMatch(new RegExp(`^${DEMO_PATH}#comment-[0-9a-f-]{36}$`));

      const page = await t().app.inject(DEMO_PATH);
      expect(page.body).toMatch(/&lt;script>alert\(&quot;x&quot;\)&lt;\/script>/);
      expect(page.body).not.toContain("<script>alert");
      expect(page.body).not.toContain("<img src=x");
      expect(page.body).toContain("Ana &lt;b>");
      expect(page.body).not.toContain("ana@example.org");
    });

    it.each([
      ["an empty comment", { name: "Ana", email: "", body: "   " }, "comment text is required"],
      ["a missing name", { name: "", email: "", body: "Hello" }, "name is required"],
      [
        "an invalid email",
        { name: "Ana", email: "not-mail", body: "Hello" },
        "email address is not valid",
      ],
      [
        "an oversize comment",
        { name: "Ana", email: "", body: "x".repeat(COMMENT_MAX_LENGTH + 1) },
        `at most ${COMMENT_MAX_LENGTH} characters`,
      ],
    ])(
      "%s gets a 400 with the reason, the input kept and nothing stored",
      async (_name, fields, message) => {
        const before = await commentCount();
        const res = await t().app.inject(form(fields));
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain(message);
        if (fields.body.trim()) expect(res.body).toContain(fields.body.slice(0, 100));
        expect(await commentCount()).toBe(before);
      },
    );

    it("a comment on an unknown article is a 404", async () => {
      const res = await t().app.inject({
        ...form({ name: "A", body: "B" }),
        url: "/articles/nope/comments",
      });
      expect(res.statusCode).toBe(404);
    });

    it("a body that is not a form is refused without a write", async () => {
      const before = await commentCount();
      const res = await t().app.inject({
        method: "POST",
        url: `${DEMO_PATH}/comments`,
        headers: { "content-type": "application/json" },
        payload: "{not json",
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(await commentCount()).toBe(before);
    });
  });
