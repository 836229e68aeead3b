// Reading unpublished articles is its own permission, article.read.unpublished: every staff role
// holds it, an API key only when granted it by name, and a key without it never sees a draft,
// an article in review, a scheduled or an unpublished one through any route (issue 12, point 9).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../../helpers/databases.js";
import { type ContentApp, useContentApp } from "../content/app.js";

const HIDDEN = ["draft", "in_review", "scheduled", "unpublished"] as const;

/** Everything a key could be given except the right to see unpublished articles. */
const ALL_BUT_UNPUBLISHED = [
  "views.read",
  "comments.read",
  "media.upload",
  "media.delete",
  "article.edit.any",
  "article.publish.any",
  "article.delete",
  "site.import",
  "site.export",
];

interface World {
  published: { id: string };
  hidden: Record<(typeof HIDDEN)[number], { id: string; headline: string }>;
  /** The secret of a key with `views.read` only. */
  viewsOnly: string;
  /** A key with every other permission. */
  broad: string;
  /** A key granted `article.read.unpublished` (with `views.read`). */
  granted: string;
}

async function seed(t: ContentApp): Promise<World> {
  const owner = await t.staff("owner");
  const key = async (permissions: string[]) => {
    const res = await t.call(owner, "POST", "/api-keys", { name: "Integration", permissions });
    expect(res.statusCode).toBe(201);
    return res.json().secret as string;
  };
  const published = await t.article({
    status: "published",
    input: { headline: "Out in the open" },
  });
  const hidden = {} as World["hidden"];
  for (const status of HIDDEN) {
    const headline = `Embargoed ${status} story`;
    hidden[status] = { ...(await t.article({ status, input: { headline } })), headline };
  }
  // Readership and comments that name the hidden articles.
  const day = new Date().toISOString().slice(0, 10);
  for (const a of [published, ...Object.values(hidden)]) {
    await t.store.db
      .insertInto("article_views_daily")
      .values({ article_id: a.id, day, views: 5 })
      .execute();
    await t.store.db
      .insertInto("comments")
      .values({
        id: randomUUID(),
        article_id: a.id,
        author_name: "A reader",
        author_email: "reader@example.org",
        body: "A comment.",
        status: "approved",
        created_at: new Date().toISOString(),
      })
      .execute();
  }
  return {
    published,
    hidden,
    viewsOnly: await key(["views.read"]),
    broad: await key(ALL_BUT_UNPUBLISHED),
    granted: await key(["views.read", "article.read.unpublished"]),
  };
}

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);
    let w: World;
    beforeAll(async () => {
      w = await seed(t());
    });
    const as = (
      secret: string,
      method: "GET" | "POST" | "PUT" | "DELETE",
      url: string,
      payload?: object,
    ) =>
      t().app.inject({
        method,
        url: `/api/admin/v1${url}`,
        headers: { authorization: `Bearer ${secret}` },
        ...(payload === undefined ? {} : { payload }),
      });
    const hiddenIds = () => Object.values(w.hidden).map((a) => a.id);
    const hiddenHeadlines = () => Object.values(w.hidden).map((a) => a.headline);
    const namesNoHidden = (body: string) => {
      for (const id of hiddenIds()) expect(body).not.toContain(id);
      for (const headline of hiddenHeadlines()) expect(body).not.toContain(headline);
    };

    for (const key of ["viewsOnly", "broad"] as const)
      describe(`a key without article.read.unpublished (${key})`, () => {
        it("lists published articles only, and is refused a list by unpublished status", async () => {
          const list = await as(w[key], "GET", "/articles?limit=100");
          expect(list.statusCode).toBe(200);
          expect(list.json().items.map((a: { status: string }) => a.status)).toContain("published");
          expect(list.json().items.every((a: { status: string }) => a.status === "published")).toBe(
            true,
          );
          namesNoHidden(list.body);
          const pages = await as(w[key], "GET", "/articles?kind=page&q=Embargoed");
          namesNoHidden(pages.body);
          for (const status of HIDDEN) {
            const res = await as(w[key], "GET", `/articles?status=${status}`);
            expect(res.statusCode).toBe(403);
            expect(res.json().error.message).toContain("article.read.unpublished");
          }
          const search = await as(w[key], "GET", "/articles?q=Embargoed");
          expect(search.json().items).toEqual([]);
        });

        it("finds no unpublished article by id, nor its revisions or preview links", async () => {
          expect((await as(w[key], "GET", `/articles/${w.published.id}`)).statusCode).toBe(200);
          for (const { id } of Object.values(w.hidden)) {
            for (const url of [`/articles/${id}`, `/articles/${id}/preview-links`]) {
              const res = await as(w[key], "GET", url);
              expect(res.statusCode).toBe(404);
              // The id asked for is echoed in the message; nothing else of the article is.
              expect(res.json().error.code).toBe("MH_NOT_FOUND");
              for (const headline of hiddenHeadlines()) expect(res.body).not.toContain(headline);
            }
            expect((await as(w[key], "GET", `/articles/${id}/revisions`)).statusCode).toBe(403);
            expect((await as(w[key], "GET", `/readership/articles/${id}`)).statusCode).toBe(404);
          }
          // Revisions may hold words never published, whatever the article's status now.
          expect(
            (await as(w[key], "GET", `/articles/${w.published.id}/revisions`)).statusCode,
          ).toBe(403);
        });

        it("sees no unpublished article among the most read", async () => {
          const res = await as(w[key], "GET", "/readership/most-read?period=all&limit=100");
          expect(res.statusCode).toBe(200);
          expect(res.json().items.map((i: { articleId: string }) => i.articleId)).toContain(
            w.published.id,
          );
          namesNoHidden(res.body);
        });
      });

    describe("a key with every other permission", () => {
      it("cannot edit, move, delete or share an unpublished article (404)", async () => {
        const { id } = w.hidden.draft;
        const save = await as(w.broad, "PUT", `/articles/${id}`, {
          ...t().basics.articleInput({ headline: "Overwritten blind" }),
        });
        expect(save.statusCode).toBe(404);
        const publish = await as(w.broad, "POST", `/articles/${id}/transitions`, {
          to: "published",
        });
        expect(publish.statusCode).toBe(404);
        expect((await as(w.broad, "POST", `/articles/${id}/preview-links`, {})).statusCode).toBe(
          404,
        );
        expect((await as(w.broad, "DELETE", `/articles/${id}`)).statusCode).toBe(404);
        expect((await as(w.granted, "GET", `/articles/${id}`)).json().article.headline).toBe(
          w.hidden.draft.headline,
        );
      });

      it("sees comments and image usage of published articles only", async () => {
        const comments = await as(w.broad, "GET", "/comments?limit=100");
        expect(comments.statusCode).toBe(200);
        expect(comments.json().items.map((c: { articleId: string }) => c.articleId)).toContain(
          w.published.id,
        );
        namesNoHidden(comments.body);

        const mediaId = t().basics.media.id;
        const media = await as(w.broad, "GET", `/media/${mediaId}`);
        expect(media.statusCode).toBe(200);
        expect(media.json().media.usage.articles.map((a: { id: string }) => a.id)).toContain(
          w.published.id,
        );
        namesNoHidden(media.body);
        const del = await as(w.broad, "DELETE", `/media/${mediaId}`);
        expect(del.statusCode).toBe(409);
        namesNoHidden(del.body);
      });

      it("is refused the export and the import reports, which hold drafts", async () => {
        expect((await as(w.broad, "GET", "/export")).statusCode).toBe(403);
        expect((await as(w.broad, "GET", "/imports")).statusCode).toBe(403);
      });
    });

    describe("a key granted article.read.unpublished", () => {
      it("sees every unpublished article, by status, by id and in its history", async () => {
        for (const status of HIDDEN) {
          const res = await as(w.granted, "GET", `/articles?status=${status}&limit=100`);
          expect(res.statusCode).toBe(200);
          expect(res.json().items.map((a: { id: string }) => a.id)).toContain(w.hidden[status].id);
        }
        for (const { id, headline } of Object.values(w.hidden)) {
          const res = await as(w.granted, "GET", `/articles/${id}`);
          expect(res.statusCode).toBe(200);
          expect(res.json().article.headline).toBe(headline);
          expect((await as(w.granted, "GET", `/articles/${id}/revisions`)).statusCode).toBe(200);
          expect((await as(w.granted, "GET", `/readership/articles/${id}`)).statusCode).toBe(200);
        }
        const mostRead = await as(w.granted, "GET", "/readership/most-read?period=all&limit=100");
        expect(mostRead.json().items.map((i: { articleId: string }) => i.articleId)).toContain(
          w.hidden.unpublished.id,
        );
      });
    });

    it("every staff role still lists drafts", async () => {
      for (const role of ["contributor", "author", "editor", "owner"] as const) {
        const who = await t().staff(role);
        const res = await t().call(who, "GET", "/articles?status=draft&limit=100");
        expect(res.statusCode).toBe(200);
        expect(res.json().items.map((a: { id: string }) => a.id)).toContain(w.hidden.draft.id);
      }
    });
  });
