// The media library after upload: listing, reading with usage, editing alt text, description
// and credit, deleting (refused while an article uses the image), and the public page's
// responsive image.
import { access } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Role } from "../../../src/content/index.js";
import {
  createArticle,
  getMediaRecord,
  latestChangePosition,
  listSections,
  readChangesAfter,
} from "../../../src/store/index.js";
import { jpegPhoto } from "../../fixtures/images.js";
import { signIn } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { uniqueSlug } from "../../helpers/fixtures.js";
import { useDemoApp } from "../../http/app.js";
import { API, CREDITED, multipart } from "./requests.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

interface MediaJson {
  id: string;
  storageKey: string;
  alt: string;
  description: string;
  version: number;
  variants: { storageKey: string; format: string; width: number }[];
}

for (const db of DATABASES) {
  describe(db.name, () => {
    const t = useDemoApp(db);

    async function as(role: Role) {
      return (await signIn(t().app, t().store, role)).headers;
    }

    // A small photo unless the test looks at the renditions: each upload's image work (AVIF
    // included) is most of what this file's tests cost.
    async function uploaded(
      fields: Record<string, string> = CREDITED,
      role: Role = "editor",
      [width, height] = [320, 240],
    ): Promise<{ media: MediaJson; headers: Record<string, string> }> {
      const headers = await as(role);
      const body = await multipart(fields, { data: await jpegPhoto(width, height) });
      const res = await t().app.inject({
        method: "POST",
        url: `${API}/media`,
        headers: { ...headers, ...body.headers },
        payload: body.payload,
      });
      expect(res.statusCode).toBe(201);
      return { media: res.json().media, headers };
    }

    /** A published article with `mediaId` in its body, created through the store. */
    async function articleUsing(mediaId: string, headline: string) {
      const [section] = await listSections(t().store);
      const person = await t().store.db.selectFrom("people").select("id").executeTakeFirstOrThrow();
      return createArticle(t().store, {
        slug: uniqueSlug("uses-media"),
        headline,
        type: "news",
        sectionId: section?.id as string,
        authorIds: [person.id],
        status: "published",
        publishedAt: new Date(Date.now() - 60_000).toISOString(),
        body: [
          { type: "paragraph", content: [{ text: "Text." }] },
          { type: "image", mediaId, alt: "Protesters at the palace" },
        ],
      });
    }

    const exists = (dataDir: string, key: string) =>
      access(path.join(dataDir, "media", key)).then(
        () => true,
        () => false,
      );

    describe("GET /media", () => {
      it("lists the library newest first with a total, and searches alt text and credits", async () => {
        const { media } = await uploaded({ ...CREDITED, alt: "A heron on the Zambezi river" });
        const headers = await as("contributor");
        const all = await t().app.inject({ url: `${API}/media?limit=1`, headers });
        expect(all.statusCode).toBe(200);
        expect(all.json().items.map((i: MediaJson) => i.id)).toEqual([media.id]);
        expect(all.json().total).toBeGreaterThan(1);
        const found = await t().app.inject({ url: `${API}/media?q=zambezi`, headers });
        expect(found.json()).toMatchObject({ total: 1, items: [{ id: media.id }] });
      });

      it.each([
        ["limit=0", "limit"],
        ["limit=many", "limit"],
        ["offset=-1", "offset"],
        ["sort=name", ""],
      ])("refuses ?%s with 400", async (query, pathName) => {
        const res = await t().app.inject({
          url: `${API}/media?${query}`,
          headers: await as("editor"),
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.issues[0].path).toBe(pathName);
      });

      it("without a session is 401", async () => {
        const res = await t().app.inject(`${API}/media`);
        expect(res.statusCode).toBe(401);
      });
    });

    describe("GET /media/:id", () => {
      it("is 404 for an unknown id and 400 for a malformed one", async () => {
        const headers = await as("editor");
        const missing = await t().app.inject({ url: `${API}/media/${MISSING}`, headers });
        expect(missing.statusCode).toBe(404);
        expect(missing.json().error.code).toBe("MH_NOT_FOUND");
        const malformed = await t().app.inject({ url: `${API}/media/not-an-id`, headers });
        expect(malformed.statusCode).toBe(400);
        expect(malformed.json().error.issues[0].path).toBe("id");
      });

      it("names the articles using the image", async () => {
        const { media } = await uploaded();
        const article = await articleUsing(media.id, "Palace protest grows");
        const res = await t().app.inject({
          url: `${API}/media/${media.id}`,
          headers: await as("author"),
        });
        expect(res.json().media.usage.articles).toEqual([
          {
            id: article.id,
            headline: "Palace protest grows",
            slug: article.slug,
            status: "published",
          },
        ]);
      });
    });

    describe("PATCH /media/:id", () => {
      it("changes alt text and credit at the version read", async () => {
        const { media, headers } = await uploaded();
        const res = await t().app.inject({
          method: "PATCH",
          url: `${API}/media/${media.id}`,
          headers,
          payload: {
            version: 1,
            alt: "Crowds outside the palace",
            credit: { creator: "", sourceName: "", license: "cc-by-4.0" },
          },
        });
        expect(res.statusCode).toBe(200);
        expect(res.json().media).toMatchObject({
          alt: "Crowds outside the palace",
          version: 2,
          credit: { creator: "", sourceName: "", license: "cc-by-4.0" },
          creditWarning:
            "CC BY 4.0 requires attribution: add the creator or the source before publishing",
        });
      });

      it("sets the description, which GET returns and the library search finds", async () => {
        const { media, headers } = await uploaded();
        expect(media.description).toBe("");
        const description =
          "Taken from the roof of the post office; the crowd reached the cathedral an hour later.";
        const res = await t().app.inject({
          method: "PATCH",
          url: `${API}/media/${media.id}`,
          headers,
          payload: { version: 1, description },
        });
        expect(res.statusCode).toBe(200);
        expect(res.json().media).toMatchObject({ description, alt: CREDITED.alt, version: 2 });
        const read = await t().app.inject({ url: `${API}/media/${media.id}`, headers });
        expect(read.json().media.description).toBe(description);
        const found = await t().app.inject({ url: `${API}/media?q=post%20office`, headers });
        expect(found.json()).toMatchObject({ total: 1, items: [{ id: media.id, description }] });
      });

      it("refuses a too-long description as it refuses a too-long alt, and changes nothing", async () => {
        const { media, headers } = await uploaded();
        const refusal = async (payload: Record<string, unknown>) => {
          const res = await t().app.inject({
            method: "PATCH",
            url: `${API}/media/${media.id}`,
            headers,
            payload: { version: 1, ...payload },
          });
          expect(res.statusCode).toBe(400);
          return res.json().error;
        };
        const alt = await refusal({ alt: "a".repeat(501) });
        const description = await refusal({ description: "d".repeat(5001) });
        expect(description.code).toBe(alt.code);
        expect(description.code).toBe("MH_CONTENT_INVALID");
        expect(description.issues).toEqual([
          { path: "description", message: expect.stringMatching(/5000/) },
        ]);
        expect(alt.issues.map((i: { path: string }) => i.path)).toEqual(["alt"]);
        expect(await getMediaRecord(t().store, media.id)).toMatchObject({
          version: 1,
          description: "",
          alt: CREDITED.alt,
        });
      });

      it("takes the version from If-Match too, and refuses a stale one with 409 naming the current", async () => {
        const { media, headers } = await uploaded();
        const first = await t().app.inject({
          method: "PATCH",
          url: `${API}/media/${media.id}`,
          headers: { ...headers, "if-match": '"1"' },
          payload: { alt: "First editor" },
        });
        expect(first.statusCode).toBe(200);
        const second = await t().app.inject({
          method: "PATCH",
          url: `${API}/media/${media.id}`,
          headers,
          payload: { version: 1, alt: "Second editor" },
        });
        expect(second.statusCode).toBe(409);
        expect(second.json().error.code).toBe("MH_STALE");
        expect(second.json().error.message).toContain("version 2");
        expect((await getMediaRecord(t().store, media.id))?.alt).toBe("First editor");
      });

      it.each([
        [{ version: 1, credit: { license: "cc-by-9.0" } }, ["credit.license"]],
        [{ version: 1, alt: "" }, ["alt"]],
        [{ version: 1, alt: 42 }, ["alt"]],
        [{ version: 1, width: 10 }, [""]],
        [{ version: 1, credit: { photographer: "x" } }, ["credit"]],
      ])("refuses %j with 400 and writes nothing", async (payload, paths) => {
        const { media, headers } = await uploaded();
        const res = await t().app.inject({
          method: "PATCH",
          url: `${API}/media/${media.id}`,
          headers,
          payload,
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.issues.map((i: { path: string }) => i.path)).toEqual(paths);
        expect((await getMediaRecord(t().store, media.id))?.version).toBe(1);
      });

      it("refuses malformed JSON with 400", async () => {
        const { media, headers } = await uploaded();
        const res = await t().app.inject({
          method: "PATCH",
          url: `${API}/media/${media.id}`,
          headers: { ...headers, "content-type": "application/json" },
          payload: '{"version": 1, "alt": ',
        });
        expect(res.statusCode).toBe(400);
      });

      it("lets a contributor fix their own upload but not someone else's", async () => {
        const own = await uploaded(CREDITED, "contributor");
        const ok = await t().app.inject({
          method: "PATCH",
          url: `${API}/media/${own.media.id}`,
          headers: own.headers,
          payload: { version: 1, alt: "Fixed" },
        });
        expect(ok.statusCode).toBe(200);
        const other = await uploaded(CREDITED, "editor");
        const refused = await t().app.inject({
          method: "PATCH",
          url: `${API}/media/${other.media.id}`,
          headers: own.headers,
          payload: { version: 1, alt: "Not mine" },
        });
        expect(refused.statusCode).toBe(403);
        expect(refused.json().error.code).toBe("MH_FORBIDDEN");
        expect((await getMediaRecord(t().store, other.media.id))?.alt).toBe(CREDITED.alt);
      });

      it("refuses a forged CSRF token with 403 and writes nothing", async () => {
        const { media, headers } = await uploaded();
        const res = await t().app.inject({
          method: "PATCH",
          url: `${API}/media/${media.id}`,
          headers: { ...headers, "x-csrf-token": "forged" },
          payload: { version: 1, alt: "Forged" },
        });
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe("MH_CSRF");
        expect((await getMediaRecord(t().store, media.id))?.alt).toBe(CREDITED.alt);
      });
    });

    describe("DELETE /media/:id", () => {
      it("is refused with 409 listing the articles that use the image, and keeps it", async () => {
        const { media, headers } = await uploaded();
        const article = await articleUsing(media.id, "Palace protest grows");
        const res = await t().app.inject({
          method: "DELETE",
          url: `${API}/media/${media.id}`,
          headers,
        });
        expect(res.statusCode).toBe(409);
        const { error } = res.json();
        expect(error.code).toBe("MH_CONFLICT");
        expect(error.message).toBe(
          "this image is still used by 1 article ('Palace protest grows'); remove it from them first",
        );
        expect(error.usage.articles).toEqual([
          expect.objectContaining({ id: article.id, headline: "Palace protest grows" }),
        ]);
        expect(await getMediaRecord(t().store, media.id)).toBeDefined();
        expect(await exists(t().dataDir, media.storageKey)).toBe(true);
      });

      it("removes an unused image, its renditions and their files", async () => {
        const { media, headers } = await uploaded();
        const res = await t().app.inject({
          method: "DELETE",
          url: `${API}/media/${media.id}`,
          headers,
        });
        expect(res.statusCode).toBe(204);
        expect(await getMediaRecord(t().store, media.id)).toBeUndefined();
        for (const key of [media.storageKey, ...media.variants.map((v) => v.storageKey)])
          expect(await exists(t().dataDir, key), key).toBe(false);
        const again = await t().app.inject({
          method: "DELETE",
          url: `${API}/media/${media.id}`,
          headers,
        });
        expect(again.statusCode).toBe(404);
      });

      it.each(["contributor", "author"] as const)(
        "is refused with 403 to the role %s",
        async (role) => {
          const { media } = await uploaded(CREDITED, role);
          const res = await t().app.inject({
            method: "DELETE",
            url: `${API}/media/${media.id}`,
            headers: await as(role),
          });
          expect(res.statusCode).toBe(403);
          expect(await getMediaRecord(t().store, media.id)).toBeDefined();
        },
      );

      it("without a session is 401, with a forged CSRF token 403", async () => {
        const { media, headers } = await uploaded();
        const anonymous = await t().app.inject({
          method: "DELETE",
          url: `${API}/media/${media.id}`,
        });
        expect(anonymous.statusCode).toBe(401);
        const forged = await t().app.inject({
          method: "DELETE",
          url: `${API}/media/${media.id}`,
          headers: { ...headers, "x-csrf-token": "forged" },
        });
        expect(forged.statusCode).toBe(403);
        expect(forged.json().error.code).toBe("MH_CSRF");
        expect(await getMediaRecord(t().store, media.id)).toBeDefined();
      });
    });

    describe("change events", () => {
      /** The media events recorded since `position` (signing in records its own), as type, ids and paths. */
      const eventsSince = async (position: number) =>
        (await readChangesAfter(t().store, position))
          .filter((e) => e.type.startsWith("media."))
          .map(({ type, ids, paths }) => ({ type, ids, paths }));

      it("an upload records media.added, which no page shows yet", async () => {
        const position = await latestChangePosition(t().store);
        const { media } = await uploaded();
        expect(await eventsSince(position)).toEqual([
          { type: "media.added", ids: { mediaId: media.id }, paths: [] },
        ]);
      });

      it("an edit records media.updated naming the published pages that use the image, and they show it at once", async () => {
        const { media, headers } = await uploaded();
        const article = await articleUsing(media.id, "Palace protest grows");
        const before = await t().app.inject(`/articles/${article.slug}`);
        expect(before.body).toContain(CREDITED.creator); // and now cached
        const position = await latestChangePosition(t().store);
        const res = await t().app.inject({
          method: "PATCH",
          url: `${API}/media/${media.id}`,
          headers,
          payload: { version: 1, credit: { creator: "Sam Newcredit" } },
        });
        expect(res.statusCode).toBe(200);
        expect(await eventsSince(position)).toEqual([
          {
            type: "media.updated",
            ids: { mediaId: media.id },
            paths: [`/articles/${article.slug}`],
          },
        ]);
        const after = await t().app.inject(`/articles/${article.slug}`);
        expect(after.body).toContain("Sam Newcredit");
        expect(after.body).not.toContain(CREDITED.creator);
      });

      it("a refused edit records nothing; a deletion records media.deleted", async () => {
        const { media, headers } = await uploaded();
        const position = await latestChangePosition(t().store);
        const stale = await t().app.inject({
          method: "PATCH",
          url: `${API}/media/${media.id}`,
          headers,
          payload: { version: 7, alt: "Too late" },
        });
        expect(stale.statusCode).toBe(409);
        expect(await eventsSince(position)).toEqual([]);
        const res = await t().app.inject({
          method: "DELETE",
          url: `${API}/media/${media.id}`,
          headers,
        });
        expect(res.statusCode).toBe(204);
        expect(await eventsSince(position)).toEqual([
          { type: "media.deleted", ids: { mediaId: media.id }, paths: [] },
        ]);
      });
    });

    describe("on the public site", () => {
      it("the article shows the upload as a picture with AVIF and WebP sources, served from /media", async () => {
        const { media } = await uploaded(CREDITED, "editor", [1200, 800]);
        const article = await articleUsing(media.id, "Palace protest grows");
        const page = await t().app.inject(`/articles/${article.slug}`);
        expect(page.statusCode).toBe(200);
        const picture = page.body.match(/<picture>.*?<\/picture>/s)?.[0] ?? "";
        expect(picture).toMatch(/<source type="image\/avif" srcset="[^"]*-240\.avif 240w, /);
        expect(picture).toMatch(/<source type="image\/webp" srcset="[^"]*-1200\.webp 1200w"/);
        expect(picture).toMatch(/<img src="\/media\/[^"]*-960\.jpg" srcset="[^"]*-480\.jpg 480w/);
        expect(picture).toContain('alt="Protesters at the palace"');
        expect(picture).not.toContain(media.storageKey);
        const [, src] = picture.match(/<img src="([^"]+)"/) ?? [];
        const file = await t().app.inject(src as string);
        expect(file.statusCode).toBe(200);
        expect(file.headers["content-type"]).toBe("image/jpeg");
      });
    });
  });
}
