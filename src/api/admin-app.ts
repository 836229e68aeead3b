// Serves the editors' single-page app that Vite builds into dist/admin/: hashed assets with a
// year-long cache, and index.html (never cached, so a deploy takes effect at once) for /admin
// and every client route below it.

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { pageHeaders } from "./security-headers.js";

/** dist/admin of this checkout, whether this module runs from src/ (tsx) or dist/. */
export const ADMIN_APP_DIR = fileURLToPath(new URL("../../dist/admin/", import.meta.url));

export interface AdminAppOptions {
  /** Where the built app lives; defaults to ADMIN_APP_DIR. */
  dir?: string;
}

/**
 * The app loads only its own files and talks only to its own origin. Its HTML has no inline
 * script (Vite emits a module file), so it needs no nonce; should one ever be needed, this page
 * is never cached and is the place for it. ProseMirror sets inline styles, hence 'unsafe-inline'
 * for styles (never for scripts). Media previews come from /media. Stricter than the public
 * site: never framed, and no Referer leaves the origin (invitation and reset links carry their
 * token in the address).
 */
const ADMIN_HEADERS = pageHeaders(
  {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:", "blob:"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  { xFrameOptions: { action: "deny" }, referrerPolicy: { policy: "same-origin" } },
);

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Admin app not built</title>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>The admin app is not built</h1><p>Run <code>npm run build</code> (it runs <code>vite build</code>) and reload this page.</p></body></html>`;

function sendIndex(reply: FastifyReply, html: string, status = 200) {
  return reply
    .status(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .headers(ADMIN_HEADERS)
    .send(html);
}

/** The admin app under /admin: register on the root app (no prefix). */
export const adminAppPlugin: FastifyPluginAsync<AdminAppOptions> = async (app, opts) => {
  const dir = opts.dir ?? ADMIN_APP_DIR;
  const assets = path.join(dir, "assets");
  if (existsSync(assets))
    await app.register(fastifyStatic, {
      root: assets,
      prefix: "/admin/assets/",
      decorateReply: false,
      // File names carry a content hash (Vite), so a changed file is a new URL.
      maxAge: "365d",
      immutable: true,
      index: false,
      wildcard: true,
    });

  const index = async (_request: unknown, reply: FastifyReply) => {
    let html: string;
    try {
      // Read per request: it is small, and a rebuild (vite build --watch) shows without a restart.
      html = await readFile(path.join(dir, "index.html"), "utf8");
    } catch {
      return sendIndex(reply, NOT_BUILT, 503);
    }
    return sendIndex(reply, html);
  };
  app.get("/admin", index);
  app.get("/admin/*", index);
};
