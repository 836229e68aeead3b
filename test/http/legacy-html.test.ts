// Legacy-HTML blocks through the real app on each database: the article page shows the safe
// subset inside the article body, hostile markup stored through the admin API is sanitized
// again when rendered, and search finds the block's words.
import { describe, expect, it } from "vitest";
import type { Block } from "../../src/content/index.js";
import { API, useContentApp } from "../api/content/app.js";
import { DATABASES } from "../helpers/databases.js";

const TABLE: Block = {
  type: "html",
  html: '<table><caption>Wombat sightings</caption><tr><td colspan="2">Rottnest</td></tr></table>',
  reason: "wp:table",
};

const HOSTILE: Block = {
  type: "html",
  html: '<p onmouseover="alert(1)" style="color:red">Numbat <b>count</b></p><img src=x onerror=alert(1)><script>alert(2)</script><a href="javascript:alert(3)">go</a><svg onload=alert(4)></svg>',
  reason: "shortcode [numbat]",
};

/** The article body's HTML: what sits between its opening tag and the article's footer. */
function articleBody(page: string): string {
  const start = page.indexOf('<div class="article-body">');
  expect(start).toBeGreaterThan(-1);
  return page.slice(start);
}

for (const db of DATABASES)
  describe(`legacy HTML on ${db.name}`, () => {
    const t = useContentApp(db);

    it("renders an imported table inside the article body, marked with its reason", async () => {
      const a = await t().article({
        status: "published",
        input: { body: [{ type: "paragraph", content: [{ text: "Before." }] }, TABLE] },
      });
      const res = await t().app.inject(`/articles/${a.slug}`);
      expect(res.statusCode).toBe(200);
      expect(articleBody(res.body)).toContain(
        '<div class="legacy-html" data-reason="wp:table"><table><caption>Wombat sightings</caption><tr><td colspan="2">Rottnest</td></tr></table></div>',
      );
    });

    it("sanitizes again on render what the admin API stored (it checks shape, not markup)", async () => {
      const editor = await t().staff("editor");
      const a = await t().article({ status: "published" });
      const read = (await t().call(editor, "GET", `/articles/${a.id}`)).json();
      const saved = await t().call(editor, "PUT", `/articles/${a.id}`, {
        ...t().basics.articleInput({ slug: a.slug, body: [HOSTILE] }),
        version: read.version,
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json().article.body).toEqual([HOSTILE]);

      const page = (await t().app.inject(`/articles/${a.slug}`)).body;
      expect(articleBody(page)).toContain(
        '<div class="legacy-html" data-reason="shortcode [numbat]"><p>Numbat <b>count</b></p><img src="x" alt="" loading="lazy" />go</div>',
      );
      expect(page).not.toMatch(/onmouseover|onerror|onload|alert\(2\)|javascript:|<svg/);
    });

    it("takes a block without a reason as staff HTML, from staff with the block.html right only", async () => {
      const write = async (role: "editor" | "author") => {
        const who = await t().staff(role);
        return t().app.inject({
          method: "POST",
          url: `${API}/articles`,
          headers: who.headers,
          payload: t().basics.articleInput({
            authorIds: [who.personId],
            body: [{ type: "html", html: "<p>x</p>" } as Block],
          }),
        });
      };
      const byEditor = await write("editor");
      expect(byEditor.statusCode).toBe(201);
      expect(byEditor.json().article.body).toEqual([{ type: "html", html: "<p>x</p>" }]);
      const byAuthor = await write("author");
      expect(byAuthor.statusCode).toBe(403);
      expect(byAuthor.json().error.code).toBe("MH_FORBIDDEN");
    });

    it("finds the article by the words inside its legacy HTML", async () => {
      const a = await t().article({
        status: "published",
        input: {
          body: [{ type: "html", html: "<p>Quolls <em>returned</em> in spring</p>", reason: "x" }],
        },
      });
      const res = await t().app.inject(`/search?q=${encodeURIComponent("quolls")}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`href="/articles/${a.slug}"`);
      expect(res.body).not.toContain("<em>returned</em>");
    });
  });
