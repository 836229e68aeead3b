// Hostile characters on each database: NUL, another C0 control and an unpaired surrogate in every
// text field of the anonymous forms and the main admin bodies, control characters in public
// paths, and non-ASCII redirect targets. Nothing may answer 500; a single-line field is refused
// with 400 naming it, prose is stored without the characters (docs/SECURITY.md, "Text hygiene").
import { beforeAll, describe, expect, it } from "vitest";
import { textProblem } from "../../src/content/index.js";
import { makeFormStamp } from "../../src/site/comments/signing.js";
import { getCommentSecret } from "../../src/store/index.js";
import { type ContentApp, type Staff, useContentApp } from "../api/content/app.js";
import { DATABASES } from "../helpers/databases.js";
import { personInput, sectionInput, tagInput, trackerInput } from "../helpers/fixtures.js";

/** The characters tried: NUL (PostgreSQL cannot store it), SOH, and half a surrogate pair. */
const HOSTILE = ["\u0000", "\u0001", "\uD800"] as const;
const shown = (c: string) => `U+${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}`;

/** Every string inside a JSON answer that breaks the text policy, with where it is. */
function uncleanStrings(value: unknown, path = ""): string[] {
  if (typeof value === "string")
    return textProblem(value) ? [`${path}: ${JSON.stringify(value)}`] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => uncleanStrings(v, `${path}.${i}`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => uncleanStrings(v, `${path}.${k}`));
  return [];
}

/** A copy of `body` with the value at the dot `path` replaced. */
function withField(body: unknown, path: string, value: string): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split(".");
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1) as string] = value;
  return copy;
}

interface Endpoint {
  does: string;
  method: "POST" | "PUT" | "PATCH";
  who: "editor" | "owner";
  target(t: ContentApp, who: Staff): Promise<{ url: string; body: unknown }>;
  /** Single-line fields: refused with 400 naming the field. */
  refused: Record<string, string>;
  /** Prose: stored without the characters. */
  stripped?: Record<string, string>;
}

const ENDPOINTS: Endpoint[] = [
  {
    does: "create an article",
    method: "POST",
    who: "editor",
    target: async (t) => ({
      url: "/articles",
      body: {
        ...t.basics.articleInput({
          body: [
            { type: "paragraph", content: [{ text: "x" }] },
            { type: "quote", content: [{ text: "x" }], speaker: "x" },
            { type: "image", mediaId: t.basics.media.id, alt: "x" },
            { type: "html", html: "<p>x</p>", reason: "x" },
          ],
        }),
      },
    }),
    refused: {
      headline: "Budget",
      dek: "Close vote",
      metaTitle: "Budget",
      metaDescription: "Close",
      featuredImageCaption: "Chamber",
      canonicalUrl: "https://example.org/a",
      "body.1.speaker": "Mayor",
      "body.2.alt": "Chamber",
      "body.0.content.0.href": "https://example.org/",
    },
    stripped: { "body.0.content.0.text": "The vote", "body.3.html": "<p>Old</p>" },
  },
  {
    does: "save an article",
    method: "PUT",
    who: "editor",
    target: async (t) => {
      const a = await t.article();
      return {
        url: `/articles/${a.id}`,
        body: { ...t.basics.articleInput({ slug: a.slug }), version: a.version },
      };
    },
    refused: { headline: "Budget" },
    stripped: { "body.0.content.0.text": "The vote" },
  },
  {
    does: "create a person",
    method: "POST",
    who: "editor",
    target: async () => ({ url: "/people", body: personInput({ avatarAlt: "x" }) }),
    refused: { name: "Ida", roleTitle: "Reporter", team: "City", avatarAlt: "Ida" },
    stripped: { shortBio: "Covers", bio: "Covers the council" },
  },
  {
    does: "create a section",
    method: "POST",
    who: "editor",
    target: async () => ({ url: "/sections", body: sectionInput({ description: "x" }) }),
    refused: { name: "City" },
    stripped: { description: "The city" },
  },
  {
    does: "create a tag",
    method: "POST",
    who: "editor",
    target: async () => ({ url: "/tags", body: tagInput() }),
    refused: { name: "Budget" },
  },
  {
    does: "create a tracker",
    method: "POST",
    who: "editor",
    target: async () => ({ url: "/trackers", body: trackerInput(1) }),
    refused: {
      title: "Pardons",
      "entries.0.title": "First",
      "entries.0.sourceName": "Court",
      "entries.0.sourceUrl": "https://example.org/r",
    },
    stripped: { "description.0.text": "A list", "entries.0.summary": "What happened" },
  },
  {
    does: "change the settings",
    method: "PUT",
    who: "owner",
    target: async () => ({ url: "/settings", body: { title: "Gazette", tagline: "News" } }),
    refused: { title: "Gazette", tagline: "News" },
  },
  {
    does: "add a redirect",
    method: "POST",
    who: "editor",
    target: async () => ({ url: "/redirects", body: { from: "/old-a", to: "/new-a" } }),
    refused: { from: "/old-b", to: "/new-b" },
  },
  {
    does: "edit a media item's details",
    method: "PATCH",
    who: "editor",
    target: async (t, who) => {
      const read = await t.call(who, "GET", `/media/${t.basics.media.id}`);
      return {
        url: `/media/${t.basics.media.id}`,
        body: { version: read.json().media.version, alt: "x", credit: { creator: "x" } },
      };
    },
    refused: { alt: "Chamber", "credit.creator": "Jo" },
  },
];

for (const db of DATABASES)
  describe(`hostile text on ${db.name}`, () => {
    const t = useContentApp(db);
    const staff: Partial<Record<"editor" | "owner", Staff>> = {};
    beforeAll(async () => {
      staff.editor = await t().staff("editor");
      staff.owner = await t().staff("owner");
    });

    for (const endpoint of ENDPOINTS)
      it(`${endpoint.does}: a single-line field is refused naming it, prose is stored clean`, async () => {
        const who = staff[endpoint.who] as Staff;
        const outcomes: string[] = [];
        const expected: string[] = [];
        for (const [kind, fields] of [
          ["refused", endpoint.refused],
          ["stripped", endpoint.stripped ?? {}],
        ] as const)
          for (const [field, fine] of Object.entries(fields))
            for (const c of HOSTILE) {
              const { url, body } = await endpoint.target(t(), who);
              const value = `${fine.slice(0, -1)}${c}${fine.slice(-1)}`;
              const res = await t().call(who, endpoint.method, url, withField(body, field, value));
              const answer = res.json();
              const named = (answer.error?.issues ?? []).some(
                (i: { path: string; message: string }) =>
                  i.path.endsWith(field) && i.message.includes(shown(c)),
              );
              const ok = res.statusCode < 300 && uncleanStrings(answer).length === 0;
              const seen = res.statusCode === 400 && named ? "refused" : ok ? "stripped" : "";
              outcomes.push(`${field} ${shown(c)}: ${seen || `${res.statusCode} ${res.body}`}`);
              expected.push(`${field} ${shown(c)}: ${kind}`);
            }
        expect(outcomes).toEqual(expected);
      });

    it("reads back prose stored without the characters", async () => {
      const editor = staff.editor as Staff;
      const res = await t().call(editor, "POST", "/people", {
        ...personInput(),
        bio: "One\u0000 line\r\nand \uD800the next",
      });
      expect(res.statusCode).toBe(201);
      const read = await t().call(editor, "GET", `/people/${res.json().person.id}`);
      expect(read.json().person.bio).toBe("One line\nand the next");
    });

    it("signing in with a hostile email is 400 naming the field, never 500", async () => {
      for (const c of HOSTILE) {
        const res = await t().app.inject({
          method: "POST",
          url: "/api/admin/v1/session",
          payload: { email: `ida${c}@example.org`, password: "correct horse battery" },
        });
        expect({
          c: shown(c),
          status: res.statusCode,
          path: res.json().error.issues?.[0]?.path,
        }).toEqual({
          c: shown(c),
          status: 400,
          path: "email",
        });
      }
      // A password is hashed, never stored: only what no database could take is refused.
      const nul = await t().app.inject({
        method: "POST",
        url: "/api/admin/v1/session",
        payload: { email: "ida@example.org", password: "correct\u0000horse" },
      });
      expect(nul.statusCode).toBe(400);
    });

    it("queries of the admin lists with hostile text are 400, never 500", async () => {
      const editor = staff.editor as Staff;
      for (const url of ["/articles?q=a%00b", "/media?q=a%01b", "/redirects?q=%00"]) {
        const res = await t().call(editor, "GET", url);
        expect({ url, status: res.statusCode }).toEqual({ url, status: 400 });
      }
    });

    describe("the comment form", () => {
      let ip = 0;
      async function post(fields: Record<string, string>) {
        const article = await t().article({ status: "published" });
        const stamp = makeFormStamp(
          await getCommentSecret(t().store),
          article.id,
          Date.now() - 10_000,
        );
        ip += 1;
        return t().app.inject({
          method: "POST",
          url: `/articles/${article.slug}/comments`,
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "x-forwarded-for": `10.77.0.${ip}`,
          },
          payload: new URLSearchParams({ stamp, ...fields }).toString(),
        });
      }
      const fine = { name: "Ida", email: "ida@example.org", body: "Good piece." };

      it("refuses a hostile name or email with the form shown again (400), never 500", async () => {
        for (const c of ["\u0000", "\u0001", "\u007f"]) {
          for (const field of ["name", "email"] as const) {
            const res = await post({ ...fine, [field]: `Id${c}a` });
            expect({ field, c: shown(c), status: res.statusCode }).toEqual({
              field,
              c: shown(c),
              status: 400,
            });
          }
        }
      });

      it("stores a comment whose text held control characters without them", async () => {
        const res = await post({ ...fine, body: "Good\u0000 piece,\r\nreally\u0001." });
        expect(res.statusCode).toBe(303);
        const id = /#comment-([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1] as string;
        const row = await t()
          .store.db.selectFrom("comments")
          .select("body")
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        expect(row.body).toBe("Good piece,\nreally.");
      });
    });

    describe("public paths", () => {
      it("answer 404 for control characters and non-slugs in section, author, tag, tracker, article, page and feed paths", async () => {
        const urls = [
          "/sections/%0a/page/1",
          "/sections/%0a",
          "/sections/%0a/page/2",
          "/authors/%00",
          "/authors/%00/page/1",
          "/tags/%7f",
          "/tags/%7f/page/1",
          "/trackers/%0a",
          "/articles/%00",
          "/%00",
          "/%0a/",
          "/page/%00",
          "/sections/%00/feed.xml",
          "/authors/%0d%0a/atom.xml",
          "/tags/%7f/feed.json",
          "/preview/%00",
          "/sections/caf%C3%A9-%C3%A9conomie/page/1",
          "/authors/%F0%9F%98%80/page/1",
        ];
        const answers = await Promise.all(
          urls.map(async (url) => `${url} ${(await t().app.inject(url)).statusCode}`),
        );
        expect(answers).toEqual(urls.map((url) => `${url} 404`));
      });

      it("answer a search, a comment post or a view beacon with control characters without a 500", async () => {
        const a = await t().article({ status: "published" });
        const search = await t().app.inject("/search?q=%00%01&section=%0a&from=%00");
        expect(search.statusCode).toBeLessThan(500);
        const comment = await t().app.inject({
          method: "POST",
          url: `/articles/${a.slug}%00/comments`,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          payload: "name=x",
        });
        expect(comment.statusCode).toBe(404);
        const beacon = await t().app.inject({ method: "POST", url: "/views/%00%0a" });
        expect([400, 404]).toContain(beacon.statusCode);
        const broken = await t().app.inject("/articles/%ED%A0%80");
        expect([400, 404]).toContain(broken.statusCode);
      });

      it("still sends page 1 of a real listing to the listing's own address", async () => {
        const res = await t().app.inject(`/sections/${t().basics.section.slug}/page/1`);
        expect(res.statusCode).toBe(301);
        expect(res.headers.location).toBe(`/sections/${t().basics.section.slug}`);
      });
    });

    describe("redirects to non-ASCII addresses", () => {
      const add = async (from: string, to: string) => {
        const res = await t().call(staff.editor as Staff, "POST", "/redirects", { from, to });
        expect(res.statusCode).toBe(201);
      };
      const locationOf = async (url: string) => {
        const res = await t().app.inject(url);
        expect({ url, status: res.statusCode }).toEqual({ url, status: 301 });
        return String(res.headers.location);
      };

      it("send Location percent-encoded as UTF-8, and it decodes back to the target", async () => {
        const targets = [
          "/tags/café-économie",
          "/tags/😀-news",
          "https://example.org/café?q=économie",
        ];
        for (const [i, to] of targets.entries()) {
          await add(`/old-accented-${i}`, to);
          const location = await locationOf(`/old-accented-${i}`);
          expect(location).toMatch(/^[\x21-\x7e]+$/);
          expect(decodeURI(location)).toBe(to);
        }
        expect(await locationOf("/old-accented-0")).toBe("/tags/caf%C3%A9-%C3%A9conomie");
      });

      it("fill a pattern with a non-ASCII segment and encode the result", async () => {
        await add("/vieux/:slug", "/tags/:slug");
        expect(await locationOf("/vieux/caf%C3%A9-%C3%A9conomie")).toBe(
          "/tags/caf%C3%A9-%C3%A9conomie",
        );
        expect(await locationOf("/vieux/%F0%9F%98%80")).toBe("/tags/%F0%9F%98%80");
        expect(await locationOf("/vieux/a%0ab")).toBe("/tags/a%0Ab");
      });

      it("match an old non-ASCII address however it is written", async () => {
        await add("/ancien/café", "/tags/budget");
        expect(await locationOf("/ancien/caf%C3%A9")).toBe("/tags/budget");
      });
    });
  });
