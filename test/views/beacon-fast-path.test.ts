// buildServer answers POST /views/:id from node:http before Fastify's router (the fast path);
// inject() and other methods still go through Fastify. Both must answer every beacon alike.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.js";
import { getViews } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import {
  BROWSER_UA,
  beacon,
  type DemoDatabase,
  type Instance,
  openDemoDatabase,
  startInstance,
} from "./helpers.js";

interface Probe {
  name: string;
  path: (id: string) => string;
  headers?: Record<string, string>;
  body?: string;
}

const json = { "content-type": "application/json" };
// Requests that count nothing, so the answers do not depend on the order they are sent in.
const PROBES: Probe[] = [
  { name: "declared repeat", path: (id) => `/views/${id}`, headers: json, body: '{"repeat":true}' },
  {
    name: "repeat by sendBeacon",
    path: (id) => `/views/${id}`,
    headers: { "content-type": "text/plain;charset=UTF-8" },
    body: '{"repeat":true}',
  },
  {
    name: "with a query",
    path: (id) => `/views/${id}?from=home`,
    headers: json,
    body: '{"repeat":true}',
  },
  { name: "bot", path: (id) => `/views/${id}`, headers: { "user-agent": "Googlebot/2.1" } },
  { name: "prefetch", path: (id) => `/views/${id}`, headers: { "sec-purpose": "prefetch" } },
  { name: "no user agent", path: (id) => `/views/${id}`, headers: { "user-agent": "" } },
  { name: "bad id", path: () => "/views/not-an-id" },
  { name: "unknown id", path: () => "/views/0b8e1c9a-1d2e-4f3a-9b8c-7d6e5f4a3b2c" },
  { name: "broken JSON", path: (id) => `/views/${id}`, headers: json, body: "{repeat:" },
  { name: "not a beacon", path: (id) => `/views/${id}`, headers: json, body: '{"repeat":1}' },
  { name: "an array", path: (id) => `/views/${id}`, headers: json, body: "[true]" },
  {
    name: "a form",
    path: (id) => `/views/${id}`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "repeat=true",
  },
  {
    name: "too large",
    path: (id) => `/views/${id}`,
    headers: json,
    body: JSON.stringify({ repeat: true, pad: "x".repeat(2000) }),
  },
];

/** Status, the headers a beacon answer sets, and the body, as a client sees them. */
interface Seen {
  status: number;
  type: string | undefined;
  cache: string | undefined;
  nosniff: string | undefined;
  body: unknown;
}

function seen(status: number, headers: http.IncomingHttpHeaders, text: string): Seen {
  return {
    status,
    type: headers["content-type"] as string | undefined,
    cache: headers["cache-control"] as string | undefined,
    nosniff: headers["x-content-type-options"] as string | undefined,
    body: text ? JSON.parse(text) : undefined,
  };
}

/** Sends a raw HTTP request, the body in the given pieces (chunked when more than one). */
function send(url: string, path: string, headers: Record<string, string>, pieces: string[]) {
  return new Promise<Seen>((resolve, reject) => {
    const req = http.request(`${url}${path}`, {
      method: "POST",
      headers: {
        "user-agent": BROWSER_UA,
        ...(pieces.length === 1
          ? { "content-length": String(Buffer.byteLength(pieces[0] ?? "")) }
          : {}),
        ...headers,
      },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (c) => {
        text += c;
      });
      res.on("end", () => resolve(seen(res.statusCode ?? 0, res.headers, text)));
    });
    req.on("error", reject);
    for (const piece of pieces) req.write(piece);
    req.end();
  });
}

for (const db of DATABASES)
  describe(`the beacon fast path on ${db.name}`, () => {
    let demo: DemoDatabase;
    let instance: Instance;
    beforeAll(async () => {
      demo = await openDemoDatabase(db);
      instance = await startInstance(demo);
    });
    afterAll(async () => {
      await instance?.app.close();
      await demo?.close();
    });

    it.each(PROBES)("answers '$name' as the Fastify route does", async (probe) => {
      const path = probe.path(demo.articleId);
      const headers = { "user-agent": BROWSER_UA, ...probe.headers };
      const overHttp = await send(instance.url, path, headers, probe.body ? [probe.body] : []);
      const injected = await instance.app.inject({
        method: "POST",
        url: path,
        headers,
        ...(probe.body ? { payload: probe.body } : {}),
      });
      expect(overHttp).toEqual(
        seen(injected.statusCode, injected.headers as http.IncomingHttpHeaders, injected.body),
      );
      expect(overHttp.cache).toBe("no-store");
      expect(overHttp.nosniff).toBe("nosniff");
    });

    it("reads a body sent in pieces, and refuses one that grows past the limit", async () => {
      const path = `/views/${demo.articleId}`;
      const chunked = { ...json, "transfer-encoding": "chunked" };
      expect(await send(instance.url, path, chunked, ['{"repeat"', ":true}"])).toMatchObject({
        status: 200,
      });
      const huge = await send(instance.url, path, chunked, [
        '{"repeat":true,"pad":"',
        "x".repeat(5000),
        '"}',
      ]);
      expect(huge).toMatchObject({ status: 413, body: { error: { code: "MH_TOO_LARGE" } } });
    });

    it("leaves other paths under /views/ to the site's router", async () => {
      const res = await fetch(`${instance.url}/views/${demo.articleId}/more`, { method: "POST" });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
    });

    // Each case its own browser version, so no case's views are another's repeats.
    it.each([
      ["the default (loopback)", {}, 2, "v1"],
      ["trust off", { trustProxy: false }, 1, "v2"],
      ["another proxy's range", { trustProxy: ["10.0.0.0/8"] }, 1, "v3"],
    ] as [string, Partial<Config>, number, string][])(
      "believes X-Forwarded-For as Fastify does: %s",
      async (_name, config, views, version) => {
        const other = await startInstance(demo, undefined, config);
        const before = await getViews(demo.store, demo.articleId);
        // Two addresses claimed by one client on 127.0.0.1 with the same browser.
        const userAgent = `${BROWSER_UA} ${version}`;
        await beacon(other.url, demo.articleId, { address: "203.0.113.1", userAgent });
        await beacon(other.url, demo.articleId, { address: "203.0.113.2", userAgent });
        await other.app.close();
        expect((await getViews(demo.store, demo.articleId)) - before).toBe(views);
      },
    );
  });
