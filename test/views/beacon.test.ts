// The view beacon over real HTTP on a listening server: exact counts under a burst, across a
// restart and across two instances, the day's salt rotation, and malformed beacons.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getViews } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import {
  BROWSER_UA,
  beacon,
  burst,
  type DemoDatabase,
  openDemoDatabase,
  repeatShuffled,
  startInstance,
  visitors,
} from "./helpers.js";

for (const db of DATABASES)
  describe(`view counting over HTTP on ${db.name}`, () => {
    let demo: DemoDatabase;
    beforeAll(async () => {
      demo = await openDemoDatabase(db);
    });
    afterAll(async () => {
      await demo?.close();
    });

    it("10,000 beacons from 1,000 visitors count exactly 1,000 views", async () => {
      const before = await getViews(demo.store, demo.articleId);
      const instance = await startInstance(demo);
      const statuses = await burst(
        instance.url,
        demo.articleId,
        repeatShuffled(visitors(1000, 1), 10),
      );
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      // The answer carries the total from memory before anything is written.
      const again = await beacon(instance.url, demo.articleId, visitors(1, 1)[0] as never);
      expect(again.body).toEqual({ views: before + 1000 });
      await instance.app.close();
      expect(await getViews(demo.store, demo.articleId)).toBe(before + 1000);
    });

    it("a graceful restart mid-burst loses and repeats nothing", async () => {
      const before = await getViews(demo.store, demo.articleId);
      const sends = repeatShuffled(visitors(300, 2), 4);
      const first = await startInstance(demo);
      await burst(first.url, demo.articleId, sends.slice(0, 600));
      await first.app.close();
      const second = await startInstance(demo);
      await burst(second.url, demo.articleId, sends.slice(600));
      await second.app.close();
      expect(await getViews(demo.store, demo.articleId)).toBe(before + 300);
    });

    it("two instances on one database share the day's dedup", async () => {
      const before = await getViews(demo.store, demo.articleId);
      const a = await startInstance(demo);
      const b = await startInstance(demo);
      const readers = visitors(200, 3);
      // The same readers reach both instances before either writes anything.
      await Promise.all([
        burst(a.url, demo.articleId, readers, 20),
        burst(b.url, demo.articleId, readers, 20),
      ]);
      await a.app.close();
      // …and again on B after A has written its batch.
      await burst(b.url, demo.articleId, readers, 20);
      await b.app.close();
      expect(await getViews(demo.store, demo.articleId)).toBe(before + 200);
    });

    it("bots, prefetches, requests without a user agent and declared repeats do not count", async () => {
      const before = await getViews(demo.store, demo.articleId);
      const instance = await startInstance(demo);
      const reader = { address: "10.4.0.1", userAgent: BROWSER_UA };
      const googlebot = {
        address: "10.4.0.2",
        userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      };
      expect((await beacon(instance.url, demo.articleId, googlebot)).status).toBe(204);
      expect(
        (await beacon(instance.url, demo.articleId, reader, { "sec-purpose": "prefetch" })).status,
      ).toBe(204);
      expect(
        (await beacon(instance.url, demo.articleId, { ...reader, userAgent: "" })).status,
      ).toBe(204);
      const declared = await fetch(`${instance.url}/views/${demo.articleId}`, {
        method: "POST",
        headers: { "user-agent": BROWSER_UA, "content-type": "application/json" },
        body: '{"repeat":true}',
      });
      expect(await declared.json()).toEqual({ views: before });
      // The same reader twice: one view, and the second answer shows the same total.
      expect((await beacon(instance.url, demo.articleId, reader)).body).toEqual({
        views: before + 1,
      });
      expect((await beacon(instance.url, demo.articleId, reader)).body).toEqual({
        views: before + 1,
      });
      await instance.app.close();
      expect(await getViews(demo.store, demo.articleId)).toBe(before + 1);
    });

    it("malformed beacons get a 4xx JSON error with an MH_ code and write nothing", async () => {
      const before = await getViews(demo.store, demo.articleId);
      const instance = await startInstance(demo);
      const send = (path: string, init: RequestInit = {}) =>
        fetch(`${instance.url}${path}`, {
          method: "POST",
          ...init,
          headers: { "user-agent": BROWSER_UA, ...(init.headers as Record<string, string>) },
        });
      const json = { "content-type": "application/json" };
      const cases: [string, Promise<Response>, number, string][] = [
        ["bad id", send("/views/not-an-id"), 400, "MH_BAD_REQUEST"],
        ["long id", send(`/views/${"x".repeat(90)}`), 400, "MH_BAD_REQUEST"],
        [
          "unknown article",
          send("/views/0b8e1c9a-1d2e-4f3a-9b8c-7d6e5f4a3b2c"),
          404,
          "MH_NOT_FOUND",
        ],
        [
          "huge body",
          send(`/views/${demo.articleId}`, {
            headers: json,
            body: JSON.stringify({ repeat: false, pad: "x".repeat(100_000) }),
          }),
          413,
          "MH_TOO_LARGE",
        ],
        [
          "broken JSON",
          send(`/views/${demo.articleId}`, { headers: json, body: "{repeat:" }),
          400,
          "MH_BAD_REQUEST",
        ],
        [
          "JSON that is not a beacon",
          send(`/views/${demo.articleId}`, { headers: json, body: '{"repeat":"yes"}' }),
          400,
          "MH_BAD_REQUEST",
        ],
        [
          "a JSON array",
          send(`/views/${demo.articleId}`, { headers: json, body: "[1,2]" }),
          400,
          "MH_BAD_REQUEST",
        ],
        [
          "a form post",
          send(`/views/${demo.articleId}`, {
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: "repeat=false",
          }),
          415,
          "MH_UNSUPPORTED_MEDIA",
        ],
        [
          "XML",
          send(`/views/${demo.articleId}`, {
            headers: { "content-type": "application/xml" },
            body: "<repeat/>",
          }),
          415,
          "MH_UNSUPPORTED_MEDIA",
        ],
        [
          "GET",
          fetch(`${instance.url}/views/${demo.articleId}`, {
            headers: { "user-agent": BROWSER_UA },
          }),
          405,
          "MH_METHOD_NOT_ALLOWED",
        ],
        [
          "DELETE",
          fetch(`${instance.url}/views/${demo.articleId}`, { method: "DELETE" }),
          405,
          "MH_METHOD_NOT_ALLOWED",
        ],
      ];
      for (const [name, pending, status, code] of cases) {
        const res = await pending;
        const body = await res.json();
        expect({ name, status: res.status, code: body.error?.code }).toEqual({
          name,
          status,
          code,
        });
        expect(body.error.message, name).toBeTruthy();
      }
      await instance.app.close();
      expect(await getViews(demo.store, demo.articleId)).toBe(before);
    });

    it("the day's salt rotates at midnight UTC, and the last day's salt and hashes are deleted", async () => {
      let now = new Date();
      const clock = () => now;
      const readers = visitors(20, 5);
      const instance = await startInstance(demo, { clock, flushIntervalMs: 20 });
      const day1 = now.toISOString().slice(0, 10);
      await burst(instance.url, demo.articleId, readers, 5);
      await instance.app.close();
      const salts = () => demo.store.db.selectFrom("view_salts").selectAll().execute();
      const hashDays = async () =>
        (await demo.store.db.selectFrom("view_visitors").select("day").distinct().execute()).map(
          (r) => r.day,
        );
      const [salt1] = await salts();
      expect(salt1?.day).toBe(day1);
      expect(await hashDays()).toEqual([day1]);

      now = new Date(now.getTime() + 86_400_000);
      const day2 = now.toISOString().slice(0, 10);
      const next = await startInstance(demo, { clock, flushIntervalMs: 20 });
      // The same readers the next day are new views.
      await burst(next.url, demo.articleId, readers, 5);
      await next.app.close();
      const after = await salts();
      expect(after.map((s) => s.day)).toEqual([day2]);
      expect(after[0]?.salt).not.toBe(salt1?.salt);
      expect(await hashDays()).toEqual([day2]);
      const daily = await demo.store.db
        .selectFrom("article_views_daily")
        .select(["day", "views"])
        .where("article_id", "=", demo.articleId)
        .where("day", "in", [day1, day2])
        .execute();
      expect(Object.fromEntries(daily.map((r) => [r.day, Number(r.views)]))[day2]).toBe(20);
    });
  });
