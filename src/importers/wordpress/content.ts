// WordPress post content (the classic editor's HTML or the block editor's markup, or both mixed)
// into Masthead blocks. Pure: a string in, blocks and a report out; no database, no files.
// Images come out as image references for the importer to resolve to media items. What each
// construct becomes is listed in docs/ARCHITECTURE.md, "WordPress content conversion".

import { parseDocument } from "htmlparser2";
import { type Block, inlineText } from "../../content/index.js";
import { hasBlockMarkup, parseBlocks } from "./block-parser.js";
import type { ConvertedBlock, ConvertedContent, Report } from "./converted.js";
import { note } from "./converted.js";
import { convertBlocks } from "./editor-blocks.js";
import { htmlToBlocks, textOfNodes } from "./html-flow.js";
import { shortcodeBlocks } from "./shortcode-blocks.js";
import { CONVERTED_SHORTCODES, extractShortcodes, otherShortcodeNames } from "./shortcodes.js";

export type {
  AudioRef,
  ConvertedBlock,
  ConvertedContent,
  GalleryRef,
  ImageRef,
} from "./converted.js";
export { originalImageUrl } from "./image-urls.js";

/** The readable text of the blocks that hold text, to find shortcodes left in it. */
function textOf(block: ConvertedBlock): string {
  switch (block.type) {
    case "paragraph":
    case "heading":
    case "quote":
      return inlineText(block.content);
    case "list":
      return block.items.map(inlineText).join("\n");
    default:
      return "";
  }
}

function noteShortcodesLeft(blocks: readonly ConvertedBlock[], report: Report): void {
  const converted = new Set<string>(CONVERTED_SHORTCODES);
  for (const block of blocks)
    for (const name of otherShortcodeNames(textOf(block)))
      if (!converted.has(name)) note(report, `unknown shortcode [${name}] kept as text`);
}

/**
 * Masthead blocks for one WordPress post's content. Block-editor markup is read block by block
 * (HTML between blocks as classic content); content without it is classic-editor HTML, read
 * with wpautop's paragraph rules. Every returned Block passes BlockSchema; image references
 * still need the importer to resolve them to media.
 * @example convertWordPressContent("Hello\n\n<!--more-->World").blocks.length // 2
 */
export function convertWordPressContent(content: string): ConvertedContent {
  const report: Report = { legacy: [], notes: [] };
  const expandShortcode = (shortcode: Parameters<typeof shortcodeBlocks>[0]) =>
    shortcodeBlocks(shortcode, report);
  const classic = (html: string) => htmlToBlocks(html, { autop: true, expandShortcode }, report);
  const blockHtml = (html: string, legacyReason?: string) =>
    htmlToBlocks(html, { autop: false, expandShortcode, legacyReason }, report);
  const blocks = hasBlockMarkup(content)
    ? convertBlocks(parseBlocks(content), { report, classic, blockHtml })
    : classic(content);
  noteShortcodesLeft(blocks, report);
  return { blocks, legacy: report.legacy, notes: report.notes };
}

/**
 * Plain text of an excerpt/HTML fragment (for deks), entities decoded, whitespace collapsed.
 * Converted shortcodes ([caption], [gallery], [embed]…) are left out: they are not prose.
 * @example htmlToPlainText("<p>Fish &amp; <em>chips</em></p>\n<p>Two</p>") // "Fish & chips Two"
 */
export function htmlToPlainText(html: string): string {
  const { html: withoutShortcodes } = extractShortcodes(html);
  return textOfNodes(parseDocument(withoutShortcodes).children)
    .replace(/[ \t\n\r\f]+/g, " ")
    .trim();
}

/** Whether a converted block is a finished Masthead block (not an image or gallery reference). */
export function isBlock(block: ConvertedBlock): block is Block {
  return block.type !== "image-ref" && block.type !== "gallery-ref";
}
