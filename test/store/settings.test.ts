import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/content/index.js";
import { getSettings, updateSettings } from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { issuePaths, rejectionOf } from "../helpers/errors.js";

for (const db of DATABASES) {
  describe(db.name, () => {
    const store = useFreshStore(db);

    it("gives the defaults before anything is saved", async () => {
      expect(await getSettings(store())).toEqual(DEFAULT_SETTINGS);
    });

    it("saves settings, and saving again replaces them", async () => {
      const first = await updateSettings(store(), { title: "The Daily", language: "en-GB" });
      expect(first).toEqual({ ...DEFAULT_SETTINGS, title: "The Daily", language: "en-GB" });
      expect(await getSettings(store())).toEqual(first);
      await updateSettings(store(), { title: "The Weekly", tagline: "Slow news" });
      expect(await getSettings(store())).toEqual({
        ...DEFAULT_SETTINGS,
        title: "The Weekly",
        tagline: "Slow news",
      });
    });

    it("rejects invalid settings and keeps the old ones", async () => {
      await updateSettings(store(), { title: "The Daily" });
      const error = await rejectionOf(updateSettings(store(), { title: "", language: "English" }));
      expect(issuePaths(error).sort()).toEqual(["language", "title"]);
      expect((await getSettings(store())).title).toBe("The Daily");
    });
  });
}
