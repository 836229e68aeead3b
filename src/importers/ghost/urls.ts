// Addresses as Ghost stores them. Newer exports write the site's own address as the token
// `__GHOST_URL__` (so a site can move domains); older ones write it absolute or site-relative.
// Ghost serves resized copies of each upload under /content/images/size/w600/…; the media
// library wants the original, which sits at the same path without the size segments.
import { acceptedHref } from "../wordpress/inline-runs.js";

const GHOST_URL = "__GHOST_URL__";
// `size/w600/`, `size/w600h400/`, and the format conversion `size/w600/format/webp/` (Ghost 5).
const SIZE_PATH = /\/content\/images\/size\/w\d{1,5}(?:h\d{1,5})?\/(?:format\/[a-z0-9]{1,10}\/)?/i;

/**
 * The original of a Ghost image address: the size path is removed, everything else (the
 * `__GHOST_URL__` token, the host, the query) is kept for the importer to resolve.
 * @example originalGhostImageUrl("__GHOST_URL__/content/images/size/w600/2021/01/x.jpg")
 *   // "__GHOST_URL__/content/images/2021/01/x.jpg"
 */
export function originalGhostImageUrl(src: string): string {
  return src.trim().replace(SIZE_PATH, "/content/images/");
}

/** A link target as Masthead keeps it: the site's own `__GHOST_URL__/path` becomes `/path`. */
export function ghostHref(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (!trimmed.startsWith(GHOST_URL)) return acceptedHref(trimmed);
  const path = trimmed.slice(GHOST_URL.length);
  return acceptedHref(path.startsWith("/") ? path : `/${path}`);
}

/**
 * HTML with its links to the site itself made site-relative (`href="__GHOST_URL__/a/"` →
 * `href="/a/"`), so the HTML reader keeps them; image sources stay as written for the importer.
 */
export function localizeGhostLinks(html: string): string {
  return html.replace(/(\shref\s*=\s*["']?)__GHOST_URL__\/?/gi, "$1/");
}
