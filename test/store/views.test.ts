import { describe, expect, it } from "vitest";
import { addViews, createArticle, getViews } from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { rejectionOf } from "../helpers/errors.js";
import { published, seedBasics } from "../helpers/fixtures.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

for (const db of DATABASES) {
  describe(db.name, () => {
    const store = useFreshStore(db);

    async function article() {
      const basics = await seedBasics(store());
      return createArticle(store(), basics.articleInput(published()));
    }

    it("is 0 for an article nobody has viewed", async () => {
      const { id } = await article();
      expect(await getViews(store(), id)).toBe(0);
    });

    it("adds one view by default and n views when asked", async () => {
      const { id } = await article();
      await addViews(store(), id);
      await addViews(store(), id, 41);
      await addViews(store(), id, 0);
      expect(await getViews(store(), id)).toBe(42);
    });

    it("counts every one of 200 concurrent additions", async () => {
      const { id } = await article();
      await Promise.all(Array.from({ length: 200 }, () => addViews(store(), id)));
      expect(await getViews(store(), id)).toBe(200);
    });

    it("sums views over days", async () => {
      const { id } = await article();
      await addViews(store(), id, 3, new Date("2025-01-01T23:59:00Z"));
      await addViews(store(), id, 4, new Date("2025-01-02T00:01:00Z"));
      const rows = await store()
        .db.selectFrom("article_views_daily")
        .select(["day", "views"])
        .where("article_id", "=", id)
        .orderBy("day")
        .execute();
      expect(rows.map((r) => [r.day, Number(r.views)])).toEqual([
        ["2025-01-01", 3],
        ["2025-01-02", 4],
      ]);
      expect(await getViews(store(), id)).toBe(7);
    });

    it("keeps each article's count apart", async () => {
      const a = await article();
      const b = await article();
      await addViews(store(), a.id, 5);
      expect(await getViews(store(), b.id)).toBe(0);
    });

    it("refuses views for an unknown article and a negative count", async () => {
      expect((await rejectionOf(addViews(store(), MISSING))).code).toBe("MH_NOT_FOUND");
      const { id } = await article();
      expect((await rejectionOf(addViews(store(), id, -1))).code).toBe("MH_CONTENT_INVALID");
      expect(await getViews(store(), id)).toBe(0);
    });
  });
}
