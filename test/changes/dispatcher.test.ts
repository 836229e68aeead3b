// The change outbox and its dispatcher on both databases: events exist only with their commit,
// reach another instance (NOTIFY on PostgreSQL, polling on SQLite), in order, past a failing
// consumer, from a large backlog in bounded batches, and start over when a cursor was pruned.
import { afterEach, describe, expect, it } from "vitest";
import { type ChangeDispatcher, createChangeDispatcher } from "../../src/changes/dispatcher.js";
import type { DatabaseConfig } from "../../src/config.js";
import type { ChangeConsumer, ChangeEvent, RecordedChange } from "../../src/content/index.js";
import {
  openChangeCursor,
  openStore,
  pruneChanges,
  READER_GONE_AFTER_MS,
  readChangesAfter,
  recordChanges,
  type Store,
  transact,
} from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";

const quiet = { info() {}, warn() {}, error() {} };

const event = (n: number): ChangeEvent => ({
  type: "article.updated",
  ids: { articleId: `a${n}` },
  paths: [`/articles/a${n}`],
});

/** A consumer that keeps what it was given. */
function collector(
  name = "collector",
): ChangeConsumer & { seen: RecordedChange[]; resets: number } {
  const c = {
    name,
    seen: [] as RecordedChange[],
    resets: 0,
    handle(events: readonly RecordedChange[]) {
      c.seen.push(...events);
    },
    reset() {
      c.resets += 1;
    },
  };
  return c;
}

async function record(store: Store, ...events: ChangeEvent[]) {
  await transact(store, (tx) => recordChanges(tx, events));
}

/** Polls `check` until it holds; fails after `ms`. */
async function eventually(check: () => boolean, ms = 3000): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - start;
}

for (const db of DATABASES) {
  describe(db.name, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      // Dispatchers and extra stores first, the database last.
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    /** Two "instances" on one database: the first store owns it. */
    async function twoStores(): Promise<{ a: Store; b: Store; config: DatabaseConfig }> {
      const { store: a, config } = await db.openShared();
      cleanups.push(() => a.close());
      const b = await openStore(config);
      cleanups.push(() => b.close());
      return { a, b, config };
    }

    async function dispatcher(
      store: Store,
      config: DatabaseConfig,
      consumers: ChangeConsumer[],
      opts: { pollMs?: number; batchSize?: number } = {},
    ): Promise<ChangeDispatcher> {
      const d = createChangeDispatcher({
        store,
        database: config,
        consumers,
        log: quiet,
        housekeepingMs: 3_600_000,
        ...opts,
      });
      await d.start();
      cleanups.push(() => d.stop());
      return d;
    }

    it("records events only inside a transaction, and only if it commits", async () => {
      const { a } = await twoStores();
      await expect(recordChanges(a, [event(1)])).rejects.toThrow(/inside the transaction/);
      await expect(
        transact(a, async (tx) => {
          await recordChanges(tx, [event(1)]);
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      expect(await readChangesAfter(a, 0)).toEqual([]);
      await record(a, event(2), event(3));
      const rows = await readChangesAfter(a, 0);
      expect(rows.map((r) => r.ids.articleId)).toEqual(["a2", "a3"]);
      expect(rows[1]?.position).toBeGreaterThan(rows[0]?.position ?? Infinity);
      expect(rows[0]).toMatchObject({ type: "article.updated", paths: ["/articles/a2"] });
    });

    it("delivers this instance's own commit before transact returns", async () => {
      const { a, config } = await twoStores();
      const mine = collector();
      await dispatcher(a, config, [mine], { pollMs: 3_600_000 });
      await record(a, event(1));
      expect(mine.seen.map((e) => e.ids.articleId)).toEqual(["a1"]);
    });

    it("wakes another instance within a second, with no poll on PostgreSQL", async () => {
      const { a, b, config } = await twoStores();
      const other = collector();
      // On PostgreSQL only NOTIFY can wake it this soon; SQLite polls (its default is 250 ms).
      await dispatcher(b, config, [other], { pollMs: db.name === "postgres" ? 3_600_000 : 250 });
      if (db.name === "postgres") await new Promise((r) => setTimeout(r, 200)); // LISTEN is up
      await record(a, event(1));
      const took = await eventually(() => other.seen.length === 1, 1000);
      expect(took).toBeLessThan(1000);
    });

    it("a consumer that throws is retried and holds back neither the write nor the others", async () => {
      const { a, config } = await twoStores();
      const good = collector("good");
      let failures = 0;
      const flaky = collector("flaky");
      const flakyHandle = flaky.handle;
      flaky.handle = (events) => {
        if (failures < 2) {
          failures += 1;
          throw new Error("consumer down");
        }
        flakyHandle(events);
      };
      const errors: unknown[] = [];
      const d = createChangeDispatcher({
        store: a,
        database: config,
        consumers: [flaky, good],
        log: { ...quiet, error: (obj) => errors.push(obj) },
        pollMs: 20,
        housekeepingMs: 3_600_000,
      });
      await d.start();
      cleanups.push(() => d.stop());
      await record(a, event(1));
      await record(a, event(2));
      expect(good.seen.map((e) => e.ids.articleId)).toEqual(["a1", "a2"]);
      await eventually(() => flaky.seen.length === 2);
      expect(flaky.seen.map((e) => e.ids.articleId)).toEqual(["a1", "a2"]);
      expect(errors.length).toBe(2);
    });

    it("drains a large backlog in order, a batch at a time", async () => {
      const { a, b, config } = await twoStores();
      const late = collector();
      const d = await dispatcher(b, config, [late], { pollMs: 3_600_000, batchSize: 100 });
      // 1,500 events in 15 transactions while the instance is not looking.
      for (let t = 0; t < 15; t++)
        await record(a, ...Array.from({ length: 100 }, (_, i) => event(t * 100 + i)));
      await d.catchUp();
      expect(late.seen.length).toBe(1500);
      const positions = late.seen.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
      expect(new Set(positions).size).toBe(1500);
    });

    it("starts its consumers over when its cursor was pruned while it was away", async () => {
      const { a, b, config } = await twoStores();
      const away = collector();
      const d = await dispatcher(b, config, [away], { pollMs: 3_600_000 });
      await record(a, event(1));
      // Everyone else prunes as if this reader had been gone for longer than the limit.
      await pruneChanges(a, Date.now() + READER_GONE_AFTER_MS + 60_000);
      await d.housekeeping();
      expect(away.resets).toBe(1);
      expect(d.position).toBeGreaterThan(0);
      await record(a, event(2));
      await d.catchUp();
      // On PostgreSQL NOTIFY may have brought a1 before the prune; after the reset only a2 came.
      const ids = away.seen.map((e) => e.ids.articleId);
      expect(ids.filter((id) => id === "a2")).toEqual(["a2"]);
      expect(ids.at(-1)).toBe("a2");
    });

    it("prunes only what every live reader has passed; two pruners at once are fine", async () => {
      const { a } = await twoStores();
      await record(a, event(1), event(2));
      const start = await openChangeCursor(a, "slow-reader");
      await record(a, event(3));
      const [x, y] = await Promise.all([pruneChanges(a), pruneChanges(a)]);
      expect(x + y).toBe(2);
      const left = await readChangesAfter(a, 0);
      expect(left.map((e) => e.ids.articleId)).toEqual(["a3"]);
      expect(left[0]?.position).toBeGreaterThan(start);
    });
  });
}
