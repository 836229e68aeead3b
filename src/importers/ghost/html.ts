// Pieces of HTML inside Ghost content (an HTML card, a caption, a toggle's body, a rendered
// markdown card, the html field of old posts) read by the WordPress importer's HTML reader,
// after two Ghost-specific touches: the card markers Ghost wraps around rendered cards, and
// links to the site itself written with the `__GHOST_URL__` token.
import type { Inline } from "../../content/index.js";
import type { ConvertedBlock, Report } from "../wordpress/converted.js";
import { htmlToBlocks, htmlToInline } from "../wordpress/html-flow.js";
import { localizeGhostLinks } from "./urls.js";

// `<!--kg-card-begin: html-->` … `<!--kg-card-end: html-->` (also markdown, and older
// `<!--kg-card-begin: image-->`): where a card's rendering starts and ends, never content.
const CARD_MARKER = /<!--\s*kg-card-(?:begin|end):[^>]*?-->/gi;

/** Ghost HTML ready for the reader: card markers removed, site links made site-relative. */
export function prepareGhostHtml(html: string): string {
  return localizeGhostLinks(html.replace(CARD_MARKER, ""));
}

/** Blocks from a piece of Ghost HTML (Ghost stores it rendered: no wpautop, no shortcodes). */
export function ghostHtmlBlocks(html: string, report: Report): ConvertedBlock[] {
  return htmlToBlocks(prepareGhostHtml(html), { autop: false }, report);
}

/** The inline text of a piece of Ghost HTML (a caption, a heading), paragraphs joined by a space. */
export function ghostHtmlInline(html: string, report: Report): Inline {
  return htmlToInline(prepareGhostHtml(html), report);
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe to place in HTML built for a legacy block (code, a file's name). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
