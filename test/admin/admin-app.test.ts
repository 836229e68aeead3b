import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAppPlugin } from "../../src/api/admin-app.js";

const INDEX = '<!doctype html><html lang="en"><title>Masthead</title><div id="app"></div></html>';

async function appServing(dir: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(adminAppPlugin, { dir });
  await app.ready();
  return app;
}

describe("serving the built admin app", () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "masthead-admin-app-"));
    await mkdir(path.join(dir, "assets"));
    await writeFile(path.join(dir, "index.html"), INDEX);
    await writeFile(path.join(dir, "assets", "index-Ab12Cd34.js"), "console.log('app')");
    app = await appServing(dir);
  });
  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    "/admin",
    "/admin/",
    "/admin/articles",
    "/admin/articles/3f1c/anything",
    "/admin/setup?x=1",
  ])("answers the app's page for the client route %s, never cached", async (url) => {
    const response = await app.inject({ url });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(INDEX);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("sends the page with a policy that allows only the app's own scripts and connections", async () => {
    const csp = String((await app.inject({ url: "/admin" })).headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("serves hashed assets with a year-long immutable cache", async () => {
    const response = await app.inject({ url: "/admin/assets/index-Ab12Cd34.js" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe("console.log('app')");
    expect(response.headers["cache-control"]).toMatch(/max-age=31536000/);
    expect(response.headers["cache-control"]).toMatch(/immutable/);
  });

  it("answers 404 for an asset that does not exist, not the app's page", async () => {
    const response = await app.inject({ url: "/admin/assets/missing-1234.js" });
    expect(response.statusCode).toBe(404);
  });

  it("says how to build the app when it has not been built", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "masthead-admin-unbuilt-"));
    const unbuilt = await appServing(empty);
    try {
      const response = await unbuilt.inject({ url: "/admin/articles" });
      expect(response.statusCode).toBe(503);
      expect(response.body).toMatch(/npm run build/);
      expect(response.headers["cache-control"]).toBe("no-store");
    } finally {
      await unbuilt.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
