// Ghost post content into Masthead blocks. Pure: a post's stored content fields in, blocks and a
// report out; no database, no files. Ghost keeps up to three forms of a post: Lexical (Ghost 5
// and 6), mobiledoc (Ghost 1 to 4, and 5's older posts) and the rendered html. The editor's own
// document is read when there is one, since it says what each card was; the html is the
// fallback for Ghost 0.x exports and for documents that cannot be read. What each construct
// becomes is listed in docs/ARCHITECTURE.md, "Ghost content conversion".
import { BlockSchema, type Inline, InlineSchema } from "../../content/index.js";
import type { ConvertedBlock, ConvertedContent, ImageRef, Report } from "../wordpress/converted.js";
import { note } from "../wordpress/converted.js";
import { ghostHtmlBlocks } from "./html.js";
import { lexicalToBlocks } from "./lexical.js";
import { mobiledocToBlocks } from "./mobiledoc.js";
import { originalGhostImageUrl } from "./urls.js";

export type {
  ConvertedBlock,
  ConvertedContent,
  GalleryRef,
  ImageRef,
} from "../wordpress/converted.js";
export { ghostHref, originalGhostImageUrl } from "./urls.js";

/** The content fields of one Ghost post as the export stores them. */
export interface GhostContent {
  mobiledoc?: string | null;
  lexical?: string | null;
  html?: string | null;
}

function filled(value: string | null | undefined): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** The blocks of the first stored form that can be read: Lexical, mobiledoc, then html. */
function read(content: GhostContent, report: Report): ConvertedBlock[] {
  let failed = false;
  if (filled(content.lexical)) {
    const blocks = lexicalToBlocks(content.lexical, report);
    if (blocks) return blocks;
    failed = true;
  }
  if (filled(content.mobiledoc)) {
    const blocks = mobiledocToBlocks(content.mobiledoc, report);
    if (blocks) {
      if (failed) note(report, "converted from the post's mobiledoc instead");
      return blocks;
    }
    failed = true;
  }
  if (!filled(content.html)) {
    if (failed) note(report, "the post has no readable content; imported empty");
    return [];
  }
  if (failed) note(report, "converted from the post's rendered HTML instead");
  return ghostHtmlBlocks(content.html, report);
}

/**
 * The blocks as the importer gets them: image references ask for the original file (Ghost's
 * HTML links resized copies), and anything Masthead would refuse is dropped, noted, rather than
 * failing the whole post (every reader above is meant to produce valid blocks; this is the net).
 */
function finish(blocks: readonly ConvertedBlock[], report: Report): ConvertedBlock[] {
  const out: ConvertedBlock[] = [];
  for (const block of blocks) {
    if (block.type === "image-ref") out.push(finishImage(block));
    else if (block.type === "gallery-ref") {
      const { caption, ...rest } = block;
      out.push({
        ...rest,
        images: block.images.map(finishImage),
        ...(captionOk(caption) ? { caption } : {}),
      });
    } else if (BlockSchema.safeParse(block).success) out.push(block);
    else note(report, `a ${block.type} block Masthead would refuse was dropped`);
  }
  return out;
}

function captionOk(caption: Inline | undefined): boolean {
  return caption !== undefined && InlineSchema.min(1).safeParse(caption).success;
}

/** An image reference asking for the original file, its caption dropped when Masthead would refuse it. */
function finishImage(ref: ImageRef): ImageRef {
  const { caption, ...rest } = ref;
  return {
    ...rest,
    src: originalGhostImageUrl(ref.src),
    ...(captionOk(caption) ? { caption } : {}),
  };
}

/**
 * Masthead blocks for one Ghost post: Lexical when present, else mobiledoc, else the html field.
 * Every returned Block passes BlockSchema; image references still need the importer to resolve
 * them to media (`src` as Ghost wrote it, `__GHOST_URL__` included, without the size path).
 * @example convertGhostContent({ html: "<p>Hello</p>" }).blocks // [{ type: "paragraph", content: [{ text: "Hello" }] }]
 */
export function convertGhostContent(content: GhostContent): ConvertedContent {
  const report: Report = { legacy: [], notes: [] };
  const blocks = finish(read(content, report), report);
  return { blocks, legacy: report.legacy, notes: report.notes };
}
