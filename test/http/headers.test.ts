// The security headers of every kind of answer: public pages (cached and not), documents,
// files, errors, the admin app and the admin API; HSTS only over HTTPS from a trusted proxy.
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { HSTS_MAX_AGE_SECONDS } from "../../src/api/security-headers.js";
import { loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import { createTag, getArticleBySlug, markGone } from "../../src/store/index.js";
import { type SignedIn, signIn } from "../helpers/auth.js";
import { DATABASES } from "../helpers/databases.js";
import { DEMO_PATH, DEMO_SLUG, useDemoApp } from "./app.js";

const API = "/api/admin/v1";

/** The public site's policy, directive by directive (the header's order is not the point). */
const SITE_CSP = {
  "default-src": "'self'",
  "script-src": "'self'",
  "script-src-attr": "'none'",
  "style-src": "'self'",
  "img-src": "'self' data:",
  "font-src": "'self'",
  "connect-src": "'self'",
  "frame-src": "https://www.youtube-nocookie.com https://player.vimeo.com",
  "object-src": "'none'",
  "base-uri": "'self'",
  "form-action": "'self'",
  "frame-ancestors": "'self'",
};

/** A Content-Security-Policy header as directive -> sources. */
function directives(header: unknown): Record<string, string> {
  expect(typeof header, "Content-Security-Policy is sent").toBe("string");
  return Object.fromEntries(
    (header as string)
      .split(";")
      .map((d) => d.trim())
      .filter((d) => d !== "")
      .map((d) => {
        const [name, ...sources] = d.split(/\s+/);
        return [name as string, sources.join(" ")];
      }),
  );
}

/** The headers this file is about, for comparing two answers. */
const SECURITY_HEADERS = [
  "content-security-policy",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "strict-transport-security",
  "cross-origin-opener-policy",
] as const;
const securityHeadersOf = (res: LightMyRequestResponse) =>
  Object.fromEntries(SECURITY_HEADERS.map((h) => [h, res.headers[h]]));

/** What every public answer carries. */
function expectSiteHeaders(res: LightMyRequestResponse, what: string) {
  expect(directives(res.headers["content-security-policy"]), what).toEqual(SITE_CSP);
  expect(res.headers["x-content-type-options"], what).toBe("nosniff");
  expect(res.headers["x-frame-options"], what).toBe("SAMEORIGIN");
  expect(res.headers["strict-transport-security"], what).toBeUndefined();
}

for (const db of DATABASES)
  describe(`security headers on ${db.name}`, () => {
    const t = useDemoApp(db);
    let editor: SignedIn;
    let previewPath: string;
    let mediaPath: string;
    beforeAll(async () => {
      const { app, store, dataDir } = t();
      editor = await signIn(app, store, "editor");
      await createTag(store, { slug: "security-headers", name: "Security headers" });
      await markGone(store, ["/2019/a-locked-post"], "password-protected");
      const moved = await app.inject({
        method: "POST",
        url: `${API}/redirects`,
        headers: editor.headers,
        payload: { from: "/2019/old-harbour", to: DEMO_PATH },
      });
      expect(moved.statusCode, moved.body).toBe(201);
      const article = await getArticleBySlug(store, DEMO_SLUG);
      const link = await app.inject({
        method: "POST",
        url: `${API}/articles/${article?.id}/preview-links`,
        headers: editor.headers,
        payload: {},
      });
      expect(link.statusCode, link.body).toBe(201);
      previewPath = new URL(link.json().url).pathname;
      const files = await readdir(path.join(dataDir, "media"), { recursive: true });
      const rendition = files.find((f) => /\.(svg|webp|avif|png|jpe?g)$/.test(f));
      expect(rendition, "the demo has an image rendition").toBeDefined();
      mediaPath = `/media/${rendition}`;
    });

    const get = (url: string, headers: Record<string, string> = {}) =>
      t().app.inject({ method: "GET", url, headers });

    // Every cached page and document: the answer that renders it and the one the cache serves.
    const CACHED = [
      ["home", "/"],
      ["article", DEMO_PATH],
      ["section", "/sections/resist-hate"],
      ["author", "/authors/serena-zehlius"],
      ["tag", "/tags/security-headers"],
      ["tracker", "/trackers/criminals-pardoned-by-trump-this-term"],
      ["page", "/about"],
      ["RSS feed", "/feed.xml"],
      ["JSON feed", "/feed.json"],
      ["sitemap", "/sitemap.xml"],
    ] as const;

    for (const [kind, url] of CACHED)
      it(`the ${kind} page carries the site's headers, the same from the cache`, async () => {
        const first = await get(url);
        expect(first.statusCode, `${url}: ${first.body.slice(0, 200)}`).toBe(200);
        expectSiteHeaders(first, url);
        expect(first.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
        const cached = await get(url);
        expect(cached.body).toBe(first.body);
        expect(securityHeadersOf(cached)).toEqual(securityHeadersOf(first));
        const notModified = await get(url, { "if-none-match": String(first.headers.etag) });
        expect(notModified.statusCode).toBe(304);
        expect(securityHeadersOf(notModified)).toEqual(securityHeadersOf(first));
      });

    it("uncached answers carry them too: search, 404, 410, redirect, preview", async () => {
      const answers = {
        search: [await get("/search?q=cartels"), 200],
        "404": [await get("/no/such/address"), 404],
        "404 under a route": [await get("/articles/no-such-article"), 404],
        "410": [await get("/2019/a-locked-post"), 410],
        redirect: [await get("/2019/old-harbour"), 301],
        preview: [await get(previewPath), 200],
      } as const;
      for (const [what, [res, status]] of Object.entries(answers)) {
        expect(res.statusCode, what).toBe(status);
        expectSiteHeaders(res, what);
      }
      // The preview's address is its secret: it keeps its own stricter Referrer-Policy.
      expect(answers.preview[0].headers["referrer-policy"]).toBe("no-referrer");
      expect(answers.search[0].headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    });

    it("files carry nosniff; uploads keep their own sandboxing policy", async () => {
      const css = await get("/assets/site.css");
      expect(css.statusCode).toBe(200);
      expectSiteHeaders(css, "/assets/site.css");
      const media = await get(mediaPath);
      expect(media.statusCode, mediaPath).toBe(200);
      expect(media.headers["x-content-type-options"]).toBe("nosniff");
      expect(directives(media.headers["content-security-policy"])).toMatchObject({
        "default-src": "'none'",
        sandbox: "",
      });
    });

    it("the admin app's page has its own policy: never framed, no inline script, not stored", async () => {
      const res = await get("/admin/articles");
      expect([200, 503]).toContain(res.statusCode);
      const csp = directives(res.headers["content-security-policy"]);
      expect(csp["script-src"]).toBe("'self'");
      expect(csp["frame-ancestors"]).toBe("'none'");
      expect(csp["object-src"]).toBe("'none'");
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("same-origin");
      expect(res.headers["cache-control"]).toBe("no-store");
    });

    it("every admin API answer is no-store: success, sign-in, setup, errors", async () => {
      const call = (method: "GET" | "POST", url: string, extra: object = {}) =>
        t().app.inject({ method, url: `${API}${url}`, ...extra });
      const answers = {
        "session (CSRF token)": [await call("GET", "/session", { headers: editor.headers }), 200],
        "a list": [await call("GET", "/users", { headers: editor.headers }), 403],
        "articles, signed in": [await call("GET", "/articles", { headers: editor.headers }), 200],
        "signed out": [await call("GET", "/articles"), 401],
        "sign-in refused": [
          await call("POST", "/session", { payload: { password: "no email given" } }),
          400,
        ],
        "sign-in wrong password": [
          await call("POST", "/session", {
            payload: { email: editor.user.email, password: "not the password at all" },
          }),
          401,
        ],
        setup: [await call("GET", "/setup"), 200],
        "unknown endpoint": [await call("GET", "/nothing-here"), 404],
        "bad JSON": [
          await call("POST", "/tags", {
            headers: { ...editor.headers, "content-type": "application/json" },
            payload: "{not json",
          }),
          400,
        ],
      } as const;
      for (const [what, [res, status]] of Object.entries(answers)) {
        expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
        expect(res.headers["cache-control"], what).toBe("no-store");
        expect(res.headers["x-content-type-options"], what).toBe("nosniff");
      }
      expect(answers["session (CSRF token)"][0].json().csrfToken).toEqual(expect.any(String));
    });

    describe("HSTS", () => {
      const hsts = `max-age=${HSTS_MAX_AGE_SECONDS}`;
      const viaProxy = (url: string, remoteAddress: string) =>
        t().app.inject({ url, remoteAddress, headers: { "x-forwarded-proto": "https" } });

      it("is sent when a trusted proxy says the request came over HTTPS", async () => {
        for (const url of [DEMO_PATH, DEMO_PATH, "/no/such/address", `${API}/setup`])
          expect((await viaProxy(url, "127.0.0.1")).headers["strict-transport-security"], url).toBe(
            hsts,
          );
      });

      it("is not sent over plain HTTP, nor when an untrusted client claims HTTPS", async () => {
        expect((await get(DEMO_PATH)).headers["strict-transport-security"]).toBeUndefined();
        for (const url of [DEMO_PATH, `${API}/setup`])
          expect(
            (await viaProxy(url, "198.51.100.4")).headers["strict-transport-security"],
            url,
          ).toBeUndefined();
      });
    });

    it("a route marked embeddable may be framed by any site", async () => {
      const store = await db.open();
      const app = await buildServer({ config: loadConfig({}), store, logLevel: "silent" });
      app.get("/test-embed", { config: { embeddable: true } }, async () => "embed me");
      app.get("/test-plain", async () => "do not frame me");
      try {
        const embed = await app.inject("/test-embed");
        const plain = await app.inject("/test-plain");
        expect(directives(embed.headers["content-security-policy"])).toEqual({
          ...SITE_CSP,
          "frame-ancestors": "*",
        });
        expect(embed.headers["x-frame-options"]).toBeUndefined();
        expect(directives(plain.headers["content-security-policy"])).toEqual(SITE_CSP);
        expect(plain.headers["x-frame-options"]).toBe("SAMEORIGIN");
      } finally {
        await app.close();
        await store.close();
      }
    });
  });
