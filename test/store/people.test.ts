import { describe, expect, it } from "vitest";
import {
  createMedia,
  createPerson,
  getPeopleByIds,
  getPersonById,
  getPersonBySlug,
  listPeople,
  updatePerson,
} from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { issuePaths, rejectionOf } from "../helpers/errors.js";
import { mediaInput, personInput } from "../helpers/fixtures.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

for (const db of DATABASES) {
  describe(db.name, () => {
    const store = useFreshStore(db);

    it("creates a person with defaults and reads them back by id and slug", async () => {
      const person = await createPerson(store(), { slug: "ada", name: "  Ada Lovelace " });
      expect(person).toEqual({
        id: expect.any(String),
        slug: "ada",
        name: "Ada Lovelace",
        roleTitle: "",
        team: "",
        shortBio: "",
        bio: "",
        avatarId: null,
        avatarAlt: "",
      });
      expect(await getPersonById(store(), person.id)).toEqual(person);
      expect(await getPersonBySlug(store(), "ada")).toEqual(person);
      expect(await getPersonBySlug(store(), "nobody")).toBeUndefined();
    });

    it("updates every field, avatar included", async () => {
      const person = await createPerson(store(), personInput());
      const avatar = await createMedia(store(), mediaInput());
      const input = personInput({ slug: "new-slug", bio: "Long bio.", avatarId: avatar.id });
      const updated = await updatePerson(store(), person.id, input);
      expect(updated).toMatchObject({ id: person.id, slug: "new-slug", avatarId: avatar.id });
      expect(await getPersonById(store(), person.id)).toEqual(updated);
    });

    it("refuses an avatar that does not exist, naming the field", async () => {
      const error = await rejectionOf(createPerson(store(), personInput({ avatarId: MISSING })));
      expect(error.code).toBe("MH_CONTENT_INVALID");
      expect(issuePaths(error)).toEqual(["avatarId"]);
      expect(await listPeople(store())).toEqual([]);
    });

    it("refuses a taken slug and an unknown id", async () => {
      await createPerson(store(), personInput({ slug: "ada" }));
      const other = await createPerson(store(), personInput());
      expect((await rejectionOf(createPerson(store(), personInput({ slug: "ada" })))).code).toBe(
        "MH_CONFLICT",
      );
      const conflict = await rejectionOf(
        updatePerson(store(), other.id, personInput({ slug: "ada" })),
      );
      expect(conflict.message).toBe("a person with slug 'ada' already exists");
      expect((await rejectionOf(updatePerson(store(), MISSING, personInput()))).code).toBe(
        "MH_NOT_FOUND",
      );
    });

    it("rejects invalid input with field paths", async () => {
      const error = await rejectionOf(createPerson(store(), { slug: "Not A Slug", name: "" }));
      expect(issuePaths(error).sort()).toEqual(["name", "slug"]);
    });

    it("lists people by name, and fetches several in the order asked", async () => {
      const zoe = await createPerson(store(), personInput({ name: "Zoe" }));
      const ann = await createPerson(store(), personInput({ name: "Ann" }));
      const max = await createPerson(store(), personInput({ name: "Max" }));
      expect((await listPeople(store())).map((p) => p.name)).toEqual(["Ann", "Max", "Zoe"]);
      const byline = await getPeopleByIds(store(), [max.id, MISSING, zoe.id, ann.id]);
      expect(byline.map((p) => p.name)).toEqual(["Max", "Zoe", "Ann"]);
      expect(await getPeopleByIds(store(), [])).toEqual([]);
    });
  });
}
