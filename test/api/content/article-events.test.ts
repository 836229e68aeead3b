// The change events of the article services: every write to an article or page (create, save,
// each move through the workflow, delete, restore, notes, preview links) records what happened
// in its own transaction, naming the public pages only while readers can see it; a refused write
// records nothing; and this server's cached page is fresh when the admin API answers.
import type { LightMyRequestResponse } from "fastify";
import { describe, expect, it } from "vitest";
import { updateArticle } from "../../../src/store/index.js";
import { changesDuring } from "../../helpers/changes.js";
import { DATABASES } from "../../helpers/databases.js";
import { uniqueSlug } from "../../helpers/fixtures.js";
import { type ContentApp, useContentApp } from "./app.js";

const inADay = () => new Date(Date.now() + 86_400_000).toISOString();

/** The editable fields of a valid article (no status or publication time). */
function editInput(t: ContentApp, overrides: Record<string, unknown> = {}) {
  return { ...t.basics.articleInput(), ...overrides };
}

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);

    /** Runs one request and returns its response with the events it recorded. */
    const recorded = async (request: () => Promise<LightMyRequestResponse>) => {
      const { result: res, events } = await changesDuring(t().store, request);
      return { res, events };
    };

    it("a draft's life records created, updated, submitted, scheduled, unscheduled, all out of sight", async () => {
      const editor = await t().staff("editor");
      const created = await recorded(() => t().call(editor, "POST", "/articles", editInput(t())));
      expect(created.res.statusCode).toBe(201);
      const { article } = created.res.json();
      const ids = { articleId: article.id };
      const saved = await recorded(() =>
        t().call(editor, "PUT", `/articles/${article.id}`, {
          ...editInput(t(), { slug: article.slug, headline: "Still a draft" }),
          version: 1,
        }),
      );
      expect(saved.res.statusCode).toBe(200);
      const move = (to: string, version: number, publishedAt?: string) =>
        recorded(() =>
          t().call(editor, "POST", `/articles/${article.id}/transitions`, {
            to,
            version,
            ...(publishedAt ? { publishedAt } : {}),
          }),
        );
      const submitted = await move("in_review", 2);
      const scheduled = await move("scheduled", 3, inADay());
      const unscheduled = await move("draft", 4);
      expect(unscheduled.res.statusCode).toBe(200);
      expect([created, saved, submitted, scheduled, unscheduled].flatMap((r) => r.events)).toEqual([
        { type: "article.created", ids, paths: [] },
        { type: "article.updated", ids, paths: [] },
        { type: "article.submitted", ids, paths: [], data: { from: "draft", to: "in_review" } },
        { type: "article.scheduled", ids, paths: [], data: { from: "in_review", to: "scheduled" } },
        { type: "article.unscheduled", ids, paths: [], data: { from: "scheduled", to: "draft" } },
      ]);
    });

    it("publishing, saving under a new slug, unpublishing and deleting name the article's pages", async () => {
      const editor = await t().staff("editor");
      const a = await t().article();
      const ids = { articleId: a.id };
      const published = await recorded(() =>
        t().call(editor, "POST", `/articles/${a.id}/transitions`, {
          to: "published",
          version: a.version,
        }),
      );
      expect(published.res.statusCode).toBe(200);
      expect(published.events).toEqual([
        {
          type: "article.published",
          ids,
          paths: expect.arrayContaining([`/articles/${a.slug}`, "/", "/feed.xml", "/sitemap.xml"]),
          data: { from: "draft", to: "published" },
        },
      ]);

      const slug = uniqueSlug("renamed");
      const renamed = await recorded(() =>
        t().call(editor, "PUT", `/articles/${a.id}`, {
          ...editInput(t(), { slug }),
          version: a.version + 1,
        }),
      );
      expect(renamed.res.statusCode).toBe(200);
      const both = expect.arrayContaining([`/articles/${a.slug}`, `/articles/${slug}`, "/"]);
      expect(renamed.events).toEqual([
        { type: "article.updated", ids, paths: both },
        { type: "article.slug_changed", ids, paths: both, data: { from: a.slug, to: slug } },
      ]);

      const unpublished = await recorded(() =>
        t().call(editor, "POST", `/articles/${a.id}/transitions`, {
          to: "unpublished",
          version: a.version + 2,
        }),
      );
      expect(unpublished.events).toEqual([
        {
          type: "article.unpublished",
          ids,
          paths: expect.arrayContaining([`/articles/${slug}`, "/"]),
          data: { from: "published", to: "unpublished" },
        },
      ]);

      const owner = await t().staff("owner");
      const live = await t().article({ status: "published" });
      const deleted = await recorded(() => t().call(owner, "DELETE", `/articles/${live.id}`));
      expect(deleted.res.statusCode).toBe(204);
      expect(deleted.events).toEqual([
        {
          type: "article.deleted",
          ids: { articleId: live.id },
          paths: expect.arrayContaining([`/articles/${live.slug}`, "/"]),
        },
      ]);
      const draft = await t().article();
      const gone = await recorded(() => t().call(owner, "DELETE", `/articles/${draft.id}`));
      expect(gone.events).toEqual([
        { type: "article.deleted", ids: { articleId: draft.id }, paths: [] },
      ]);
    });

    it("a page's events are page.*, naming its own path and the sitemaps", async () => {
      const editor = await t().staff("editor");
      const slug = uniqueSlug("about");
      const created = await recorded(() =>
        t().call(editor, "POST", "/articles", {
          ...editInput(t(), { slug, kind: "page", sectionId: null }),
        }),
      );
      expect(created.res.statusCode, created.res.body).toBe(201);
      const { article: page } = created.res.json();
      const published = await recorded(() =>
        t().call(editor, "POST", `/articles/${page.id}/transitions`, {
          to: "published",
          version: 1,
        }),
      );
      expect([...created.events, ...published.events]).toEqual([
        { type: "page.created", ids: { articleId: page.id }, paths: [] },
        {
          type: "page.published",
          ids: { articleId: page.id },
          paths: [`/${slug}`, "/sitemap.xml", "/sitemaps/", "/news-sitemap.xml"],
          data: { from: "draft", to: "published" },
        },
      ]);
    });

    it("restoring a revision records restored with the version it brought back", async () => {
      const editor = await t().staff("editor");
      const a = await t().article({ input: { headline: "The first words" } });
      await t().call(editor, "PUT", `/articles/${a.id}`, {
        ...editInput(t(), { slug: a.slug, headline: "Second thoughts" }),
        version: a.version,
      });
      const revisions = (await t().call(editor, "GET", `/articles/${a.id}/revisions`)).json();
      const first = revisions.items.find((r: { version: number }) => r.version === a.version);
      const restored = await recorded(() =>
        t().call(editor, "POST", `/articles/${a.id}/revisions/${first.id}/restore`, {
          version: a.version + 1,
        }),
      );
      expect(restored.res.statusCode).toBe(200);
      expect(restored.res.json().article.headline).toBe("The first words");
      expect(restored.events).toEqual([
        {
          type: "article.restored",
          ids: { articleId: a.id },
          paths: [],
          data: { revisionId: first.id, restoredVersion: a.version },
        },
      ]);
    });

    it("a correction names the article's pages; preview links record events out of sight", async () => {
      const editor = await t().staff("editor");
      const a = await t().article({ status: "published" });
      const noted = await recorded(() =>
        t().call(editor, "POST", `/articles/${a.id}/corrections`, {
          kind: "correction",
          note: "An earlier version misnamed the council's chair.",
        }),
      );
      expect(noted.res.statusCode).toBe(201);
      expect(noted.events).toEqual([
        {
          type: "correction.added",
          ids: { articleId: a.id, correctionId: noted.res.json().correction.id },
          paths: expect.arrayContaining([`/articles/${a.slug}`, "/"]),
        },
      ]);

      const draft = await t().article();
      const shared = await recorded(() =>
        t().call(editor, "POST", `/articles/${draft.id}/preview-links`, {}),
      );
      expect(shared.res.statusCode).toBe(201);
      const linkId = shared.res.json().id;
      const revoked = await recorded(() =>
        t().call(editor, "DELETE", `/articles/${draft.id}/preview-links/${linkId}`),
      );
      expect(revoked.res.statusCode).toBe(204);
      expect([...shared.events, ...revoked.events]).toEqual([
        { type: "preview_link.created", ids: { articleId: draft.id, linkId }, paths: [] },
        { type: "preview_link.revoked", ids: { articleId: draft.id, linkId }, paths: [] },
      ]);
    });

    it("a refused write records nothing: stale, unversioned, forbidden, an impossible move", async () => {
      const editor = await t().staff("editor");
      const writer = await t().staff("contributor");
      const a = await t().article();
      const edit = editInput(t(), { slug: a.slug });
      const stale = await recorded(() =>
        t().call(editor, "PUT", `/articles/${a.id}`, { ...edit, version: a.version + 5 }),
      );
      const unversioned = await recorded(() => t().call(editor, "PUT", `/articles/${a.id}`, edit));
      const forbidden = await recorded(() =>
        t().call(writer, "PUT", `/articles/${a.id}`, { ...edit, version: a.version }),
      );
      const impossible = await recorded(() =>
        t().call(editor, "POST", `/articles/${a.id}/transitions`, {
          to: "unpublished",
          version: a.version,
        }),
      );
      expect([stale, unversioned, forbidden, impossible].map((r) => r.res.statusCode)).toEqual([
        409, 409, 403, 409,
      ]);
      expect(unversioned.res.json().error.code).toBe("MH_STALE");
      expect([stale, unversioned, forbidden, impossible].flatMap((r) => r.events)).toEqual([]);
    });

    it("a saved published article shows at once on its cached page on this server", async () => {
      const editor = await t().staff("editor");
      const a = await t().article({ status: "published", input: { headline: "The old headline" } });
      const page = () => t().app.inject({ method: "GET", url: `/articles/${a.slug}` });
      expect((await page()).body).toContain("The old headline");
      // Written behind the server's back (no event), the page does not change: it is cached.
      await updateArticle(t().store, a.id, {
        ...t().basics.articleInput({ slug: a.slug, headline: "Written behind its back" }),
        status: "published",
        publishedAt: new Date(Date.now() - 60_000).toISOString(),
      });
      expect((await page()).body).toContain("The old headline");

      const res = await t().call(editor, "PUT", `/articles/${a.id}`, {
        ...editInput(t(), { slug: a.slug, headline: "The new headline" }),
        version: a.version + 1,
      });
      expect(res.statusCode).toBe(200);
      const body = (await page()).body;
      expect(body).toContain("The new headline");
      expect(body).not.toContain("The old headline");
    });
  });
