// Readers' comments over real HTTP on each database: moderation, threads, anti-spam, staff,
// closing and bad input. Posting goes through the public form route; moderation through the
// admin API, as the newsroom would do it.
import { describe, expect, it } from "vitest";
import { COMMENT_MAX_DEPTH, COMMENT_MAX_LENGTH } from "../../src/content/index.js";
import { COMMENT_RATE_LIMIT } from "../../src/site/comments/policy.js";
import { makeFormStamp } from "../../src/site/comments/signing.js";
import {
  countComments,
  getCommentSecret,
  getSettings,
  latestChangePosition,
  listComments,
  readChangesAfter,
  updateSettings,
} from "../../src/store/index.js";
import { type ContentApp, type Staff, useContentApp } from "../api/content/app.js";
import { DATABASES } from "../helpers/databases.js";
import { published } from "../helpers/fixtures.js";

let ipCounter = 0;
/** A client address of its own, so one test's posts never count against another's limit. */
const freshIp = () => {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

for (const db of DATABASES)
  describe(`comments on ${db.name}`, () => {
    const t = useContentApp(db);

    async function openArticle(input: Record<string, unknown> = {}) {
      const a = await t().article(input.status ? { input } : { status: "published", input });
      return { ...a, path: `/articles/${a.slug}` };
    }

    /** A genuine stamp, as the page would have rendered it `ageMs` ago. */
    async function stamp(articleId: string, ageMs = 10_000) {
      return makeFormStamp(await getCommentSecret(t().store), articleId, Date.now() - ageMs);
    }

    async function post(
      article: { id: string; path: string },
      fields: Record<string, string>,
      opts: { ip?: string; cookie?: string; stamp?: string } = {},
    ) {
      const payload = new URLSearchParams({
        stamp: opts.stamp ?? (await stamp(article.id)),
        ...fields,
      });
      return t().app.inject({
        method: "POST",
        url: `${article.path}/comments`,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": opts.ip ?? freshIp(),
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
        },
        payload: payload.toString(),
      });
    }

    const page = async (url: string) => (await t().app.inject(url)).body;
    /** The commenter cookie a post's answer set, as the browser would send it back. */
    const cookieOf = (res: { headers: Record<string, unknown> }) =>
      String(res.headers["set-cookie"]).split(";")[0] as string;
    const idOf = (location: string | undefined) =>
      /#comment-([0-9a-f-]{36})$/.exec(location ?? "")?.[1] as string;

    // Signing in costs a password hash: one editor serves the whole file.
    let editorOnce: Promise<Staff> | undefined;
    const editor = () => {
      editorOnce ??= t().staff("editor");
      return editorOnce;
    };

    async function approve(t2: ContentApp, id: string) {
      const res = await t2.call(await editor(), "PATCH", `/comments/${id}`, { status: "approved" });
      expect(res.statusCode).toBe(200);
    }

    it("holds a new commenter's first comment, shows it only to them, and lets their browser's later ones through once approved", async () => {
      const a = await openArticle();
      expect(await page(a.path)).toContain("No comments yet."); // now cached
      const first = await post(a, {
        name: "Ana",
        email: "Ana@Example.org",
        body: "First *thoughts*",
      });
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toMatch(
        new RegExp(`^${a.path}\\?pending=[0-9a-f-]{36}\\.[A-Za-z0-9_-]{32}#comment-[0-9a-f-]{36}$`),
      );
      const id = idOf(first.headers.location);
      const [publicPage, ownPage] = [
        await page(a.path),
        await page(first.headers.location as string),
      ];
      expect(publicPage).not.toContain("First");
      expect(ownPage).toContain("Awaiting moderation");
      expect(ownPage).toContain("First <em>thoughts</em>");
      // A guessed token shows nothing.
      expect(await page(`${a.path}?pending=${id}.${"A".repeat(32)}`)).not.toContain("First");

      await approve(t(), id);
      expect(await page(a.path)).toContain("First <em>thoughts</em>"); // the cache was dropped

      const second = await post(
        a,
        { name: "Ana", email: "ana@example.ORG", body: "Second" },
        { cookie: cookieOf(first) },
      );
      expect(second.headers.location).toMatch(new RegExp(`^${a.path}#comment-`));
      expect(await page(a.path)).toContain("Second");
      expect(await page(a.path)).toContain("Comments (2)");
      // Lists show the approved count too (the home page's cache was dropped as well).
      expect(await page("/")).toContain(`href="${a.path}#comments">2 comments<`);
      for (const p of [await page(a.path), ownPage])
        expect(p.toLowerCase()).not.toContain("ana@example.org");
    });

    it("records comment.posted with the article's pages only when the comment shows at once, and an approval shows on the cached page at once", async () => {
      await editor(); // signing in records an event of its own
      const a = await openArticle();
      expect(await page(a.path)).toContain("No comments yet."); // now cached
      /** What happened since `position`: type, ids, data and whether the article page is named. */
      const since = async (position: number) =>
        (await readChangesAfter(t().store, position)).map((e) => ({
          type: e.type,
          ids: e.ids,
          data: e.data,
          shown: e.paths.includes(a.path) && e.paths.includes("/"),
        }));

      let position = await latestChangePosition(t().store);
      const held = await post(a, { name: "Bea", body: "Held for now" });
      const id = idOf(held.headers.location);
      const ids = { commentId: id, articleId: a.id };
      expect(await since(position)).toEqual([
        { type: "comment.posted", ids, data: { status: "pending" }, shown: false },
        { type: "comment.held", ids, data: undefined, shown: false },
      ]);

      position = await latestChangePosition(t().store);
      await approve(t(), id);
      expect(await since(position)).toEqual([
        {
          type: "comment.approved",
          ids,
          data: { from: "pending", to: "approved" },
          shown: true,
        },
      ]);
      // The same server's cached copies were dropped before the approval's answer.
      expect(await page(a.path)).toContain("Held for now");
      expect(await page("/")).toContain(`href="${a.path}#comments">1 comment<`);

      position = await latestChangePosition(t().store);
      const again = await post(a, { name: "Bea", body: "Straight in" }, { cookie: cookieOf(held) });
      const next = { commentId: idOf(again.headers.location), articleId: a.id };
      expect(await since(position)).toEqual([
        { type: "comment.posted", ids: next, data: { status: "approved" }, shown: true },
      ]);
      expect(await page(a.path)).toContain("Straight in");

      position = await latestChangePosition(t().store);
      const refused = await post(a, { name: "Bot", body: "x", website: "http://spam.example" });
      expect(refused.statusCode).toBe(400);
      expect(await since(position)).toEqual([]);
    });

    it("threads replies, nested under their parent, with a Reply link that works without JavaScript", async () => {
      const a = await openArticle();
      const email = "thread@example.org";
      const posted = await post(a, { name: "Root", email, body: "Top" });
      const root = idOf(posted.headers.location);
      const cookie = cookieOf(posted);
      await approve(t(), root);
      const replyForm = await page(`${a.path}?replyTo=${root}`);
      expect(replyForm).toContain("Reply to Root");
      expect(replyForm).toContain(`name="parent" value="${root}"`);
      const reply = await post(a, { name: "Kid", email, body: "Nested", parent: root }, { cookie });
      expect(reply.statusCode).toBe(303);
      const html = await page(a.path);
      expect(html).toContain(`href="${a.path}?replyTo=${root}#comment-form"`);
      const rootItem = html.slice(html.indexOf(`id="comment-${root}"`));
      expect(rootItem).toMatch(
        /class="comment-list comment-replies"[^>]*>\s*<li class="comment" id="comment-/,
      );
      expect(rootItem.indexOf("Nested")).toBeGreaterThan(0);

      // Down to the deepest level, then no further.
      let parent = idOf(reply.headers.location);
      for (let depth = 2; depth <= COMMENT_MAX_DEPTH; depth += 1)
        parent = idOf(
          (await post(a, { name: "K", email, body: `d${depth}`, parent }, { cookie })).headers
            .location,
        );
      const tooDeep = await post(a, { name: "K", email, body: "too deep", parent }, { cookie });
      expect(tooDeep.statusCode).toBe(400);
      expect(tooDeep.body).toContain(`Replies nest at most ${COMMENT_MAX_DEPTH} deep`);
    });

    it("refuses replies to removed, unpublished or other articles' comments, writing nothing", async () => {
      const a = await openArticle();
      const b = await openArticle();
      const gone = idOf((await post(a, { name: "G", body: "x" })).headers.location);
      await t().call(await editor(), "PATCH", `/comments/${gone}`, { status: "deleted" });
      const heldPost = await post(a, { name: "H", email: "h@example.org", body: "x" });
      const held = idOf(heldPost.headers.location);
      const onB = idOf((await post(b, { name: "B", body: "x" })).headers.location);
      await approve(t(), onB);
      const before = await countComments(t().store, a.id);
      for (const [parent, message] of [
        [gone, "does not exist or was removed"],
        [held, "awaiting moderation"],
        [onB, "belongs to another article"],
        ["00000000-0000-4000-8000-000000000000", "does not exist or was removed"],
        ["not-an-id", "does not exist or was removed"],
      ] as const) {
        const res = await post(a, { name: "R", body: "reply text kept", parent });
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain(message);
        expect(res.body).toContain("reply text kept");
      }
      expect(await countComments(t().store, a.id)).toBe(before);
      // The poster's own pending comment may be answered by them (their browser, not their email).
      const own = await post(
        a,
        { name: "H", email: "h@example.org", body: "follow-up", parent: held },
        { cookie: cookieOf(heldPost) },
      );
      expect(own.statusCode).toBe(303);
    });

    it.each([
      [
        "the honeypot is filled in",
        { website: "http://spam.example" },
        {},
        "filled in by a program",
      ],
      ["the form is posted at once", {}, { ageMs: 200 }, "very quick"],
      [
        "the stamp is forged",
        {},
        { stamp: `${Date.now() - 60_000}.${"x".repeat(43)}` },
        "expired or could not be checked",
      ],
      ["the stamp is missing", {}, { stamp: "" }, "expired or could not be checked"],
      ["the form is too old", {}, { ageMs: 8 * 86_400_000 }, "expired or could not be checked"],
      [
        "there are too many links",
        { body: "see https://a.example and www.b.example and http://c.example" },
        {},
        "comment has 3 links; at most 2 are allowed",
      ],
    ])(
      "refuses a comment when %s, keeping the text and writing nothing",
      async (_n, extra, opts, message) => {
        const a = await openArticle();
        const o = opts as { ageMs?: number; stamp?: string };
        const res = await post(
          a,
          { name: "Spammy", body: "Buy now", ...extra },
          { stamp: o.stamp ?? (await stamp(a.id, o.ageMs)) },
        );
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain(message);
        expect(res.body).toContain((extra as { body?: string }).body ?? "Buy now");
        expect(await countComments(t().store, a.id)).toBe(0);
      },
    );

    it("a stamp from the page itself is too fresh to post with at once", async () => {
      const a = await openArticle();
      const html = await page(a.path);
      const pageStamp = /name="stamp" value="([^"]+)"/.exec(html)?.[1] as string;
      const res = await post(a, { name: "Quick", body: "Fast" }, { stamp: pageStamp });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("very quick");
    });

    it("limits comments per address across the window", async () => {
      const a = await openArticle();
      const ip = freshIp();
      for (let i = 0; i < COMMENT_RATE_LIMIT; i += 1)
        expect((await post(a, { name: "Flood", body: `n${i}` }, { ip })).statusCode).toBe(303);
      const res = await post(a, { name: "Flood", body: "one more" }, { ip });
      expect(res.statusCode).toBe(429);
      expect(res.body).toContain("please wait a few minutes");
      expect(await countComments(t().store, a.id)).toBe(COMMENT_RATE_LIMIT);
      expect((await post(a, { name: "Other", body: "fine" })).statusCode).toBe(303);
    });

    it("holds the limit when one address floods with posts at once", async () => {
      const a = await openArticle();
      const ip = freshIp();
      const posts = Array.from({ length: COMMENT_RATE_LIMIT * 3 }, (_, i) =>
        post(a, { name: "Flood", body: `at once ${i}` }, { ip }),
      );
      const statuses = (await Promise.all(posts)).map((r) => r.statusCode).sort();
      expect(statuses.filter((s) => s === 303)).toHaveLength(COMMENT_RATE_LIMIT);
      expect(statuses.filter((s) => s === 429)).toHaveLength(COMMENT_RATE_LIMIT * 2);
      expect(await countComments(t().store, a.id)).toBe(COMMENT_RATE_LIMIT);
    });

    it("silently holds a blocked address's comments as spam", async () => {
      const a = await openArticle();
      const ip = freshIp();
      const first = idOf((await post(a, { name: "Troll", body: "x" }, { ip })).headers.location);
      const list = await t().call(await editor(), "GET", `/comments?articleId=${a.id}`);
      const hash = list.json().items.find((c: { id: string }) => c.id === first).addressHash;
      expect(
        (await t().call(await editor(), "POST", "/comment-blocks", { addressHash: hash }))
          .statusCode,
      ).toBe(201);
      const again = await post(
        a,
        { name: "Troll", email: "new@example.org", body: "again" },
        { ip },
      );
      expect(again.statusCode).toBe(303);
      expect(again.headers.location).toContain("?pending=");
      const spam = await listComments(t().store, a.id, { status: "spam" });
      expect(spam.map((c) => c.body)).toEqual(["again"]);
      expect(await page(a.path)).not.toContain("again");
    });

    it("posts a signed-in staff member's comment at once, marked Staff, only with the session's CSRF token", async () => {
      const a = await openArticle();
      const author = await t().staff("author");
      const form = await page(a.path);
      expect(form).not.toContain("Posting as");
      const own = (await t().app.inject({ url: a.path, headers: { cookie: author.cookie } })).body;
      expect(own).toContain("Posting as <strong>A author</strong>");
      expect(own).toContain(`name="csrf" value="${author.csrf}"`);

      const forged = await post(
        a,
        { body: "forged", csrf: "not-the-token" },
        { cookie: author.cookie },
      );
      expect(forged.statusCode).toBe(403);
      const signedOut = await post(a, { body: "no session", csrf: author.csrf });
      expect(signedOut.statusCode).toBe(403);
      expect(await countComments(t().store, a.id)).toBe(0);

      const ok = await post(
        a,
        { body: "From the newsroom", csrf: author.csrf },
        { cookie: author.cookie },
      );
      expect(ok.headers.location).toMatch(new RegExp(`^${a.path}#comment-`));
      const html = await page(a.path);
      expect(html).toMatch(
        /<span class="comment-author">A author<\/span><span class="comment-staff-badge">Staff<\/span>/,
      );
      expect(html).toContain("From the newsroom");
    });

    it("serves the cached page to made-up reply, pending and session parameters", async () => {
      const a = await openArticle();
      const cached = await t().app.inject(a.path);
      const etag = cached.headers.etag;
      expect(etag).toBeDefined();
      for (const request of [
        { url: `${a.path}?replyTo=not-a-comment` },
        { url: `${a.path}?pending=${"0".repeat(8)}.forged` },
        { url: a.path, headers: { cookie: "mh_session=made-up" } },
      ]) {
        const res = await t().app.inject(request);
        expect(res.statusCode, request.url).toBe(200);
        // The same cached bytes, not a fresh render for this request.
        expect(res.headers.etag, request.url).toBe(etag);
      }
    });

    it("closes comments per article and after the publication's number of days", async () => {
      const off = await openArticle({ commentsEnabled: false });
      const offPage = await page(off.path);
      expect(offPage).toContain("Comments are closed on this article.");
      expect(offPage).not.toContain('id="comment-form"');
      const refused = await post(off, { name: "A", body: "x" });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain("Comments are closed");

      const old = await openArticle(published(new Date(Date.now() - 10 * 86_400_000)));
      const fresh = await openArticle(published(new Date(Date.now() - 3_600_000)));
      const settings = await getSettings(t().store);
      await updateSettings(t().store, { ...settings, commentsCloseAfterDays: 7 });
      try {
        const res = await post(old, { name: "A", body: "late" });
        expect(res.statusCode).toBe(403);
        expect(res.body).toContain("closed 7 days after it was published");
        const oldPage = (await t().app.inject({ url: old.path, query: { replyTo: "x" } })).body;
        expect(oldPage).toContain("they close 7 days after an article is published");
        expect(oldPage).not.toContain('id="comment-form"');
        expect((await post(fresh, { name: "A", body: "in time" })).statusCode).toBe(303);
      } finally {
        await updateSettings(t().store, settings);
      }
      expect(await countComments(t().store, old.id)).toBe(0);
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
      async (_n, fields, message) => {
        const a = await openArticle();
        const res = await post(a, fields);
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain(message);
        if (fields.body.trim()) expect(res.body).toContain(fields.body.slice(0, 100));
        expect(await countComments(t().store, a.id)).toBe(0);
      },
    );

    it("a comment on an unknown article is a 404, and a body that is not a form is refused", async () => {
      const a = await openArticle();
      const unknown = await post(
        { id: a.id, path: "/articles/no-such-article" },
        { name: "A", body: "B" },
      );
      expect(unknown.statusCode).toBe(404);
      const json = await t().app.inject({
        method: "POST",
        url: `${a.path}/comments`,
        headers: { "content-type": "application/json" },
        payload: "{not json",
      });
      expect(json.statusCode).toBeGreaterThanOrEqual(400);
      expect(json.statusCode).toBeLessThan(500);
      expect(await countComments(t().store, a.id)).toBe(0);
    });
  });
