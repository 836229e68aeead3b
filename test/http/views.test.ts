import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { systemActor } from "../../src/auth/actor.js";
import { loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import { loadDemoPublication } from "../../src/services/demo-publication.js";
import { getArticleBySlug, getViews, migrateToLatest, openStore } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { BROWSER_UA, DEMO_SLUG, useDemoApp } from "./app.js";

for (const db of DATABASES)
  describe(`the view beacon on ${db.name}`, () => {
    const t = useDemoApp(db);
    const demoId = async () => (await getArticleBySlug(t().store, DEMO_SLUG))?.id as string;
    const beacon = async (headers: Record<string, string>, id?: string) =>
      t().app.inject({ method: "POST", url: `/views/${id ?? (await demoId())}`, headers });

    it("a reader's browser loading the page counts one view and learns the total", async () => {
      const before = await getViews(t().store, await demoId());
      const res = await beacon({ "user-agent": BROWSER_UA });
      expect(res.statusCode).toBe(200);
      // The answer comes from memory; the store has it within the next flush (every second).
      expect(res.json()).toEqual({ views: before + 1 });
      await vi.waitFor(
        async () => expect(await getViews(t().store, await demoId())).toBe(before + 1),
        { timeout: 3000, interval: 100 },
      );
    });

    it.each([
      [
        "a bot's user agent",
        {
          "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        },
      ],
      ["a prefetch", { "user-agent": BROWSER_UA, "sec-purpose": "prefetch" }],
      ["a legacy prefetch", { "user-agent": BROWSER_UA, purpose: "prefetch" }],
      ["a request with no user agent", {}],
    ])("%s is not counted", async (_name, headers) => {
      const before = await getViews(t().store, await demoId());
      const res = await beacon(headers);
      expect(res.statusCode).toBeLessThan(300);
      expect(await getViews(t().store, await demoId())).toBe(before);
    });

    it("a malformed article id is a 400 and an unknown one a 404", async () => {
      expect((await beacon({ "user-agent": BROWSER_UA }, "not-an-id")).statusCode).toBe(400);
      expect(
        (await beacon({ "user-agent": BROWSER_UA }, "0b8e1c9a-1d2e-4f3a-9b8c-7d6e5f4a3b2c"))
          .statusCode,
      ).toBe(404);
    });

    it("the article page shows the stored total", async () => {
      const views = await getViews(t().store, await demoId());
      const page = await t().app.inject(`/articles/${DEMO_SLUG}`);
      expect(page.body).toMatch(new RegExp(`Total Views:\\s*(<[^>]+>\\s*)*${views}\\b`));
      // The note says what a view is: a browser with JavaScript, once a day per address and browser.
      expect(page.body).toMatch(/once a day \(UTC\) per network\s+address and browser/);
    });
  });

describe("view counts survive a restart", () => {
  it("on SQLite, a new process sees the views an earlier one counted", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "mh-restart-"));
    const config = loadConfig({ MASTHEAD_DATA_DIR: dataDir });
    try {
      const first = await openStore(config.database);
      await migrateToLatest(first);
      await loadDemoPublication({ store: first, dataDir: dataDir }, systemActor("tests"));
      const app = await buildServer({ config, store: first, logLevel: "silent" });
      const id = (await getArticleBySlug(first, DEMO_SLUG))?.id as string;
      for (let i = 0; i < 3; i++)
        await app.inject({
          method: "POST",
          url: `/views/${id}`,
          // Three readers behind three addresses: one reader three times is one view.
          headers: { "user-agent": BROWSER_UA, "x-forwarded-for": `192.0.2.${i + 1}` },
        });
      // Closing the app writes the views still held in memory.
      await app.close();
      await first.close();

      const second = await openStore(config.database);
      expect(await getViews(second, id)).toBe(3);
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
