// Absolute addresses for everything that leaves the page: feeds, sitemaps, meta tags, JSON-LD.
import type { MediaItem } from "../../content/index.js";
import { mediaPath } from "../../content/public-paths.js";
import { renditionsByFormat } from "../components/picture.js";

/** The absolute URL of a site path under the public base URL (MASTHEAD_URL, no trailing slash). */
export const absoluteUrl = (base: string, path: string): string => `${base}${path}`;

/** An image file as structured data and feeds describe it. */
export interface ImageRef {
  url: string;
  width: number;
  height: number;
  /** MIME type, e.g. image/jpeg. */
  type: string;
  alt: string;
}

const MIME: Record<string, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
};

/**
 * Every rendition of a media item worth offering to crawlers and readers, narrowest first:
 * the JPEG/PNG/GIF renditions (what every consumer decodes; AVIF and WebP are left out), or the
 * original file when it has no renditions (SVG, the demo's placeholders).
 */
export function imageRefs(base: string, media: MediaItem): ImageRef[] {
  const formats = renditionsByFormat(media).filter(
    ([format]) => format !== "avif" && format !== "webp",
  );
  const list = formats[0]?.[1];
  if (!list)
    return [
      {
        url: absoluteUrl(base, mediaPath(media.storageKey)),
        width: media.width,
        height: media.height,
        type: media.mimeType,
        alt: media.alt,
      },
    ];
  return list.map((v) => ({
    url: absoluteUrl(base, mediaPath(v.storageKey)),
    width: v.width,
    height: v.height,
    type: MIME[v.format] ?? "application/octet-stream",
    alt: media.alt,
  }));
}

/** The one image for a card or an enclosure: the narrowest at least `minWidth` wide, else the widest. */
export function primaryImage(base: string, media: MediaItem, minWidth = 1200): ImageRef {
  const refs = imageRefs(base, media);
  return refs.find((r) => r.width >= minWidth) ?? (refs.at(-1) as ImageRef);
}

/** The publisher logo used when the settings name no logo: a raster PNG shipped with the site. */
export const DEFAULT_LOGO = { path: "/assets/default-logo.png", width: 600, height: 600 } as const;

/** The publisher logo: the settings' logo media item, else the default asset. */
export function logoImage(base: string, logo: MediaItem | undefined): ImageRef {
  if (logo) return primaryImage(base, logo, 600);
  return {
    url: absoluteUrl(base, DEFAULT_LOGO.path),
    width: DEFAULT_LOGO.width,
    height: DEFAULT_LOGO.height,
    type: "image/png",
    alt: "",
  };
}
