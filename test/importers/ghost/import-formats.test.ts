// One export per Ghost major version's shape (1.x to 6.x, both file shapes, both editors), each
// imported into a fresh store on each database: what each version keeps where comes in right.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importGhost } from "../../../src/importers/ghost/import.js";
import {
  findRedirect,
  getArticleBySlug,
  getMediaById,
  getPersonBySlug,
  getSectionBySlug,
  type Store,
} from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";
import { makeGhostImages } from "./images.js";

const NOW = new Date("2026-01-01T12:00:00Z");
const fixture = (name: string) => path.resolve(`test/fixtures/ghost/${name}`);

for (const db of DATABASES)
  describe(`Ghost export shapes (${db.name})`, () => {
    let dataDir: string;
    let images: string;
    const stores: Store[] = [];
    const importInto = async (name: string) => {
      const store = await db.open();
      stores.push(store);
      const report = await importGhost(store, fixture(name), {
        dataDir,
        mediaDir: images,
        now: NOW,
      });
      return { store, report };
    };

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-ghost-formats-"));
      images = path.join(dataDir, "old-images");
      await makeGhostImages(images, ["2018/03/old.jpg", "2018/01/ada.jpg", "2021/05/four.jpg"]);
    });
    afterAll(async () => {
      for (const s of stores) await s.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it("reads Ghost 1.x: page flags, author_id, meta on the post, date permalinks", async () => {
      const { store, report } = await importInto("ghost-1.json");
      expect(report.counts.article).toMatchObject({ imported: 3, skipped: 0 });
      expect(report.counts.page).toMatchObject({ imported: 2, skipped: 0 });
      expect((await getArticleBySlug(store, "contact-us"))?.kind).toBe("page");
      expect((await getArticleBySlug(store, "colophon"))?.kind).toBe("page");
      const old = await getArticleBySlug(store, "old-times");
      expect(old?.authorIds).toEqual([(await getPersonBySlug(store, "ada"))?.id]);
      expect(old?.sectionId).toBe((await getSectionBySlug(store, "local"))?.id);
      expect(old?.publishedAt).toBe("2018-03-04T10:00:00.000Z");
      expect(old?.dek).toBe("Ghost one meta description");
      expect(old?.metaDescription).toBe("Ghost one meta description");
      expect(old?.featuredImageId).not.toBeNull();
      expect(old?.body.some((b) => b.type === "image")).toBe(true);
      // Its first tag is internal: the primary tag is the next.
      const second = await getArticleBySlug(store, "second-post");
      expect(second?.sectionId).toBe((await getSectionBySlug(store, "sports"))?.id);
      expect(await findRedirect(store, "/2018/03/04/old-times/")).toBe("/articles/old-times");
      expect(await findRedirect(store, "/2018/04/05/second-post/")).toBe("/articles/second-post");
      expect(await findRedirect(store, "/contact-us/")).toBeUndefined(); // the same address here
      expect((await getPersonBySlug(store, "ada"))?.avatarId).not.toBeNull();
      expect(report.skipped.map((s) => s.id)).toEqual(
        expect.arrayContaining(["subscribers", "accesstokens", "clients"]),
      );
    });

    it("reads Ghost 2.x: page booleans and several authors in their order", async () => {
      const { store, report } = await importInto("ghost-2.json");
      expect(report.counts.article.imported).toBe(1);
      expect(report.counts.page.imported).toBe(1);
      const [cara, dev] = await Promise.all([
        getPersonBySlug(store, "cara"),
        getPersonBySlug(store, "dev"),
      ]);
      expect((await getArticleBySlug(store, "two-authors"))?.authorIds).toEqual([
        dev?.id,
        cara?.id,
      ]);
      expect((await getArticleBySlug(store, "page-two"))?.kind).toBe("page");
    });

    it("reads Ghost 3.x: type and posts_meta", async () => {
      const { store, report } = await importInto("ghost-3.json");
      expect((await getArticleBySlug(store, "three-page"))?.kind).toBe("page");
      expect((await getArticleBySlug(store, "three"))?.dek).toBe("Three described.");
      expect(
        report.notes.some((n) =>
          /'paid' readers only in Ghost; Masthead has no paywall/.test(n.reason),
        ),
      ).toBe(true);
      expect((await getArticleBySlug(store, "three"))?.metaTitle).toBe("Three SEO");
      expect((await getArticleBySlug(store, "three"))?.metaDescription).toBe("Three described.");
    });

    it("reads Ghost 4.x in the bare {meta, data} shape, with __GHOST_URL__ images", async () => {
      const { store, report } = await importInto("ghost-4.json");
      expect(report.counts.article.imported).toBe(1);
      expect(report.mediaMissing).toEqual([]);
      const four = await getArticleBySlug(store, "four");
      const feature = await getMediaById(store, four?.featuredImageId as string);
      expect(feature?.alt).toBe("Four alt");
      expect(four?.featuredImageCaption).toBe("Four caption");
      // The body's image is the same file: one media item.
      expect(report.counts.media.imported).toBe(1);
    });

    it("imports an export with no posts at all (a new site), writing nothing but its settings", async () => {
      const { report } = await importInto("empty-5.json");
      expect(report.counts.article.imported + report.counts.page.imported).toBe(0);
      expect(report.skipped).toEqual([]);
    });

    it("reads Ghost 6.x: Lexical only, and keeps a sent newsletter off the site", async () => {
      const { store, report } = await importInto("ghost-6.json");
      const six = await getArticleBySlug(store, "six");
      expect(six?.status).toBe("published");
      expect(six?.body.map((b) => b.type)).toEqual(["paragraph", "heading", "paragraph"]);
      expect((await getArticleBySlug(store, "six-newsletter"))?.status).toBe("unpublished");
      expect(await findRedirect(store, "/six-newsletter/")).toBeUndefined();
      expect(await findRedirect(store, "/six/")).toBe("/articles/six");
      expect(report.counts.article.imported).toBe(2);
    });
  });
