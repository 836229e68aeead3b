// The store side of deduplicated views: one salt per day for every instance, batches that count
// only visitor hashes not already stored, forgetting past days, and "most read".
import { describe, expect, it } from "vitest";
import {
  addViews,
  createArticle,
  daySalt,
  deleteArticle,
  forgetVisitorsBefore,
  getViews,
  mostRead,
  type PendingView,
  recordViews,
  type Store,
} from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { published, seedBasics } from "../helpers/fixtures.js";

/** What these tests need of a created article. */
type Created = { id: string };

type View = Omit<PendingView, "addressKey" | "place"> & { addressKey?: string };

/**
 * Writes `views` as a freshly started instance would (each address key's places counted from 0),
 * each from an address of its own unless it names one, at most `perAddress` per address.
 */
function record(store: Store, views: View[], perAddress = 10) {
  const counted = new Map<string, number>();
  return recordViews(
    store,
    views.map((v) => {
      const addressKey = v.addressKey ?? `address of ${v.hash}`;
      const place = counted.get(addressKey) ?? 0;
      counted.set(addressKey, place + 1);
      return { ...v, addressKey, place };
    }),
    { perAddress },
  );
}

for (const db of DATABASES) {
  describe(db.name, () => {
    const store = useFreshStore(db);

    async function articles(n: number, overrides = published()) {
      const basics = await seedBasics(store());
      const out = [];
      for (let i = 0; i < n; i++)
        out.push(await createArticle(store(), basics.articleInput(overrides)));
      return out;
    }

    it("keeps the first salt offered for a day: every instance reads back the same one", async () => {
      const salts = await Promise.all(
        ["a", "b", "c", "d"].map((candidate) => daySalt(store(), "2026-01-01", candidate)),
      );
      expect(new Set(salts).size).toBe(1);
      expect(await daySalt(store(), "2026-01-01", "late")).toBe(salts[0]);
      expect(await daySalt(store(), "2026-01-02", "next")).toBe("next");
    });

    it("counts only hashes not stored yet, across batches and per article and day", async () => {
      const [a, b] = (await articles(2)) as Created[] as [Created, Created];
      const day = "2026-01-01";
      const first = await record(store(), [
        { day, hash: "h1", articleId: a.id },
        { day, hash: "h2", articleId: a.id },
        { day, hash: "h3", articleId: b.id },
      ]);
      expect(first.counted).toBe(3);
      expect(first.totals.get(a.id)).toBe(2);
      // Another instance's batch with two hashes already counted and one new.
      const second = await record(store(), [
        { day, hash: "h1", articleId: a.id },
        { day, hash: "h3", articleId: b.id },
        { day, hash: "h4", articleId: b.id },
        { day: "2026-01-02", hash: "h1", articleId: a.id },
      ]);
      expect(second.counted).toBe(2);
      expect(await getViews(store(), a.id)).toBe(3);
      expect(await getViews(store(), b.id)).toBe(2);
    });

    it("drops the views of an article deleted before the batch was written, and writes the rest", async () => {
      const [gone, kept] = (await articles(2, {})) as Created[] as [Created, Created];
      await deleteArticle(store(), gone.id);
      const { counted } = await record(store(), [
        { day: "2026-01-01", hash: "x", articleId: gone.id },
        { day: "2026-01-01", hash: "y", articleId: kept.id },
      ]);
      expect(counted).toBe(1);
      expect(await getViews(store(), kept.id)).toBe(1);
    });

    it("writes a batch of 5,000 views in one call", async () => {
      const [a] = (await articles(1)) as Created[] as [Created];
      const batch = Array.from({ length: 5000 }, (_, i) => ({
        day: "2026-01-01",
        hash: `h${i}`,
        articleId: a?.id as string,
      }));
      expect((await record(store(), batch)).counted).toBe(5000);
      expect(await getViews(store(), a?.id as string)).toBe(5000);
    });

    it("stores at most the cap of visitors per address key, over batches, and counts only those", async () => {
      const [a] = (await articles(1)) as Created[] as [Created];
      const day = "2026-01-01";
      const from = (address: string, n: number, prefix: string) =>
        Array.from({ length: n }, (_, i) => ({
          day,
          hash: `${prefix}${i}`,
          addressKey: address,
          articleId: a.id,
        }));
      const first = await record(store(), [...from("k1", 7, "a"), ...from("k2", 2, "b")], 10);
      expect(first.counted).toBe(9);
      // k1 has three places left: a repeat of a counted visitor takes none of them.
      const second = await record(store(), [...from("k1", 1, "a"), ...from("k1", 6, "c")], 10);
      expect(second.counted).toBe(3);
      const rows = await store()
        .db.selectFrom("view_visitors")
        .select(["address_key", "slot"])
        .where("address_key", "=", "k1")
        .execute();
      expect(rows.map((r) => Number(r.slot)).sort((x, y) => x - y)).toEqual([
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
      ]);
      expect(await getViews(store(), a.id)).toBe(12);
    });

    it("never stores more than the cap for one address when instances write at once", async () => {
      const [a] = (await articles(1)) as Created[] as [Created];
      // Four instances' batches, each with 5 new visitors of the same address.
      const batches = ["w", "x", "y", "z"].map((prefix) =>
        Array.from({ length: 5 }, (_, i) => ({
          day: "2026-01-01",
          hash: `${prefix}${i}`,
          addressKey: "shared",
          articleId: a.id,
        })),
      );
      const results = await Promise.all(batches.map((b) => record(store(), b, 10)));
      const counted = results.reduce((sum, r) => sum + r.counted, 0);
      const stored = await store()
        .db.selectFrom("view_visitors")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("address_key", "=", "shared")
        .executeTakeFirstOrThrow();
      // A place two instances both chose goes to one of them: the count may fall short, never over.
      expect(counted).toBeLessThanOrEqual(10);
      expect(counted).toBeGreaterThanOrEqual(5);
      expect(Number(stored.n)).toBe(counted);
      expect(await getViews(store(), a.id)).toBe(counted);
    });

    it("forgets the salts and hashes of past days, keeping today's and every count", async () => {
      const [a] = (await articles(1)) as Created[] as [Created];
      const id = a?.id as string;
      await daySalt(store(), "2026-01-01", "old");
      await daySalt(store(), "2026-01-02", "new");
      await record(store(), [
        { day: "2026-01-01", hash: "h", articleId: id },
        { day: "2026-01-02", hash: "h", articleId: id },
      ]);
      await forgetVisitorsBefore(store(), "2026-01-02");
      const salts = await store().db.selectFrom("view_salts").select("day").execute();
      const hashes = await store().db.selectFrom("view_visitors").select("day").execute();
      expect(salts.map((s) => s.day)).toEqual(["2026-01-02"]);
      expect(hashes.map((h) => h.day)).toEqual(["2026-01-02"]);
      expect(await getViews(store(), id)).toBe(2);
    });

    it("ranks the most read since a day, and only public articles when asked", async () => {
      const [a, b] = (await articles(2)) as Created[] as [Created, Created];
      const [draft] = (await articles(1, {})) as Created[] as [Created];
      await addViews(store(), a?.id as string, 5, new Date("2026-01-10T12:00:00Z"));
      await addViews(store(), b?.id as string, 9, new Date("2026-01-01T12:00:00Z"));
      await addViews(store(), draft?.id as string, 50, new Date("2026-01-10T12:00:00Z"));
      const since = await mostRead(store(), { from: "2026-01-05", limit: 10 });
      expect(since.map((r) => [r.articleId, r.views])).toEqual([
        [draft?.id, 50],
        [a?.id, 5],
      ]);
      const shown = await mostRead(store(), { limit: 10, publicOnly: true });
      expect(shown.map((r) => r.articleId)).toEqual([b?.id, a?.id]);
    });
  });
}
