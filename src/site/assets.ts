import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The folder holding CSS and scripts. Resolved from this module so it works both from `src/`
 * under tsx/vitest and from `dist/` after `scripts/copy-assets.mjs` copied the folder.
 */
export const ASSETS_DIR = fileURLToPath(new URL("./assets/", import.meta.url));

/** The asset files pages refer to. */
export type AssetName = "site.css" | "noscript.css" | "views.js" | "video.js" | "live.js";

const urls = new Map<AssetName, string>();

/**
 * The content-hashed URL of an asset, e.g. `/assets/site.css?v=3f9a1c2b7d`. The hash lets the
 * file be cached for a year: a changed file gets a new URL. Read once per process.
 */
export function assetUrl(name: AssetName): string {
  let url = urls.get(name);
  if (url === undefined) {
    const hash = createHash("sha256")
      .update(readFileSync(`${ASSETS_DIR}${name}`))
      .digest("hex")
      .slice(0, 10);
    url = `/assets/${name}?v=${hash}`;
    urls.set(name, url);
  }
  return url;
}
