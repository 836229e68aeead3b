// Block-editor (Gutenberg) blocks into Masthead blocks. Most core blocks save ordinary HTML
// (<p>, <h2>, <ul>, <blockquote><cite>, <figure><img><figcaption>, <hr>) that the HTML flow
// already reads, so they go through it with their inner blocks put back in place. Layout blocks
// (columns, group, cover, media-text, buttons) are flattened: their inner blocks in reading
// order. Table, code and preformatted blocks become table and code blocks when they fit them, a
// gallery a gallery block. Blocks with no Masthead equivalent become legacy HTML with the
// block's name as reason.

import { fullHtml, type ParsedBlock } from "./block-parser.js";
import type { ConvertedBlock, Report } from "./converted.js";
import { legacyBlocks, note } from "./converted.js";
import { figcaptionInline, linkParagraph, videosOnly, withoutFigureCaption } from "./html-flow.js";
import { videoFromUrl } from "./video-urls.js";

/** What block conversion needs from the content converter. */
export interface BlockConversion {
  report: Report;
  /** Classic-editor HTML (freeform content, the shortcode block): wpautop rules. */
  classic: (html: string) => ConvertedBlock[];
  /**
   * A block's saved HTML: no wpautop, shortcodes expanded (WordPress runs do_shortcode on it).
   * `legacyReason` names what legacy HTML made from it is (the block's name).
   */
  blockHtml: (html: string, legacyReason?: string) => ConvertedBlock[];
}

// Read through the HTML flow as they are.
const HTML_BLOCKS = new Set([
  "core/paragraph",
  "core/heading",
  "core/list",
  "core/list-item",
  "core/quote",
  "core/pullquote",
  "core/video",
  "core/file",
  "core/button",
  "core/subhead",
]);
// Layout only: their inner blocks, in order.
const LAYOUT_BLOCKS = new Set([
  "core/columns",
  "core/column",
  "core/group",
  "core/cover",
  "core/media-text",
  "core/buttons",
  "core/text-columns",
]);
// Read through the HTML flow into table and code blocks; markup that does not fit them (merged
// cells, a link in preformatted text) stays legacy HTML named after the block.
const TYPED_BLOCKS = new Set(["core/table", "core/code", "core/preformatted"]);
// Markup kept as it is, as legacy HTML. (A verse is a poem, not code: its line breaks and
// emphasis are the poem's, which a code block would show in a monospace font and lose.)
const LEGACY_BLOCKS = new Set(["core/verse", "core/html", "core/details", "core/footnotes"]);
// Page breaks and spacing: nothing to keep.
const DROPPED_BLOCKS = new Set(["core/more", "core/nextpage", "core/spacer"]);

// Nesting deeper than any editor produces is read as plain HTML (no recursion).
const MAX_DEPTH = 100;

/** "wp:table" for core/table, "wp:jetpack/slideshow" for others: how the report names a block. */
export function blockLabel(name: string): string {
  return `wp:${name.startsWith("core/") ? name.slice(5) : name}`;
}

function numericId(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return String(value);
  if (typeof value === "string" && /^\d+$/.test(value)) return value;
  return undefined;
}

function stringAttr(attrs: Record<string, unknown>, name: string): string | undefined {
  const value = attrs[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** Converts parsed blocks (top level or inner) in order. */
export function convertBlocks(
  blocks: readonly ParsedBlock[],
  c: BlockConversion,
  depth = 0,
): ConvertedBlock[] {
  return blocks.flatMap((b) => convertBlock(b, c, depth));
}

function layout(b: ParsedBlock, c: BlockConversion, depth: number): ConvertedBlock[] {
  const out: ConvertedBlock[] = [];
  let inner = 0;
  for (const part of b.innerContent) {
    if (part === null) {
      const child = b.innerBlocks[inner];
      inner += 1;
      if (child) out.push(...convertBlock(child, c, depth + 1));
    } else if (part.trim() !== "") out.push(...c.blockHtml(part));
  }
  return out;
}

/** wp:image: the flow reads the figure; the block's id attribute names the attachment. */
function image(b: ParsedBlock, c: BlockConversion): ConvertedBlock[] {
  const blocks = c.blockHtml(fullHtml(b));
  const id = numericId(b.attrs.id);
  const refs = blocks.filter((x) => x.type === "image-ref");
  if (id !== undefined && refs.length === 1)
    return blocks.map((x) => (x.type === "image-ref" ? { ...x, attachmentId: id } : x));
  return blocks;
}

/** wp:audio: the flow reads the figure (caption included); the id attribute names the attachment. */
function audio(b: ParsedBlock, c: BlockConversion): ConvertedBlock[] {
  const blocks = c.blockHtml(fullHtml(b));
  const id = numericId(b.attrs.id);
  const refs = blocks.filter((x) => x.type === "audio-ref");
  if (id !== undefined && refs.length === 1)
    return blocks.map((x) => (x.type === "audio-ref" ? { ...x, attachmentId: id } : x));
  return blocks;
}

/**
 * wp:gallery as a gallery block: nested wp:image blocks (5.9+), the older list of figures, or
 * the single block with only an ids attribute. The figcaption of the gallery's own figure is
 * the set's caption; each image keeps its own. Anything else in it follows the gallery.
 */
function gallery(b: ParsedBlock, c: BlockConversion, depth: number): ConvertedBlock[] {
  const nested = b.innerBlocks.length > 0;
  const outer = nested
    ? b.innerContent.filter((part): part is string => part !== null).join("")
    : fullHtml(b);
  const { html, caption } = withoutFigureCaption(outer, c.report);
  const blocks = [
    ...(nested ? convertBlocks(b.innerBlocks, c, depth + 1) : []),
    ...c.blockHtml(html),
  ];
  let images = blocks.filter((x) => x.type === "image-ref");
  const others = blocks.filter((x) => x.type !== "image-ref");
  if (images.length === 0) {
    const ids = Array.isArray(b.attrs.ids) ? b.attrs.ids.map(numericId) : [];
    images = ids
      .filter((id): id is string => id !== undefined)
      .map((attachmentId) => ({ type: "image-ref", src: "", alt: "", attachmentId }));
  }
  if (images.length === 0) {
    // No picture to show: the caption is kept as a paragraph rather than lost with the gallery.
    return caption ? [...others, { type: "paragraph", content: caption }] : others;
  }
  return [{ type: "gallery-ref", images, ...(caption ? { caption } : {}) }, ...others];
}

/** wp:cover: its background image (in the markup since 5.x, in attributes before) and contents. */
function cover(b: ParsedBlock, c: BlockConversion, depth: number): ConvertedBlock[] {
  const blocks = layout(b, c, depth);
  const url = stringAttr(b.attrs, "url");
  if (blocks.some((x) => x.type === "image-ref") || url === undefined) return blocks;
  if (b.attrs.backgroundType === "video") return blocks;
  const id = numericId(b.attrs.id);
  return [
    {
      type: "image-ref",
      src: url,
      alt: stringAttr(b.attrs, "alt") ?? "",
      ...(id !== undefined ? { attachmentId: id } : {}),
    },
    ...blocks,
  ];
}

/**
 * wp:embed (and the 5.0-era core-embed/youtube names): YouTube and Vimeo become facade videos
 * with the figcaption as caption; other providers (Twitter, Instagram…) keep their link.
 */
function embed(b: ParsedBlock, c: BlockConversion): ConvertedBlock[] {
  const html = fullHtml(b);
  const provider =
    stringAttr(b.attrs, "providerNameSlug") ??
    (b.name?.startsWith("core-embed/") ? b.name.slice("core-embed/".length) : "embed");
  const video = videoFromUrl(stringAttr(b.attrs, "url") ?? "", figcaptionInline(html, c.report));
  if (video) return [video];
  const blocks = c.blockHtml(html);
  if (blocks.some((x) => x.type === "video")) return blocks;
  note(c.report, `embed (${provider}) kept as a link`);
  if (blocks.length > 0) return blocks;
  const link = linkParagraph(stringAttr(b.attrs, "url") ?? "");
  return link ? [link] : [];
}

function convertBlock(b: ParsedBlock, c: BlockConversion, depth: number): ConvertedBlock[] {
  const name = b.name;
  if (name === null || name === "core/freeform") return c.classic(fullHtml(b));
  if (depth > MAX_DEPTH) return c.blockHtml(fullHtml(b));
  if (DROPPED_BLOCKS.has(name)) return [];
  // Saved as <hr>, but a hand-written or pattern-inserted separator may be self-closing.
  if (name === "core/separator") return [{ type: "divider" }];
  if (HTML_BLOCKS.has(name)) return c.blockHtml(fullHtml(b));
  if (TYPED_BLOCKS.has(name)) return c.blockHtml(fullHtml(b), blockLabel(name));
  // Player embed code pasted into a Custom HTML block: the facade video, not dropped markup.
  if (name === "core/html") {
    const videos = videosOnly(fullHtml(b));
    if (videos) return videos;
  }
  if (LEGACY_BLOCKS.has(name)) return legacyBlocks(c.report, fullHtml(b), blockLabel(name));
  if (name === "core/cover") return cover(b, c, depth);
  if (LAYOUT_BLOCKS.has(name)) return layout(b, c, depth);
  if (name === "core/image") return image(b, c);
  if (name === "core/audio") return audio(b, c);
  if (name === "core/gallery") return gallery(b, c, depth);
  if (name === "core/embed" || name.startsWith("core-embed/")) return embed(b, c);
  if (name === "core/shortcode") return c.classic(fullHtml(b));
  if (name === "core/block") {
    const ref = numericId(b.attrs.ref) ?? "?";
    note(c.report, `reusable block ${ref} not included (its content is a separate wp_block post)`);
    return [];
  }
  const html = fullHtml(b);
  if (b.innerBlocks.length > 0) {
    note(c.report, `${blockLabel(name)} flattened into its inner blocks`);
    return layout(b, c, depth);
  }
  if (html.trim() === "") {
    // Dynamic blocks (latest posts, archives, a plugin's widget) save nothing: WordPress renders
    // them on each view from its own data.
    note(c.report, `${blockLabel(name)} (rendered by WordPress on each view) dropped`);
    return [];
  }
  return legacyBlocks(c.report, html, blockLabel(name));
}
