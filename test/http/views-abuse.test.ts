// Honest views under abuse: one address cannot inflate an article's views by varying its user
// agent, nor grow the visitor table; it is rate-limited; and a proxy that is not trusted is named.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import type { ViewSettings } from "../../src/site/views/view-counter.js";
import { getViews } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { type DemoDatabase, openDemoDatabase } from "../views/helpers.js";
import { BROWSER_UA } from "./app.js";

/** A browser user agent, a different one for each `i`. */
const browser = (i: number) => BROWSER_UA.replace("Chrome/156.0", `Chrome/${100 + i}.0.${i}`);

for (const db of DATABASES)
  describe(`views under abuse on ${db.name}`, () => {
    let demo: DemoDatabase;
    beforeAll(async () => {
      demo = await openDemoDatabase(db);
    });
    afterAll(() => demo?.close());

    /** Builds the app on the shared demo database with `env` on top of the defaults. */
    async function serve(
      env: Record<string, string> = {},
      views?: ViewSettings,
    ): Promise<FastifyInstance> {
      const config = loadConfig({ MASTHEAD_DATA_DIR: demo.config.dataDir, ...env });
      const app = await buildServer({ config, store: demo.store, logLevel: "silent", views });
      await app.ready();
      return app;
    }

    /** A beacon through inject(), from 127.0.0.1 (a trusted proxy by default) for `forwardedFor`. */
    const beacon = (app: FastifyInstance, userAgent: string, forwardedFor?: string) =>
      app.inject({
        method: "POST",
        url: `/views/${demo.articleId}`,
        headers: {
          "user-agent": userAgent,
          ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
        },
      });

    const visitorRows = async () =>
      Number(
        (
          await demo.store.db
            .selectFrom("view_visitors")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it("100 beacons with 100 user agents from one address count 10 views and store 10 rows", async () => {
      const views = await getViews(demo.store, demo.articleId);
      const rows = await visitorRows();
      const app = await serve();
      const answers: number[] = [];
      for (let i = 0; i < 100; i++) {
        const res = await beacon(app, browser(i), "198.51.100.7");
        expect(res.statusCode).toBe(200);
        answers.push(res.json().views);
      }
      // The answers stop growing at the cap; later beacons are answered with the total.
      expect(answers.slice(9, 11)).toEqual([views + 10, views + 10]);
      expect(answers.at(-1)).toBe(views + 10);
      // Another address is counted as before.
      expect((await beacon(app, browser(0), "198.51.100.8")).json().views).toBe(views + 11);
      await app.close();
      expect(await getViews(demo.store, demo.articleId)).toBe(views + 11);
      expect(await visitorRows()).toBe(rows + 11);
    });

    it("the cap holds across a restart and follows MASTHEAD_VIEWS_PER_ADDRESS", async () => {
      const env = { MASTHEAD_VIEWS_PER_ADDRESS: "3" };
      const views = await getViews(demo.store, demo.articleId);
      const rows = await visitorRows();
      const first = await serve(env);
      for (let i = 0; i < 2; i++) await beacon(first, browser(i), "198.51.100.20");
      await first.close();
      // A new instance knows nothing in memory: the store's places for the address decide.
      const second = await serve(env);
      for (let i = 2; i < 10; i++) await beacon(second, browser(i), "198.51.100.20");
      await second.close();
      expect(await getViews(demo.store, demo.articleId)).toBe(views + 3);
      expect(await visitorRows()).toBe(rows + 3);
    });

    it("two IPv6 addresses in one /64 share its cap; another /64 has its own", async () => {
      const views = await getViews(demo.store, demo.articleId);
      const app = await serve();
      for (let i = 0; i < 8; i++) {
        await beacon(app, browser(i), "2001:db8:a:b::1");
        await beacon(app, browser(i), "2001:db8:a:b:ffff:ffff:ffff:fffe");
      }
      for (let i = 0; i < 3; i++) await beacon(app, browser(i), "2001:db8:a:c::1");
      await app.close();
      expect(await getViews(demo.store, demo.articleId)).toBe(views + 10 + 3);
    });

    it("beacons that count nothing add no row", async () => {
      const rows = await visitorRows();
      const app = await serve();
      const bot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
      for (let i = 0; i < 20; i++)
        expect((await beacon(app, bot, "198.51.100.30")).statusCode).toBe(204);
      // One reader, twenty times: one row.
      for (let i = 0; i < 20; i++) await beacon(app, browser(1), "198.51.100.31");
      await app.close();
      expect(await visitorRows()).toBe(rows + 1);
    });

    it("an address over MASTHEAD_VIEW_BEACONS_PER_MINUTE gets 429 with Retry-After until the minute turns", async () => {
      let now = Date.now();
      const app = await serve(
        { MASTHEAD_VIEW_BEACONS_PER_MINUTE: "5" },
        { clock: () => new Date(now) },
      );
      try {
        // Listening, so the node:http fast path answers too: both share one limit.
        const url = await app.listen({ port: 0, host: "127.0.0.1" });
        for (let i = 0; i < 3; i++)
          expect((await beacon(app, browser(i), "203.0.113.50")).statusCode).toBe(200);
        const send = () =>
          fetch(`${url}/views/${demo.articleId}`, {
            method: "POST",
            headers: { "user-agent": browser(3), "x-forwarded-for": "203.0.113.50" },
          });
        expect((await send()).status).toBe(200);
        expect((await send()).status).toBe(200);
        const refused = await send();
        expect(refused.status).toBe(429);
        const wait = Number(refused.headers.get("retry-after"));
        expect(wait).toBeGreaterThanOrEqual(1);
        expect(wait).toBeLessThanOrEqual(60);
        expect((await refused.json()).error.code).toBe("MH_RATE_LIMITED");
        const injected = await beacon(app, browser(4), "203.0.113.50");
        expect(injected.statusCode).toBe(429);
        expect(injected.headers["retry-after"]).toBe(String(wait));
        expect(injected.json().error.code).toBe("MH_RATE_LIMITED");
        // Bots are limited too (the limit is about load), and other addresses are not.
        expect((await beacon(app, "Googlebot/2.1", "203.0.113.50")).statusCode).toBe(429);
        expect((await beacon(app, browser(5), "203.0.113.51")).statusCode).toBe(200);
        now += 60_000;
        expect((await send()).status).toBe(200);
      } finally {
        await app.close();
      }
    });

    it("warns once when beacons arrive from a private address and MASTHEAD_TRUST_PROXY is unset", async () => {
      const app = await serve();
      const warn = vi.spyOn(app.log, "warn");
      try {
        // A reader's address given by the (trusted, loopback) proxy: nothing to say.
        await beacon(app, browser(1), "198.51.100.40");
        expect(warn).not.toHaveBeenCalled();
        // Straight from 127.0.0.1, as from a proxy elsewhere that is not trusted: its address.
        for (let i = 0; i < 3; i++) await beacon(app, browser(i));
        await beacon(app, browser(1), "10.1.2.3");
        expect(warn).toHaveBeenCalledTimes(1);
        expect(String(warn.mock.calls[0]?.[1])).toMatch(/MASTHEAD_TRUST_PROXY is not set/);
      } finally {
        await app.close();
      }
    });

    it("says nothing about private addresses when MASTHEAD_TRUST_PROXY is set", async () => {
      const app = await serve({ MASTHEAD_TRUST_PROXY: "loopback" });
      const warn = vi.spyOn(app.log, "warn");
      try {
        await beacon(app, browser(1));
        await beacon(app, browser(2), "10.1.2.3");
        expect(warn).not.toHaveBeenCalled();
      } finally {
        await app.close();
      }
    });
  });
