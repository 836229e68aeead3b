import { describe, expect, it } from "vitest";
import {
  createSection,
  getSectionById,
  getSectionBySlug,
  listSections,
  updateSection,
} from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { issuePaths, rejectionOf } from "../helpers/errors.js";
import { sectionInput } from "../helpers/fixtures.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

for (const db of DATABASES) {
  describe(db.name, () => {
    const store = useFreshStore(db);

    it("creates nested sections and reads them back by id and slug", async () => {
      const news = await createSection(store(), { slug: "news", name: "News" });
      const world = await createSection(store(), {
        slug: "world",
        name: "World",
        description: "Abroad",
        parentId: news.id,
      });
      expect(news).toEqual({
        id: expect.any(String),
        slug: "news",
        name: "News",
        description: "",
        parentId: null,
      });
      expect(await getSectionById(store(), world.id)).toEqual(world);
      expect(await getSectionBySlug(store(), "world")).toEqual(world);
      expect(await getSectionBySlug(store(), "sport")).toBeUndefined();
    });

    it("updates a section's fields and parent", async () => {
      const a = await createSection(store(), sectionInput({ name: "A" }));
      const b = await createSection(store(), sectionInput({ name: "B" }));
      const updated = await updateSection(
        store(),
        b.id,
        sectionInput({ slug: "bee", name: "Bee", parentId: a.id }),
      );
      expect(updated).toEqual({
        id: b.id,
        slug: "bee",
        name: "Bee",
        description: "",
        parentId: a.id,
      });
      expect(await getSectionById(store(), b.id)).toEqual(updated);
    });

    it("refuses a parent that does not exist, or one inside the section itself", async () => {
      const missing = await rejectionOf(
        createSection(store(), sectionInput({ parentId: MISSING })),
      );
      expect(issuePaths(missing)).toEqual(["parentId"]);
      const top = await createSection(store(), sectionInput());
      const child = await createSection(store(), sectionInput({ parentId: top.id }));
      const cycle = await rejectionOf(
        updateSection(store(), top.id, sectionInput({ slug: top.slug, parentId: child.id })),
      );
      expect(issuePaths(cycle)).toEqual(["parentId"]);
      const self = await rejectionOf(
        updateSection(store(), top.id, sectionInput({ slug: top.slug, parentId: top.id })),
      );
      expect(issuePaths(self)).toEqual(["parentId"]);
      expect(await getSectionById(store(), top.id)).toEqual(top);
    });

    it("refuses a taken slug and an unknown id", async () => {
      await createSection(store(), sectionInput({ slug: "news" }));
      const error = await rejectionOf(createSection(store(), sectionInput({ slug: "news" })));
      expect(error.code).toBe("MH_CONFLICT");
      expect(error.message).toBe("a section with slug 'news' already exists");
      expect((await rejectionOf(updateSection(store(), MISSING, sectionInput()))).code).toBe(
        "MH_NOT_FOUND",
      );
    });

    it("lists sections by name", async () => {
      for (const name of ["Sport", "Culture", "News"])
        await createSection(store(), sectionInput({ name }));
      expect((await listSections(store())).map((s) => s.name)).toEqual([
        "Culture",
        "News",
        "Sport",
      ]);
    });
  });
}
