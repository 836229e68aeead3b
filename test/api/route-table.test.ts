// Every route the app registers is in the route table (test/api/route-table.ts), every write
// there declares its change events, and one successful call of each write records exactly
// those event types in the outbox. A new route without its events fails here.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { FastifyInstance, RouteOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestChangePosition, readChangesAfter } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { API, useRouteApp } from "./route-app.js";
import {
  expectStatus,
  mustBeListed,
  ROUTE_TABLE,
  type RouteEntry,
  WRITE_METHODS,
} from "./route-table.js";

// Fastify announces each new instance on this channel before any plugin registers a route, so
// an onRoute hook added here sees every route buildServer declares, with its full URL.
const registered = new Set<string>();
const onInstance = (message: unknown) => {
  const { fastify } = message as { fastify: FastifyInstance };
  fastify.addHook("onRoute", (route: RouteOptions) => {
    for (const method of [route.method].flat()) registered.add(`${method} ${route.url}`);
  });
};
beforeAll(() => subscribe("fastify.initialization", onInstance));
afterAll(() => unsubscribe("fastify.initialization", onInstance));

const writes = Object.entries(ROUTE_TABLE).filter(([key]) =>
  WRITE_METHODS.has(key.split(" ")[0] as string),
);

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useRouteApp(db);

    it("lists every route the app registers, and nothing it does not", () => {
      const listed = [...registered].filter((key) => {
        const [method, url] = key.split(" ") as [string, string];
        return mustBeListed(method, url);
      });
      expect(listed.length).toBeGreaterThan(50);
      expect(listed.filter((key) => !(key in ROUTE_TABLE)).sort(), "routes missing").toEqual([]);
      expect(
        Object.keys(ROUTE_TABLE).filter((key) => !registered.has(key)),
        "gone",
      ).toEqual([]);
    });

    it("declares the events of every write, or why it records none", () => {
      const undeclared = writes
        .filter(([, e]) => e.events === undefined || (e.events.length === 0 && !e.noEventsBecause))
        .map(([key]) => key);
      expect(undeclared).toEqual([]);
    });

    describe("a successful write records its events", () => {
      it(`POST ${API}/setup, on the still empty site`, async () => {
        const entry = ROUTE_TABLE[`POST ${API}/setup`] as RouteEntry;
        const before = await latestChangePosition(t().store);
        const res = await t().send(undefined, await entry.call(t(), undefined));
        expect(res.statusCode, res.body).toBe(201);
        const types = (await readChangesAfter(t().store, before)).map((c) => c.type);
        expect([...new Set(types)].sort()).toEqual([...new Set(entry.events)].sort());
      });

      it.each(writes.filter(([key]) => key !== `POST ${API}/setup`))("%s", async (_key, entry) => {
        // Public routes are for the signed-out; the rest is run by the one role allowed everything.
        const who = entry.expected.signedOut !== undefined ? undefined : await t().owner();
        const call = await entry.call(t(), who);
        const before = await latestChangePosition(t().store);
        const res = await t().send(who, call);
        await entry.settle?.(t(), res);
        expectStatus(entry, who ? "owner" : "signedOut", res);
        const types = (await readChangesAfter(t().store, before)).map((c) => c.type);
        expect([...new Set(types)].sort()).toEqual([...new Set(entry.events)].sort());
      });
    });
  });
