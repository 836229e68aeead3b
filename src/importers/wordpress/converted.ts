// What converting one post's content produces, and the report it fills along the way.

import { htmlToText } from "../../content/html-text.js";
import { type Block, HTML_BLOCK_MAX, type Inline } from "../../content/index.js";
import { sanitizeLegacyHtml } from "../../sanitize/legacy-html.js";

/** An image found in content, to be resolved to a media item by the importer. */
export interface ImageRef {
  type: "image-ref";
  src: string;
  alt: string;
  caption?: Inline;
  /** The attachment id when the markup names it (wp-image-123 class, [caption id="attachment_123"], wp:image {"id":123}). */
  attachmentId?: string;
}

/**
 * A gallery found in content: its images in order, resolved to media items the way single
 * images are (src/importers/gallery.ts makes the gallery blocks once they are).
 */
export interface GalleryRef {
  type: "gallery-ref";
  images: ImageRef[];
  /** The caption of the whole set (each image may also have its own). */
  caption?: Inline;
}

/**
 * A sound file found in content (`[audio]`, `<audio>`, wp:audio), to be resolved to a media item
 * the way images are; kept as a link to it when its file cannot be had.
 */
export interface AudioRef {
  type: "audio-ref";
  src: string;
  caption?: Inline;
  /** The attachment id when the markup names it (wp:audio {"id":123}). */
  attachmentId?: string;
}

export type ConvertedBlock = Block | ImageRef | GalleryRef | AudioRef;

export interface ConvertedContent {
  blocks: ConvertedBlock[];
  /** One entry per legacy-HTML block made, with its reason (e.g. "wp:table"). */
  legacy: string[];
  /** Other notes for the import report, e.g. "unknown shortcode [foo] kept as text". */
  notes: string[];
}

/** The report a conversion fills: legacy blocks made and notes, shared by every step. */
export interface Report {
  legacy: string[];
  notes: string[];
}

/** Adds a note once (a post with twenty relative links gets one line, not twenty). */
export function note(report: Report, text: string): void {
  if (!report.notes.includes(text)) report.notes.push(text);
}

/**
 * A legacy-HTML block for markup with no Masthead equivalent, sanitized to the safe subset.
 * Markup that sanitizes to nothing (a form, a script) is dropped with a note; markup larger
 * than a block may hold is kept as plain-text paragraphs, also noted.
 */
export function legacyBlocks(report: Report, html: string, reason: string): ConvertedBlock[] {
  const safe = sanitizeLegacyHtml(html);
  if (safe === "") {
    note(report, `${reason} had nothing that could be kept; dropped`);
    return [];
  }
  if (safe.length > HTML_BLOCK_MAX) {
    note(report, `${reason} is larger than a legacy-HTML block may be; kept as plain text`);
    return htmlToText(safe)
      .split("\n")
      .map((line) => ({ type: "paragraph", content: [{ text: line }] }));
  }
  report.legacy.push(reason);
  return [{ type: "html", html: safe, reason }];
}
