import { describe, expect, it } from "vitest";
import { previewArticleId, sharePreview } from "../../src/auth/preview-links.js";
import {
  addCorrection,
  createArticle,
  createDraft,
  createUser,
  deleteArticle,
  getRevision,
  getVersionedArticle,
  listArticleSummaries,
  listPreviewLinks,
  listRevisions,
  loadArticlePage,
  loadArticlePreview,
  restoreRevision,
  revokePreviewLink,
  saveArticle,
  transitionArticle,
  updateArticle,
  updatePerson,
} from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { rejectionOf } from "../helpers/errors.js";
import { personInput, seedBasics } from "../helpers/fixtures.js";

const actor = { userId: "u1", name: "Ed Itor" };

for (const db of DATABASES)
  describe(db.name, () => {
    const store = useFreshStore(db);

    async function draft() {
      const basics = await seedBasics(store());
      const { status: _s, publishedAt: _p, ...edit } = basics.articleInput();
      const created = await createDraft(store(), edit, actor);
      return { basics, edit, ...created };
    }

    /** An active account to make preview links as: a link opens only while its maker is active. */
    const sharer = () =>
      createUser(store(), { email: "sharer@example.org", name: "Sha Rer", role: "editor" }, null);

    describe("versions", () => {
      it("start at 1 and grow by one with every save and transition", async () => {
        const { article, edit } = await draft();
        expect((await getVersionedArticle(store(), article.id))?.version).toBe(1);
        await saveArticle(
          store(),
          article.id,
          { ...edit, headline: "Two" },
          {
            expectedVersion: 1,
            actor,
          },
        );
        await transitionArticle(store(), article.id, {
          to: "in_review",
          expectedVersion: 2,
          actor,
        });
        expect((await getVersionedArticle(store(), article.id))?.version).toBe(3);
      });

      it("refuse a save from a version that is no longer current, with MH_STALE naming it", async () => {
        const { article, edit } = await draft();
        await saveArticle(
          store(),
          article.id,
          { ...edit, headline: "First" },
          {
            expectedVersion: 1,
            actor,
          },
        );
        const error = await rejectionOf(
          saveArticle(
            store(),
            article.id,
            { ...edit, headline: "Second" },
            {
              expectedVersion: 1,
              actor,
            },
          ),
        );
        expect(error.code).toBe("MH_STALE");
        expect(error.message).toContain("version 2");
        expect((await getVersionedArticle(store(), article.id))?.article.headline).toBe("First");
        expect((await listRevisions(store(), article.id, { limit: 10, offset: 0 })).total).toBe(2);
      });

      it("are checked by updateArticle when asked, and bumped by it always", async () => {
        const basics = await seedBasics(store());
        const input = basics.articleInput();
        const created = await createArticle(store(), input);
        await updateArticle(store(), created.id, { ...input, headline: "Unversioned" });
        const error = await rejectionOf(
          updateArticle(store(), created.id, input, { expectedVersion: 1 }),
        );
        expect(error.code).toBe("MH_STALE");
        expect((await getVersionedArticle(store(), created.id))?.version).toBe(2);
      });

      it("of people refuse a stale edit", async () => {
        const basics = await seedBasics(store());
        const input = personInput({ slug: basics.person.slug, avatarId: basics.media.id });
        await updatePerson(store(), basics.person.id, input, { expectedVersion: 1 });
        const error = await rejectionOf(
          updatePerson(store(), basics.person.id, input, { expectedVersion: 1 }),
        );
        expect(error.code).toBe("MH_STALE");
      });
    });

    describe("transitions", () => {
      it("refuse a move the state machine does not allow, and change nothing", async () => {
        const { article } = await draft();
        const error = await rejectionOf(
          transitionArticle(store(), article.id, { to: "unpublished", expectedVersion: 1, actor }),
        );
        expect(error.code).toBe("MH_CONFLICT");
        expect(error.message).toContain("in_review, scheduled, published");
        expect(await getVersionedArticle(store(), article.id)).toMatchObject({
          article: { status: "draft" },
          version: 1,
        });
      });

      it("record a revision saying what moved", async () => {
        const { article } = await draft();
        const now = new Date();
        await transitionArticle(store(), article.id, {
          to: "published",
          expectedVersion: 1,
          actor,
          now,
        });
        const { items } = await listRevisions(store(), article.id, { limit: 1, offset: 0 });
        expect(items[0]).toMatchObject({
          version: 2,
          kind: "transition",
          summary: `status draft → published; publication time set to ${now.toISOString()}`,
          actor,
        });
      });
    });

    describe("restoreRevision", () => {
      it("brings back an old revision's content at a new version and keeps the status", async () => {
        const { article, edit } = await draft();
        await saveArticle(
          store(),
          article.id,
          { ...edit, headline: "Changed" },
          {
            expectedVersion: 1,
            actor,
          },
        );
        await transitionArticle(store(), article.id, {
          to: "published",
          expectedVersion: 2,
          actor,
        });
        const { items } = await listRevisions(store(), article.id, { limit: 10, offset: 0 });
        const first = items.at(-1);
        const restored = await restoreRevision(store(), article.id, first?.id ?? "", {
          expectedVersion: 3,
          actor,
        });
        expect(restored).toMatchObject({
          version: 4,
          restoredVersion: 1,
          article: { headline: edit.headline, status: "published" },
        });
        const revision = await getRevision(store(), article.id, first?.id ?? "");
        expect(revision?.snapshot.headline).toBe(edit.headline);
      });

      it("can go back to the state of an article written without revisions (demo, imports)", async () => {
        const basics = await seedBasics(store());
        const input = basics.articleInput({ headline: "As imported" });
        const imported = await createArticle(store(), input);
        const { status: _s, publishedAt: _p, ...edit } = input;
        await saveArticle(
          store(),
          imported.id,
          { ...edit, headline: "Edited" },
          {
            expectedVersion: 1,
            actor,
          },
        );
        const { items } = await listRevisions(store(), imported.id, { limit: 10, offset: 0 });
        expect(items.map((r) => [r.version, r.kind])).toEqual([
          [2, "edit"],
          [1, "baseline"],
        ]);
        const restored = await restoreRevision(store(), imported.id, items[1]?.id ?? "", {
          expectedVersion: 2,
          actor,
        });
        expect(restored.article.headline).toBe("As imported");
      });

      it("reports a revision of another article as not found", async () => {
        const one = await draft();
        const { items } = await listRevisions(store(), one.article.id, { limit: 1, offset: 0 });
        const other = await createDraft(store(), { ...one.edit, slug: "other" }, actor);
        const error = await rejectionOf(
          restoreRevision(store(), other.article.id, items[0]?.id ?? "", {
            expectedVersion: 1,
            actor,
          }),
        );
        expect(error.code).toBe("MH_NOT_FOUND");
      });
    });

    describe("corrections", () => {
      it("are listed oldest first and carried by the article page", async () => {
        const { article } = await draft();
        await transitionArticle(store(), article.id, {
          to: "published",
          expectedVersion: 1,
          actor,
        });
        const first = await addCorrection(
          store(),
          article.id,
          { kind: "correction", note: "  The vote was 5 to 4.  " },
          actor,
        );
        await addCorrection(store(), article.id, { kind: "update", note: "More later." }, actor);
        expect(first).toMatchObject({ note: "The vote was 5 to 4.", createdBy: actor });
        const page = await loadArticlePage(store(), article.slug);
        expect(page?.corrections).toEqual([
          {
            id: first.id,
            kind: "correction",
            note: "The vote was 5 to 4.",
            createdAt: first.createdAt,
          },
          expect.objectContaining({ kind: "update" }),
        ]);
      });

      it("refuse an unknown article", async () => {
        const error = await rejectionOf(
          addCorrection(
            store(),
            "00000000-0000-4000-8000-00000000dead",
            { kind: "update", note: "x" },
            actor,
          ),
        );
        expect(error.code).toBe("MH_NOT_FOUND");
      });
    });

    describe("preview links", () => {
      it("open the article until they expire or are revoked; only a hash is stored", async () => {
        const { article } = await draft();
        const soon = new Date(Date.now() + 3_600_000);
        const link = await sharePreview(store(), article.id, {
          expiresAt: soon,
          createdBy: (await sharer()).id,
        });
        expect(await previewArticleId(store(), link.token)).toBe(article.id);
        expect(await previewArticleId(store(), link.token, new Date(soon.getTime() + 1))).toBe(
          undefined,
        );
        const stored = await store().db.selectFrom("preview_links").selectAll().execute();
        expect(JSON.stringify(stored)).not.toContain(link.token);

        expect((await listPreviewLinks(store(), article.id)).map((l) => l.id)).toEqual([link.id]);
        await revokePreviewLink(store(), article.id, link.id);
        expect(await previewArticleId(store(), link.token)).toBeUndefined();
        expect((await loadArticlePreview(store(), article.id))?.article.status).toBe("draft");
      });
    });

    describe("deleteArticle and listArticleSummaries", () => {
      it("delete an article with its revisions, notes and preview links", async () => {
        const { article } = await draft();
        await sharePreview(store(), article.id, {
          expiresAt: new Date(Date.now() + 60_000),
          createdBy: (await sharer()).id,
        });
        await deleteArticle(store(), article.id, { expectedVersion: 1 });
        expect(await getVersionedArticle(store(), article.id)).toBeUndefined();
        expect((await listRevisions(store(), article.id, { limit: 10, offset: 0 })).total).toBe(0);
        expect(await store().db.selectFrom("preview_links").selectAll().execute()).toEqual([]);
      });

      it("search headlines ignoring case, with % and _ taken literally", async () => {
        const basics = await seedBasics(store());
        await createArticle(store(), basics.articleInput({ headline: "Budget: 100% approved" }));
        await createArticle(store(), basics.articleInput({ headline: "Budget_cuts loom" }));
        const search = async (q: string) =>
          (
            await listArticleSummaries(store(), { headlineContains: q, limit: 10, offset: 0 })
          ).items.map((a) => a.headline);
        expect(await search("BUDGET")).toHaveLength(2);
        expect(await search("100%")).toEqual(["Budget: 100% approved"]);
        expect(await search("t_c")).toEqual(["Budget_cuts loom"]);
        expect(await search("%")).toEqual(["Budget: 100% approved"]);
      });
    });
  });
