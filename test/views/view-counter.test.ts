// The counter on a real database without HTTP: what happens when the store fails, and the
// periodic flush.
import { describe, expect, it, vi } from "vitest";
import { createViewCounter } from "../../src/site/views/view-counter.js";
import { getViews } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { BROWSER_UA, openDemoDatabase } from "./helpers.js";

for (const db of DATABASES)
  describe(`the view counter on ${db.name}`, () => {
    it("writes on its own within the flush interval, without being closed", async () => {
      const demo = await openDemoDatabase(db);
      const counter = createViewCounter({ store: demo.store, flushIntervalMs: 50 });
      try {
        counter.start();
        const before = await getViews(demo.store, demo.articleId);
        for (let i = 0; i < 5; i++)
          await counter.view({
            articleId: demo.articleId,
            address: `192.0.2.${i}`,
            userAgent: BROWSER_UA,
          });
        await vi.waitFor(
          async () => expect(await getViews(demo.store, demo.articleId)).toBe(before + 5),
          { timeout: 3000, interval: 50 },
        );
        expect(counter.pendingCount()).toBe(0);
      } finally {
        await counter.close();
        await demo.close();
      }
    });

    it("keeps a batch the store refused for the next flush, and logs what close() could not write", async () => {
      const demo = await openDemoDatabase(db);
      const errors: unknown[] = [];
      const counter = createViewCounter({
        store: demo.store,
        log: { error: (obj: unknown) => void errors.push(obj) } as never,
      });
      const outcome = await counter.view({
        articleId: demo.articleId,
        address: "192.0.2.1",
        userAgent: BROWSER_UA,
      });
      expect(outcome.status).toBe("counted");
      await demo.close();
      await expect(counter.flush()).rejects.toThrow();
      expect(counter.pendingCount()).toBe(1);
      await counter.close();
      expect(errors).toHaveLength(1);
    });
  });
