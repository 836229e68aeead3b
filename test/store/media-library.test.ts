import { describe, expect, it } from "vitest";
import {
  createArticle,
  createMedia,
  createPerson,
  deleteMedia,
  getMediaById,
  getMediaRecord,
  listMedia,
  loadArticlePage,
  MediaInUseError,
  mediaUsage,
  type StoredMediaVariant,
  updateMediaDetails,
} from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { issuePaths, rejectionOf } from "../helpers/errors.js";
import { mediaInput, personInput, published, seedBasics } from "../helpers/fixtures.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

const variants = (prefix: string): StoredMediaVariant[] => [
  { format: "jpeg", width: 480, height: 320, storageKey: `${prefix}-480.jpg`, bytes: 30_000 },
  { format: "webp", width: 960, height: 640, storageKey: `${prefix}-960.webp`, bytes: 50_000 },
  { format: "avif", width: 480, height: 320, storageKey: `${prefix}-480.avif`, bytes: 12_000 },
  { format: "webp", width: 480, height: 320, storageKey: `${prefix}-480.webp`, bytes: 20_000 },
];

for (const db of DATABASES) {
  describe(db.name, () => {
    const store = useFreshStore(db);

    it("records renditions with a new item and returns them best format first, narrowest first", async () => {
      const item = await createMedia(store(), mediaInput(), {
        variants: variants("a"),
        uploadedBy: "user-1",
      });
      const expected = ["avif 480", "webp 480", "webp 960", "jpeg 480"];
      expect(item.variants?.map((v) => `${v.format} ${v.width}`)).toEqual(expected);
      const read = await getMediaById(store(), item.id);
      expect(read).toEqual(item);
      const record = await getMediaRecord(store(), item.id);
      expect(record).toMatchObject({ version: 1, uploadedBy: "user-1" });
      expect(record?.variants.map((v) => v.bytes)).toEqual([12_000, 20_000, 50_000, 30_000]);
    });

    it("gives the article page its images' renditions", async () => {
      const basics = await seedBasics(store());
      const photo = await createMedia(store(), mediaInput(), { variants: variants("p") });
      const article = await createArticle(
        store(),
        basics.articleInput({
          ...published(),
          body: [{ type: "image", mediaId: photo.id, alt: "A photo" }],
        }),
      );
      const page = await loadArticlePage(store(), article.slug);
      expect(page?.media[photo.id]?.variants).toHaveLength(4);
      expect(page?.media[basics.media.id]?.variants).toBeUndefined();
    });

    it("lists the library newest first, searches alt text and credits, and counts all matches", async () => {
      const a = await createMedia(store(), mediaInput({ alt: "The National Palace at dusk" }));
      const b = await createMedia(
        store(),
        mediaInput({ alt: "A market", credit: { creator: "Ana Palacios", license: "cc-by-4.0" } }),
      );
      const c = await createMedia(store(), mediaInput({ alt: "100% cotton_shirt" }));
      const all = await listMedia(store(), { limit: 2, offset: 0 });
      expect(all.total).toBe(3);
      expect(all.items.map((i) => i.id)).toEqual([c.id, b.id]);
      const found = await listMedia(store(), { q: "PALAC", limit: 10, offset: 0 });
      expect(found.items.map((i) => i.id)).toEqual([b.id, a.id]);
      expect(found.total).toBe(2);
      // LIKE's wildcards in the query are taken literally.
      expect((await listMedia(store(), { q: "0%", limit: 10, offset: 0 })).total).toBe(1);
      expect((await listMedia(store(), { q: "l_p", limit: 10, offset: 0 })).total).toBe(0);
    });

    it("finds the articles and people that use an image, and only those", async () => {
      const basics = await seedBasics(store());
      const photo = await createMedia(store(), mediaInput());
      const inBody = await createArticle(
        store(),
        basics.articleInput({
          headline: "Body",
          featuredImageId: null,
          body: [{ type: "image", mediaId: photo.id, alt: "x" }],
        }),
      );
      const featured = await createArticle(
        store(),
        basics.articleInput({ headline: "Featured", featuredImageId: photo.id }),
      );
      // Its id in plain text is no use of the image.
      await createArticle(
        store(),
        basics.articleInput({
          headline: "Mentions",
          body: [{ type: "paragraph", content: [{ text: `see ${photo.id}` }] }],
        }),
      );
      const person = await createPerson(store(), personInput({ name: "Ada", avatarId: photo.id }));

      const usage = await mediaUsage(store(), photo.id);
      expect(usage.articles.map((a) => [a.id, a.headline])).toEqual([
        [inBody.id, "Body"],
        [featured.id, "Featured"],
      ]);
      expect(usage.people).toEqual([{ id: person.id, name: "Ada", slug: person.slug }]);
    });

    it("refuses to delete an image still in use, naming its users, and changes nothing", async () => {
      const basics = await seedBasics(store());
      const article = await createArticle(store(), basics.articleInput({ headline: "Budget" }));
      const error = await rejectionOf(deleteMedia(store(), basics.media.id));
      expect(error).toBeInstanceOf(MediaInUseError);
      expect(error.code).toBe("MH_CONFLICT");
      expect(error.message).toBe(
        `this image is still used by 1 article ('Budget') and 1 person as avatar ('${basics.person.name}'); remove it from them first`,
      );
      expect((error as MediaInUseError).usage.articles[0]?.id).toBe(article.id);
      expect(await getMediaById(store(), basics.media.id)).toBeDefined();
    });

    it("deletes an unused image with its renditions and returns what to remove from disk", async () => {
      const item = await createMedia(store(), mediaInput(), { variants: variants("d") });
      const deleted = await deleteMedia(store(), item.id);
      expect(deleted.variants).toHaveLength(4);
      expect(await getMediaRecord(store(), item.id)).toBeUndefined();
      const left = await store().db.selectFrom("media_variants").selectAll().execute();
      expect(left).toEqual([]);
      expect((await rejectionOf(deleteMedia(store(), MISSING))).code).toBe("MH_NOT_FOUND");
    });

    it("edits alt text and credit at the version read, and reports a stale version", async () => {
      const item = await createMedia(store(), mediaInput());
      const saved = await updateMediaDetails(
        store(),
        item.id,
        { alt: "New alt", credit: { creator: "", sourceUrl: "https://example.org/p" } },
        1,
      );
      expect(saved).toMatchObject({
        saved: {
          alt: "New alt",
          version: 2,
          credit: { creator: "", sourceName: "Flickr", sourceUrl: "https://example.org/p" },
        },
      });
      expect(await updateMediaDetails(store(), item.id, { alt: "Late" }, 1)).toEqual({
        staleVersion: 2,
      });
      const cleared = await updateMediaDetails(
        store(),
        item.id,
        { credit: { sourceUrl: null } },
        2,
      );
      expect("saved" in cleared && cleared.saved.credit.sourceUrl).toBeUndefined();
      expect((await getMediaRecord(store(), item.id))?.version).toBe(3);
    });

    it("keeps a description: written, read back, edited at the version read, searched", async () => {
      const long = "Fishing boats moored in the inner harbour, shot from the north pier at dawn.";
      const item = await createMedia(store(), mediaInput({ description: `  ${long}\n` }));
      expect(item.description).toBe(long);
      expect((await getMediaById(store(), item.id))?.description).toBe(long);
      const plain = await createMedia(store(), mediaInput());
      expect((await getMediaRecord(store(), plain.id))?.description).toBe("");

      // Left out, it stays; the alt text is edited on its own.
      const altOnly = await updateMediaDetails(store(), item.id, { alt: "Boats" }, 1);
      expect("saved" in altOnly && altOnly.saved.description).toBe(long);
      const edited = await updateMediaDetails(
        store(),
        item.id,
        { description: "Trawlers at the north pier, a week before the harbour closed." },
        2,
      );
      expect(edited).toMatchObject({ saved: { version: 3, alt: "Boats" } });
      expect(await updateMediaDetails(store(), item.id, { description: "Late" }, 2)).toEqual({
        staleVersion: 3,
      });
      expect((await getMediaRecord(store(), item.id))?.description).toBe(
        "Trawlers at the north pier, a week before the harbour closed.",
      );

      // Words only in the description find the item, case-insensitively.
      const found = await listMedia(store(), { q: "TRAWLERS", limit: 10, offset: 0 });
      expect(found.items.map((i) => [i.id, i.description])).toEqual([
        [item.id, "Trawlers at the north pier, a week before the harbour closed."],
      ]);

      const cleared = await updateMediaDetails(store(), item.id, { description: "" }, 3);
      expect("saved" in cleared && cleared.saved.description).toBe("");
      expect((await listMedia(store(), { q: "trawlers", limit: 10, offset: 0 })).total).toBe(0);
    });

    it("refuses a description over 5000 characters at description and writes nothing", async () => {
      const item = await createMedia(store(), mediaInput({ description: "Kept." }));
      const error = await rejectionOf(
        updateMediaDetails(store(), item.id, { description: "x".repeat(5001) }, 1),
      );
      expect(issuePaths(error)).toEqual(["description"]);
      expect(await getMediaRecord(store(), item.id)).toMatchObject({
        version: 1,
        description: "Kept.",
      });
      const created = await rejectionOf(
        createMedia(store(), mediaInput({ description: "x".repeat(5001) })),
      );
      expect(issuePaths(created)).toEqual(["description"]);
      const longest = await createMedia(store(), mediaInput({ description: "é".repeat(5000) }));
      expect((await getMediaById(store(), longest.id))?.description).toHaveLength(5000);
    });

    it("refuses an unknown license at credit.license and writes nothing", async () => {
      const item = await createMedia(store(), mediaInput());
      const error = await rejectionOf(
        updateMediaDetails(store(), item.id, { credit: { license: "cc-by-9.0" } }, 1),
      );
      expect(issuePaths(error)).toEqual(["credit.license"]);
      expect((await getMediaRecord(store(), item.id))?.version).toBe(1);
    });
  });
}
