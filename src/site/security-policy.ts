// The public site's Content-Security-Policy. Pages are cached and shared between readers, so
// they carry no nonce and no inline script or style: scripts and styles are files under
// /assets, and JSON-LD is a data block (type="application/ld+json"), which CSP does not run.
import { VIDEO_EMBED_ORIGINS } from "./blocks/video.js";

/** The directives of every public answer (helmet's names); /media narrows its own further. */
export const SITE_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // No inline event handlers, ever.
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  // Uploads are served from /media; the video facade's poster is CSS, not a thumbnail.
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  // The view beacon posts to /views on this origin.
  connectSrc: ["'self'"],
  // The video facade swaps its button for the player only after the reader presses play.
  frameSrc: [...VIDEO_EMBED_ORIGINS],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
};
