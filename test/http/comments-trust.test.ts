// Commenter trust over real HTTP on each database (issue 12): trust goes with a signed cookie that
// only the commenter's browser holds, never with a name or an email anyone can type; staff names
// and emails need a sign-in; the cookie is set by posting a comment and by nothing else.
import { describe, expect, it } from "vitest";
import { COMMENTER_COOKIE } from "../../src/site/comments/policy.js";
import { makeFormStamp, newCommenterToken } from "../../src/site/comments/signing.js";
import { countComments, getCommentSecret, listComments } from "../../src/store/index.js";
import { type Staff, useContentApp } from "../api/content/app.js";
import { DATABASES } from "../helpers/databases.js";

let ipCounter = 0;
/** A client address of its own, so one test's posts never count against another's limit. */
const freshIp = () => {
  ipCounter += 1;
  return `10.200.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

type Answer = { statusCode: number; headers: Record<string, unknown>; body: string };

/** The Set-Cookie lines of an answer (none, one or several). */
const setCookies = (res: Answer): string[] => {
  const header = res.headers["set-cookie"];
  return header === undefined ? [] : Array.isArray(header) ? header : [String(header)];
};
/** The commenter cookie an answer set, as `name=value` for a Cookie header. */
const commenterCookie = (res: Answer): string => {
  const line = setCookies(res).find((c) => c.startsWith(`${COMMENTER_COOKIE}=`));
  expect(line, "the answer sets the commenter cookie").toBeDefined();
  return (line as string).split(";")[0] as string;
};
const held = (res: Answer) => String(res.headers.location).includes("?pending=");
const published = (res: Answer) =>
  res.statusCode === 303 && !held(res) && String(res.headers.location).includes("#comment-");

for (const db of DATABASES)
  describe(`commenter trust on ${db.name}`, () => {
    const t = useContentApp(db);

    async function openArticle() {
      const a = await t().article({ status: "published" });
      return { ...a, path: `/articles/${a.slug}` };
    }

    async function post(
      article: { id: string; path: string },
      fields: Record<string, string>,
      opts: { cookie?: string; ip?: string; https?: boolean } = {},
    ): Promise<Answer> {
      const secret = await getCommentSecret(t().store);
      const payload = new URLSearchParams({
        stamp: makeFormStamp(secret, article.id, Date.now() - 10_000),
        ...fields,
      });
      return t().app.inject({
        method: "POST",
        url: `${article.path}/comments`,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": opts.ip ?? freshIp(),
          ...(opts.https ? { "x-forwarded-proto": "https" } : {}),
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
        },
        payload: payload.toString(),
      });
    }

    const idOf = (res: Answer) =>
      /#comment-([0-9a-f-]{36})$/.exec(String(res.headers.location))?.[1] as string;

    // Signing in costs a password hash: one editor serves the whole file.
    let editorOnce: Promise<Staff> | undefined;
    const editor = () => {
      editorOnce ??= t().staff("editor");
      return editorOnce;
    };
    async function moderate(id: string, status: "approved" | "spam") {
      const res = await t().call(await editor(), "PATCH", `/comments/${id}`, { status });
      expect(res.statusCode).toBe(200);
    }

    /** A commenter whose first comment a moderator approved: their browser's cookie. */
    async function trustedCommenter(a: { id: string; path: string }, email: string) {
      const first = await post(a, { name: "Regular", email, body: "First, held" });
      expect(held(first)).toBe(true);
      await moderate(idOf(first), "approved");
      return commenterCookie(first);
    }

    it("sets a signed, HttpOnly, SameSite=Lax commenter cookie for a year when a comment is posted", async () => {
      const a = await openArticle();
      const res = await post(a, { name: "Cookie", body: "Hello" });
      expect(res.statusCode).toBe(303);
      const [line, ...others] = setCookies(res);
      expect(others).toEqual([]);
      expect(line).toMatch(
        new RegExp(`^${COMMENTER_COOKIE}=[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}; Max-Age=31536000`),
      );
      expect(line).toContain("; Path=/articles");
      expect(line).toContain("; HttpOnly");
      expect(line).toContain("; SameSite=Lax");
      expect(line).not.toContain("Secure");
      const overHttps = await post(a, { name: "Cookie", body: "Hello again" }, { https: true });
      expect(setCookies(overHttps)[0]).toContain("; Secure");
    });

    it("publishes an approved commenter's later comments at once, and holds the same email without their cookie", async () => {
      const a = await openArticle();
      const cookie = await trustedCommenter(a, "regular@example.org");
      // From another address too: the trust goes with the browser, not the network.
      const again = await post(
        a,
        { name: "Regular", email: "regular@example.org", body: "Second, at once" },
        { cookie },
      );
      expect(published(again)).toBe(true);
      // The cookie is renewed (the same token), so a regular keeps it.
      expect(commenterCookie(again)).toBe(cookie);
      const html = (await t().app.inject(a.path)).body;
      expect(html).toContain("Second, at once");

      // Anyone else typing the same name and email is a new commenter: held.
      const impostor = await post(a, {
        name: "Regular",
        email: "Regular@Example.org",
        body: "Impostor",
      });
      expect(held(impostor)).toBe(true);
      expect(commenterCookie(impostor)).not.toBe(cookie);
      expect((await t().app.inject(a.path)).body).not.toContain("Impostor");
    });

    it("ignores a forged or altered cookie: the comment is held and a genuine new cookie replaces it", async () => {
      const a = await openArticle();
      const cookie = await trustedCommenter(a, "forged@example.org");
      const [name, token = ""] = cookie.split("=") as [string, string];
      const [id = "", signature = ""] = token.split(".");
      const flip = (s: string) => `${s.slice(0, -1)}${s.endsWith("A") ? "B" : "A"}`;
      const forgeries = [
        `${id}.${flip(signature)}`, // the signature altered
        `${flip(id)}.${signature}`, // the id altered
        newCommenterToken(Buffer.alloc(32, 7)), // well formed, signed with another secret
        `${id}`, // no signature
        "made-up",
      ];
      for (const forged of forgeries) {
        const res = await post(
          a,
          { name: "Regular", email: "forged@example.org", body: `Forged ${forged.length}` },
          { cookie: `${name}=${forged}` },
        );
        expect(held(res), forged).toBe(true);
        const fresh = commenterCookie(res);
        expect(fresh).not.toBe(`${name}=${forged}`);
        expect(fresh).not.toBe(cookie);
      }
      expect(
        (await listComments(t().store, a.id, { status: "pending" })).map((c) => c.body).sort(),
      ).toEqual(forgeries.map((f) => `Forged ${f.length}`).sort());
    });

    it("withdraws the trust when a moderator marks one of the commenter's comments as spam", async () => {
      const a = await openArticle();
      const cookie = await trustedCommenter(a, "turned@example.org");
      const later = await post(a, { name: "Regular", body: "Now spam" }, { cookie });
      expect(published(later)).toBe(true);
      await moderate(idOf(later), "spam");
      expect(held(await post(a, { name: "Regular", body: "Held again" }, { cookie }))).toBe(true);
    });

    it("never sets a cookie on pages, cached or not, nor on a refused comment or a staff comment", async () => {
      const a = await openArticle();
      const cookie = commenterCookie(await post(a, { name: "Reader", body: "Hi" }));
      const editorSession = await editor();
      for (const request of [
        { url: a.path }, // rendered
        { url: a.path }, // from the page cache
        { url: a.path, headers: { cookie } }, // a commenter reading
        { url: `${a.path}?replyTo=00000000-0000-4000-8000-000000000000` },
        { url: "/" },
        { url: "/feed.xml" },
        { url: a.path, headers: { cookie: editorSession.cookie } }, // staff's own page
      ]) {
        const res = await t().app.inject(request);
        expect(res.statusCode, request.url).toBeLessThan(400);
        expect(res.headers["set-cookie"], request.url).toBeUndefined();
      }
      const refused = await post(a, { name: "Bot", body: "spam", website: "http://x.example" });
      expect(refused.statusCode).toBe(400);
      expect(refused.headers["set-cookie"]).toBeUndefined();
      const staff = await post(
        a,
        { body: "From the newsroom", csrf: editorSession.csrf },
        { cookie: editorSession.cookie },
      );
      expect(published(staff)).toBe(true);
      expect(staff.headers["set-cookie"]).toBeUndefined();
    });

    it("refuses a staff member's name or email from a reader who is not signed in, in any spelling", async () => {
      const a = await openArticle();
      const staff = await editor(); // account "Test editor N", byline person "A editor"
      const accountName = staff.user.name;
      const [local, domain] = staff.user.email.split("@") as [string, string];
      const names = [
        "A editor",
        "  a   EDITOR ",
        "Ａ ｅｄｉｔｏｒ", // full-width (NFKC)
        "\u0410 \u0435ditor", // Cyrillic А and е
        "Á editor", // an accent
        "A\u200Beditor", // a zero-width space
        "A. Editor!",
        accountName.toUpperCase(),
      ];
      for (const name of names) {
        const res = await post(a, { name, body: `As ${name}` });
        expect(res.statusCode, name).toBe(403);
        expect(res.body, name).toContain("That name belongs to a member of staff");
        expect(res.body, name).toContain("sign in to comment as them");
        expect(res.body, name).toContain(`As ${name}`); // the reader's text is kept
        expect(res.headers["set-cookie"], name).toBeUndefined();
      }
      for (const email of [
        staff.user.email,
        ` ${staff.user.email.toUpperCase()} `,
        `${local}+comments@${domain}`,
      ]) {
        const res = await post(a, { name: "Someone Else", email, body: "Mail" });
        expect(res.statusCode, email).toBe(403);
        expect(res.body, email).toContain("That email address belongs to a member of staff");
      }
      // A trusted commenter's cookie does not lift the rule either.
      const cookie = await trustedCommenter(a, "trusted-but-not-staff@example.org");
      const withCookie = await post(a, { name: "A Editor", body: "Still no" }, { cookie });
      expect(withCookie.statusCode).toBe(403);
      expect(await countComments(t().store, a.id)).toBe(1);
      // A name that merely contains a staff name is a reader's own.
      expect(held(await post(a, { name: "A editor's neighbour", body: "Fine" }))).toBe(true);
    });
  });
