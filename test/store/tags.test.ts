import { describe, expect, it } from "vitest";
import {
  createTag,
  getTagById,
  getTagBySlug,
  getTagsByIds,
  listTags,
} from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { issuePaths, rejectionOf } from "../helpers/errors.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

for (const db of DATABASES) {
  describe(db.name, () => {
    const store = useFreshStore(db);

    it("creates a tag and reads it back by id and slug", async () => {
      const tag = await createTag(store(), { slug: "climate", name: "Climate" });
      expect(tag).toEqual({ id: expect.any(String), slug: "climate", name: "Climate" });
      expect(await getTagById(store(), tag.id)).toEqual(tag);
      expect(await getTagBySlug(store(), "climate")).toEqual(tag);
      expect(await getTagBySlug(store(), "weather")).toBeUndefined();
    });

    it("refuses a taken slug and invalid input", async () => {
      await createTag(store(), { slug: "climate", name: "Climate" });
      const conflict = await rejectionOf(createTag(store(), { slug: "climate", name: "Other" }));
      expect(conflict.code).toBe("MH_CONFLICT");
      expect(conflict.message).toBe("a tag with slug 'climate' already exists");
      const invalid = await rejectionOf(createTag(store(), { slug: "", name: "" }));
      expect(new Set(issuePaths(invalid))).toEqual(new Set(["name", "slug"]));
      expect(await listTags(store())).toHaveLength(1);
    });

    it("lists tags by name and fetches several in the order asked", async () => {
      const b = await createTag(store(), { slug: "b", name: "Budget" });
      const a = await createTag(store(), { slug: "a", name: "Arts" });
      expect((await listTags(store())).map((t) => t.slug)).toEqual(["a", "b"]);
      expect((await getTagsByIds(store(), [b.id, MISSING, a.id])).map((t) => t.slug)).toEqual([
        "b",
        "a",
      ]);
    });
  });
}
