import { describe, expect, it } from "vitest";
import {
  addTrackerEntry,
  createTracker,
  getTrackerById,
  getTrackerBySlug,
  getTrackerSummaries,
  updateTracker,
} from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { issuePaths, rejectionOf } from "../helpers/errors.js";
import { trackerInput } from "../helpers/fixtures.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

for (const db of DATABASES) {
  describe(db.name, () => {
    const store = useFreshStore(db);

    it("creates a tracker with its entries in order and reads it back by slug and id", async () => {
      const tracker = await createTracker(store(), trackerInput(3, { slug: "pardons" }));
      expect(tracker.entries.map((e) => [e.position, e.title])).toEqual([
        [0, "Entry 1"],
        [1, "Entry 2"],
        [2, "Entry 3"],
      ]);
      expect(tracker.entries[0]).toMatchObject({
        occurredOn: "2025-01-20",
        sourceUrl: "https://example.org/records",
      });
      expect(await getTrackerBySlug(store(), "pardons")).toEqual(tracker);
      expect(await getTrackerById(store(), tracker.id)).toEqual(tracker);
      expect(await getTrackerBySlug(store(), "nothing")).toBeUndefined();
    });

    it("writes nothing when one entry is invalid", async () => {
      const input = trackerInput(3, { slug: "pardons" });
      const entries = input.entries ?? [];
      entries[1] = { ...entries[1], title: "", occurredOn: "20 January" };
      const error = await rejectionOf(createTracker(store(), input));
      expect(error.code).toBe("MH_CONTENT_INVALID");
      expect(issuePaths(error).sort()).toEqual(["entries.1.occurredOn", "entries.1.title"]);
      expect(await getTrackerBySlug(store(), "pardons")).toBeUndefined();
    });

    it("refuses a taken slug", async () => {
      await createTracker(store(), trackerInput(0, { slug: "pardons" }));
      const error = await rejectionOf(createTracker(store(), trackerInput(1, { slug: "pardons" })));
      expect(error.code).toBe("MH_CONFLICT");
      expect(error.message).toBe("a tracker with slug 'pardons' already exists");
    });

    it("appends entries after the last one and bumps updatedAt", async () => {
      const tracker = await createTracker(store(), trackerInput(2));
      const entry = await addTrackerEntry(store(), tracker.id, { title: "A third" });
      expect(entry).toMatchObject({
        position: 2,
        title: "A third",
        summary: "",
        occurredOn: null,
        sourceName: "",
      });
      const read = await getTrackerById(store(), tracker.id);
      expect(read?.entries.map((e) => e.title)).toEqual(["Entry 1", "Entry 2", "A third"]);
      expect(read?.entries[2]).toEqual(entry);
      expect(read!.updatedAt > tracker.updatedAt).toBe(true);
    });

    it("gives concurrent additions distinct positions", async () => {
      const tracker = await createTracker(store(), trackerInput(0));
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          addTrackerEntry(store(), tracker.id, { title: `Entry ${i}` }),
        ),
      );
      const read = await getTrackerById(store(), tracker.id);
      expect(read?.entries.map((e) => e.position)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    });

    it("reports an unknown tracker and an invalid entry", async () => {
      const missing = await rejectionOf(addTrackerEntry(store(), MISSING, { title: "x" }));
      expect(missing.code).toBe("MH_NOT_FOUND");
      const tracker = await createTracker(store(), trackerInput(0));
      const invalid = await rejectionOf(
        addTrackerEntry(store(), tracker.id, { title: "x", sourceUrl: "javascript:alert(1)" }),
      );
      expect(issuePaths(invalid)).toEqual(["sourceUrl"]);
      expect((await getTrackerById(store(), tracker.id))?.entries).toEqual([]);
    });

    it("updates title, slug and description and keeps the entries", async () => {
      const tracker = await createTracker(store(), trackerInput(2));
      const updated = await updateTracker(store(), tracker.id, {
        slug: "renamed",
        title: "Renamed",
        description: [{ text: "New words", italic: true }],
      });
      expect(updated).toMatchObject({
        id: tracker.id,
        slug: "renamed",
        title: "Renamed",
        description: [{ text: "New words", italic: true }],
        entries: tracker.entries,
      });
      expect(await getTrackerBySlug(store(), "renamed")).toEqual(updated);
    });

    it("refuses entries in an update, a taken slug and an unknown id", async () => {
      const a = await createTracker(store(), trackerInput(0, { slug: "a" }));
      await createTracker(store(), trackerInput(0, { slug: "b" }));
      const withEntries = { slug: "a", title: "A", entries: [] } as { slug: string; title: string };
      expect((await rejectionOf(updateTracker(store(), a.id, withEntries))).code).toBe(
        "MH_CONTENT_INVALID",
      );
      expect(
        (await rejectionOf(updateTracker(store(), a.id, { slug: "b", title: "A" }))).code,
      ).toBe("MH_CONFLICT");
      expect(
        (await rejectionOf(updateTracker(store(), MISSING, { slug: "c", title: "C" }))).code,
      ).toBe("MH_NOT_FOUND");
    });

    it("summarises trackers with their entry counts, in the order asked", async () => {
      const empty = await createTracker(store(), trackerInput(0));
      const three = await createTracker(store(), trackerInput(3));
      const summaries = await getTrackerSummaries(store(), [three.id, MISSING, empty.id]);
      expect(summaries).toEqual([
        { id: three.id, slug: three.slug, title: three.title, entryCount: 3 },
        { id: empty.id, slug: empty.slug, title: empty.title, entryCount: 0 },
      ]);
      expect(await getTrackerSummaries(store(), [])).toEqual([]);
    });
  });
}
