// Every address in an email is absolute (a mail client has no page to resolve a path against)
// and points where the site's own pages point: no redirector, no tracking parameters.
import { HrefSchema, type MediaItem, type MediaVariant } from "../../content/index.js";
import { articlePath, mediaPath } from "../../content/public-paths.js";

/** Where relative links of one message resolve: the site, and the article `#` links belong to. */
export interface LinkBase {
  publicUrl: string;
  /** The article's page, for `#fragment` links of its body; the site's home without one. */
  pageUrl?: string;
}

/** A site path as an absolute URL, the way the site's feeds and structured data write it. */
export const siteUrl = (publicUrl: string, path: string): string => `${publicUrl}${path}`;

/** The article's public page. */
export const articleUrl = (publicUrl: string, slug: string): string =>
  siteUrl(publicUrl, articlePath(slug));

/**
 * An author's href made absolute, or undefined when it is not a kind of link the site renders
 * (the schema refuses those already; content that skipped validation keeps its words, unlinked).
 */
export function absoluteHref(href: string | undefined, base: LinkBase): string | undefined {
  if (href === undefined || !HrefSchema.safeParse(href).success) return undefined;
  if (href.startsWith("#")) return `${base.pageUrl ?? `${base.publicUrl}/`}${href}`;
  if (href.startsWith("//")) return `https:${href}`;
  if (href.startsWith("/")) return siteUrl(base.publicUrl, href);
  return href;
}

// Formats every mail client shows; AVIF and WebP renditions are left to browsers.
const EMAIL_FORMATS = new Set(["jpeg", "png", "gif"]);

/** The widest an image is shown: the 600px column less its padding. */
export const CONTENT_WIDTH = 552;

/** An image as an email shows it: an absolute source and the size to reserve for it. */
export interface EmailImage {
  src: string;
  width: number;
  height: number;
}

/**
 * The media item's rendition for a column `width` pixels wide: a JPEG, PNG or GIF at least twice
 * that wide (sharp on high-density screens) or the widest there is, else the uploaded file itself.
 * The width attribute never exceeds `width`; the height keeps the image's proportions.
 */
export function emailImage(publicUrl: string, media: MediaItem, width = CONTENT_WIDTH): EmailImage {
  const variants = (media.variants ?? [])
    .filter((v) => EMAIL_FORMATS.has(v.format))
    .sort((a, b) => a.width - b.width);
  const chosen: MediaVariant | undefined =
    variants.find((v) => v.width >= width * 2) ?? variants.at(-1);
  const shownWidth = Math.min(width, media.width > 0 ? media.width : width);
  const shownHeight =
    media.width > 0 && media.height > 0 ? Math.round((shownWidth * media.height) / media.width) : 0;
  return {
    src: siteUrl(publicUrl, mediaPath(chosen ? chosen.storageKey : media.storageKey)),
    width: shownWidth,
    height: shownHeight,
  };
}
