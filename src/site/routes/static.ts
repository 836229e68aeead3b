import { mkdir } from "node:fs/promises";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { ORIGINAL_PREFIX } from "../../media/index.js";
import { ASSETS_DIR } from "../assets.js";
import type { SiteDeps } from "./respond.js";

/** Serves /assets/* (CSS, scripts) and /media/* (uploads) from disk with long cache lifetimes. */
export async function registerStaticRoutes(app: FastifyInstance, { config }: SiteDeps) {
  // Pages link assets with a content hash in the query, so a changed file gets a new URL.
  await app.register(fastifyStatic, {
    root: ASSETS_DIR,
    prefix: "/assets/",
    maxAge: "365d",
    immutable: true,
    index: false,
    wildcard: true,
  });
  // A new publication has no uploads yet; the folder must exist for the plugin to serve the first.
  const mediaRoot = path.join(config.dataDir, "media");
  await mkdir(mediaRoot, { recursive: true });
  await app.register(fastifyStatic, {
    root: mediaRoot,
    prefix: "/media/",
    decorateReply: false,
    maxAge: "365d",
    index: false,
    // Uploaded originals may carry EXIF and GPS data; readers get the renditions only.
    allowedPath: (pathName) => !pathName.startsWith(`/${ORIGINAL_PREFIX}`),
    // Uploads include SVG, which can carry script: opened directly it must not run on our origin.
    // PDFs are the exception: browsers refuse to show a sandboxed PDF at all, and their viewers
    // run a PDF's own scripts apart from the page's origin. Sound and video are served with
    // Accept-Ranges and answer Range requests (206, 416 past the end, If-Range), which players
    // need to seek; @fastify/send does that for every file here.
    setHeaders: (reply, file) => {
      if (!file.endsWith(".pdf"))
        reply.header(
          "content-security-policy",
          "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        );
      reply.header("x-content-type-options", "nosniff");
    },
  });
}
