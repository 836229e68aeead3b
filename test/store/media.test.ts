import { describe, expect, it } from "vitest";
import { createMedia, getMediaById, getMediaByIds, updateMedia } from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { issuePaths, rejectionOf } from "../helpers/errors.js";
import { mediaInput } from "../helpers/fixtures.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

for (const db of DATABASES) {
  describe(db.name, () => {
    const store = useFreshStore(db);

    it("creates a media item with its credit and reads it back", async () => {
      const item = await createMedia(
        store(),
        mediaInput({
          storageKey: "palace.jpg",
          mimeType: "image/jpeg",
          credit: {
            creator: "Eric",
            sourceName: "Flickr",
            sourceUrl: "https://flickr.com/x",
            license: "cc-by-sa-2.0",
          },
        }),
      );
      expect(item).toMatchObject({
        storageKey: "palace.jpg",
        mimeType: "image/jpeg",
        credit: { creator: "Eric", sourceUrl: "https://flickr.com/x", license: "cc-by-sa-2.0" },
      });
      expect(await getMediaById(store(), item.id)).toEqual(item);
    });

    it("fills credit defaults and leaves out a missing source URL", async () => {
      const item = await createMedia(store(), mediaInput({ credit: { license: "cc0-1.0" } }));
      const read = await getMediaById(store(), item.id);
      expect(read?.credit).toEqual({ creator: "", sourceName: "", license: "cc0-1.0" });
      expect(read).toEqual(item);
    });

    it("updates a media item, and reports an unknown id", async () => {
      const item = await createMedia(store(), mediaInput());
      const updated = await updateMedia(
        store(),
        item.id,
        mediaInput({ storageKey: item.storageKey, alt: "New alt" }),
      );
      expect(updated.alt).toBe("New alt");
      expect(await getMediaById(store(), item.id)).toEqual(updated);
      expect((await rejectionOf(updateMedia(store(), MISSING, mediaInput()))).code).toBe(
        "MH_NOT_FOUND",
      );
    });

    it("refuses a storage key already in use and invalid input", async () => {
      await createMedia(store(), mediaInput({ storageKey: "a.png" }));
      const conflict = await rejectionOf(createMedia(store(), mediaInput({ storageKey: "a.png" })));
      expect(conflict.code).toBe("MH_CONFLICT");
      expect(conflict.message).toBe("a media item with storage key 'a.png' already exists");
      const invalid = await rejectionOf(
        createMedia(store(), mediaInput({ width: 0, credit: { license: "mine" as "cc0-1.0" } })),
      );
      expect(issuePaths(invalid).sort()).toEqual(["credit.license", "width"]);
    });

    it("fetches several media items in the order asked", async () => {
      const a = await createMedia(store(), mediaInput());
      const b = await createMedia(store(), mediaInput());
      expect((await getMediaByIds(store(), [b.id, MISSING, a.id])).map((m) => m.id)).toEqual([
        b.id,
        a.id,
      ]);
    });
  });
}
