// An article's meta title and description, canonical URL and featured image caption (migration
// 0017): written, read, kept by revisions and restored with them, on both databases.
import { describe, expect, it } from "vitest";
import {
  createArticle,
  createDraft,
  getArticleById,
  getRevision,
  listArticleSummaries,
  listRevisions,
  restoreRevision,
  saveArticle,
} from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { rejectionOf } from "../helpers/errors.js";
import { seedBasics } from "../helpers/fixtures.js";

const actor = { userId: "u1", name: "Ed Itor" };
const fields = {
  metaTitle: "Ferry fares: what changes in May",
  metaDescription: "Fares rise 4% on the harbour routes.",
  canonicalUrl: "https://elsewhere.example/ferries",
  featuredImageCaption: "The new ferry at the harbour wall.",
};

for (const db of DATABASES)
  describe(db.name, () => {
    const store = useFreshStore(db);

    it("writes and reads them, with empty defaults for an article that has none", async () => {
      const basics = await seedBasics(store());
      const plain = await createArticle(store(), basics.articleInput({ slug: "plain" }));
      expect(await getArticleById(store(), plain.id)).toMatchObject({
        metaTitle: "",
        metaDescription: "",
        canonicalUrl: null,
        featuredImageCaption: "",
      });
      const created = await createArticle(
        store(),
        basics.articleInput({ slug: "with-fields", ...fields }),
      );
      expect(await getArticleById(store(), created.id)).toMatchObject(fields);
      const { items } = await listArticleSummaries(store(), { limit: 10, offset: 0 });
      expect(items.find((a) => a.id === created.id)).toMatchObject(fields);
    });

    it("refuses a relative canonical URL at canonicalUrl, and stores nothing", async () => {
      const basics = await seedBasics(store());
      const error = await rejectionOf(
        createArticle(store(), basics.articleInput({ slug: "bad", canonicalUrl: "/ferries" })),
      );
      expect(error.code).toBe("MH_CONTENT_INVALID");
      expect(JSON.stringify(error)).toContain("canonicalUrl");
      expect((await listArticleSummaries(store(), { limit: 10, offset: 0 })).total).toBe(0);
    });

    it("restores them with a revision; a snapshot from before them reads as defaults", async () => {
      const basics = await seedBasics(store());
      const { status: _s, publishedAt: _p, ...edit } = basics.articleInput();
      const { article } = await createDraft(store(), { ...edit, ...fields }, actor);
      await saveArticle(
        store(),
        article.id,
        { ...edit, metaTitle: "", canonicalUrl: null },
        { expectedVersion: 1, actor },
      );
      const { items } = await listRevisions(store(), article.id, { limit: 10, offset: 0 });
      const first = items.at(-1)?.id ?? "";
      const restored = await restoreRevision(store(), article.id, first, {
        expectedVersion: 2,
        actor,
      });
      expect(restored.article).toMatchObject(fields);

      // As a revision written before migration 0017 holds it: without the four keys.
      const revision = await getRevision(store(), article.id, first);
      const {
        metaTitle: _t,
        metaDescription: _d,
        canonicalUrl: _c,
        featuredImageCaption: _f,
        ...older
      } = revision?.snapshot ?? {};
      await store()
        .db.updateTable("article_revisions")
        .set({ snapshot: JSON.stringify(older) })
        .where("id", "=", first)
        .execute();
      expect((await getRevision(store(), article.id, first))?.snapshot).toMatchObject({
        metaTitle: "",
        metaDescription: "",
        canonicalUrl: null,
        featuredImageCaption: "",
      });
      const again = await restoreRevision(store(), article.id, first, {
        expectedVersion: 3,
        actor,
      });
      expect(again.article).toMatchObject({ metaTitle: "", canonicalUrl: null });
    });
  });
