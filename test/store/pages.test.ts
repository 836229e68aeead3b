import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { ArticleInput } from "../../src/content/index.js";
import { adapterFor } from "../../src/store/dialect/index.js";
import {
  createArticle,
  createTag,
  getArticleById,
  getViewTarget,
  listArticleStamps,
  listArticleSummaries,
  listArticles,
  listAuthorStamps,
  listTagStamps,
  loadArticlePage,
  loadArticlePreview,
  loadPublicPage,
  migrateToLatest,
  searchArticles,
  updateArticle,
} from "../../src/store/index.js";
import { buildMigrations } from "../../src/store/migrations/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { issuePaths, rejectionOf } from "../helpers/errors.js";
import { published, seedBasics, tagInput, uniqueSlug } from "../helpers/fixtures.js";

/** A valid page input: no section, the given author, a word search could find. */
const pageInput = (authorIds: string[], overrides: Partial<ArticleInput> = {}): ArticleInput => ({
  kind: "page",
  pageType: "AboutPage",
  slug: uniqueSlug("about"),
  headline: "About the zanzibarian newsroom",
  type: "news",
  authorIds,
  body: [{ type: "paragraph", content: [{ text: "We are a zanzibarian newsroom." }] }],
  ...overrides,
});

for (const db of DATABASES) {
  describe(db.name, () => {
    const store = useFreshStore(db);

    it("stores a page without a section and reads back its kind and page type", async () => {
      const basics = await seedBasics(store());
      const page = await createArticle(store(), pageInput([basics.person.id]));
      expect(await getArticleById(store(), page.id)).toMatchObject({
        kind: "page",
        pageType: "AboutPage",
        sectionId: null,
        authorIds: [basics.person.id],
      });
    });

    it("refuses a page slug the site serves itself, and writes nothing", async () => {
      const basics = await seedBasics(store());
      const error = await rejectionOf(
        createArticle(store(), pageInput([basics.person.id], { slug: "search" })),
      );
      expect(issuePaths(error)).toEqual(["slug"]);
      expect(
        (await listArticleSummaries(store(), { kind: "page", limit: 10, offset: 0 })).total,
      ).toBe(0);
    });

    it("leaves pages out of every article listing; kind 'page' lists only pages", async () => {
      const basics = await seedBasics(store());
      const tag = await createTag(store(), tagInput());
      const article = await createArticle(
        store(),
        basics.articleInput({ ...published(), tagIds: [tag.id] }),
      );
      const page = await createArticle(
        store(),
        pageInput([basics.person.id], { ...published(), tagIds: [tag.id] }),
      );
      const ids = async (opts: Parameters<typeof listArticles>[1]) =>
        (await listArticles(store(), opts)).items.map((a) => a.id);
      const all = { limit: 10, offset: 0 };
      expect(await ids({ ...all, publicOnly: true })).toEqual([article.id]);
      expect(await ids({ ...all, publicOnly: true, authorId: basics.person.id })).toEqual([
        article.id,
      ]);
      expect(await ids({ ...all, publicOnly: true, tagId: tag.id })).toEqual([article.id]);
      expect((await listArticleSummaries(store(), all)).items.map((a) => a.id)).toEqual([
        article.id,
      ]);
      const pages = await listArticleSummaries(store(), { ...all, kind: "page" });
      expect(pages.items.map((p) => [p.id, p.kind, p.pageType])).toEqual([
        [page.id, "page", "AboutPage"],
      ]);
      expect(pages.total).toBe(1);
    });

    it("serves a published page only as a page, and an article only as an article", async () => {
      const basics = await seedBasics(store());
      const article = await createArticle(store(), basics.articleInput(published()));
      const page = await createArticle(store(), pageInput([basics.person.id], published()));
      const draft = await createArticle(store(), pageInput([basics.person.id]));

      const loaded = await loadPublicPage(store(), page.slug);
      expect(loaded?.article).toMatchObject({ id: page.id, kind: "page" });
      expect(await loadPublicPage(store(), draft.slug)).toBeUndefined();
      expect(await loadPublicPage(store(), article.slug)).toBeUndefined();
      expect(await loadArticlePage(store(), page.slug)).toBeUndefined();
      expect((await loadArticlePage(store(), article.slug))?.article.id).toBe(article.id);
      // A preview link opens a draft page as a page.
      expect((await loadArticlePreview(store(), draft.id))?.kind).toBe("page");
      expect((await loadArticlePreview(store(), article.id))?.kind).toBe("article");
    });

    it("keeps published pages out of search and out of view counting", async () => {
      const basics = await seedBasics(store());
      const page = await createArticle(store(), pageInput([basics.person.id], published()));
      await updateArticle(store(), page.id, {
        ...pageInput([basics.person.id], published()),
        slug: page.slug,
        headline: "About the zanzibarian newsroom, again",
      });
      const found = await searchArticles(store(), { query: "zanzibarian", limit: 10, offset: 0 });
      expect(found.total).toBe(0);
      const rows = await store()
        .db.selectFrom("search_documents")
        .select("article_id")
        .where("article_id", "=", page.id)
        .execute();
      expect(rows).toEqual([]);
      expect(await getViewTarget(store(), page.id)).toBeUndefined();
    });

    it("lists pages in the sitemap's stamps only when asked, never in author or tag stamps", async () => {
      const basics = await seedBasics(store());
      const tag = await createTag(store(), tagInput());
      const article = await createArticle(store(), basics.articleInput(published()));
      const page = await createArticle(
        store(),
        pageInput([basics.person.id], { ...published(), tagIds: [tag.id] }),
      );
      const kinds = (stamps: { kind: string; slug: string }[]) =>
        stamps.map((s) => `${s.kind}:${s.slug}`).sort();
      expect(kinds(await listArticleStamps(store(), { withPages: true }))).toEqual(
        [`article:${article.slug}`, `page:${page.slug}`].sort(),
      );
      expect(kinds(await listArticleStamps(store()))).toEqual([`article:${article.slug}`]);
      expect((await listTagStamps(store())).map((t) => t.slug)).toEqual([]);
      expect((await listAuthorStamps(store())).map((a) => a.slug)).toEqual([basics.person.slug]);
    });

    it("migration 0011 keeps every article with what points at it, and lets pages go without a section", async () => {
      const s = await db.open({ migrate: false });
      try {
        const migrator = new Migrator({
          db: s.db,
          provider: { getMigrations: async () => buildMigrations(adapterFor(s.dialect)) },
        });
        const before = await migrator.migrateTo("0010_redirects");
        expect(before.error).toBeUndefined();
        const now = new Date().toISOString();
        const section = "00000000-0000-4000-8000-000000000001";
        const person = "00000000-0000-4000-8000-000000000002";
        const article = "00000000-0000-4000-8000-000000000003";
        await sql`insert into sections (id, slug, name, description, parent_id, created_at, updated_at)
          values (${section}, 'news', 'News', '', null, ${now}, ${now})`.execute(s.db);
        await sql`insert into people (id, slug, name, role_title, team, short_bio, bio, avatar_id, avatar_alt, created_at, updated_at)
          values (${person}, 'ada', 'Ada', '', '', '', '', null, '', ${now}, ${now})`.execute(s.db);
        await sql`insert into articles (id, slug, headline, dek, type, section_id, status, published_at, featured_image_id, body, comments_enabled, created_at, updated_at)
          values (${article}, 'old-story', 'Old story', '', 'news', ${section}, 'published', ${now}, null, '[]', ${1}, ${now}, ${now})`.execute(
          s.db,
        );
        await sql`insert into article_authors (article_id, person_id, position) values (${article}, ${person}, 0)`.execute(
          s.db,
        );
        await sql`insert into comments (id, article_id, author_name, author_email, body, status, created_at)
          values ('00000000-0000-4000-8000-000000000004', ${article}, 'Reader', null, 'Thanks.', 'approved', ${now})`.execute(
          s.db,
        );

        await migrateToLatest(s);

        expect(await getArticleById(s, article)).toMatchObject({
          kind: "article",
          pageType: "WebPage",
          sectionId: section,
          authorIds: [person],
        });
        const comments = await s.db.selectFrom("comments").select("id").execute();
        expect(comments).toHaveLength(1);
        const page = await createArticle(s, pageInput([person]));
        expect((await getArticleById(s, page.id))?.sectionId).toBeNull();
        // Foreign keys are enforced again once the migrations are done.
        const error = await rejectionOf(
          s.db
            .insertInto("article_authors")
            .values({ article_id: page.id, person_id: article, position: 1 })
            .execute(),
        );
        expect(error).toBeDefined();
      } finally {
        await s.close();
      }
    });
  });
}
