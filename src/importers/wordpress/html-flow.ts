// HTML as WordPress stores it, turned into Masthead blocks by walking htmlparser2's DOM in
// reading order. Block-level elements become blocks; runs of inline content between them become
// paragraphs. With `autop` (classic-editor content, which WordPress stores without <p>), text is
// split the way wpautop() splits it: a blank line ends a paragraph. A single newline or one <br>
// inside a paragraph becomes a space, not a new paragraph: Masthead inline text has no line
// break, and classic content is full of hard-wrapped lines pasted from mail and word
// processors, which must read as one paragraph. Two <br> in a row do end a paragraph.
import { DomUtils, parseDocument } from "htmlparser2";
import type { Block, Inline, TextRun, VideoBlock } from "../../content/index.js";
import {
  type AudioRef,
  type ConvertedBlock,
  type ImageRef,
  legacyBlocks,
  note,
  type Report,
} from "./converted.js";
import { type DomElement, type DomNode, isElement, isText } from "./dom.js";
import {
  acceptedHref,
  italicize,
  joinInline,
  type Marks,
  normalizeRuns,
  run,
} from "./inline-runs.js";
import { extractShortcodes, type Shortcode } from "./shortcodes.js";
import { otherVideoFromUrl, parseWebUrl, videoFromUrl } from "./video-urls.js";
import { codeOf, hasClass, splitCodeNote, tableOf } from "./writing-blocks.js";

/** How one piece of HTML is read. */
export interface FlowOptions {
  /** Classic-editor content: blank lines separate paragraphs (wpautop). */
  autop: boolean;
  /** Turns a converted shortcode into blocks; without it shortcodes stay text. */
  expandShortcode?: (shortcode: Shortcode) => ConvertedBlock[];
  /**
   * The reason legacy HTML made from this markup is given (a block's name, "wp:table"); by
   * default the element's own tag ("<table>").
   */
  legacyReason?: string;
}

// Deeper nesting than any editor writes is hostile or broken; below this depth only the text
// is kept, so a 10,000-deep <div> cannot exhaust the stack.
const MAX_DEPTH = 200;

// A URL alone on its line (WordPress's autoembed pattern).
const BARE_URL = /^https?:\/\/[^\s<>"]+$/;

/** Masthead's heading level for each HTML heading tag (h1 is the headline, so body headings start at 2). */
export const HEADING_LEVEL: Readonly<Record<string, 2 | 3 | 4>> = {
  h1: 2,
  h2: 2,
  h3: 3,
  h4: 4,
  h5: 4,
  h6: 4,
};
const BLOCK_CONTAINERS = new Set([
  "p",
  "div",
  "section",
  "article",
  "aside",
  "header",
  "footer",
  "main",
  "nav",
  "center",
  "address",
  "hgroup",
  "figcaption",
  "summary",
  "li",
  "dd",
  "dt",
  "body",
  "html",
]);
// Kept as sanitized legacy HTML: structure Masthead has no block for. (Tables and <pre> become
// table and code blocks when they fit them; see writing-blocks.ts.)
const LEGACY_ELEMENTS = new Set(["dl", "details", "xmp", "listing"]);
// Not content a reader reads; dropped with their content.
const SILENT_DROP = new Set([
  "head",
  "title",
  "meta",
  "link",
  "base",
  "template",
  "noscript",
  "svg",
  "math",
  "canvas",
  "map",
  "area",
  "source",
  "track",
  "param",
  "colgroup",
  "col",
  "wbr",
]);
const NOTED_DROP = new Set([
  "script",
  "style",
  "form",
  "input",
  "select",
  "textarea",
  "button",
  "applet",
  "frameset",
  "frame",
]);

type Piece =
  | { kind: "text"; run: TextRun }
  /** A newline in classic text: a line boundary (for bare URLs), read as a space. */
  | { kind: "newline" }
  /** A <br>: one is a space, two in a row end the paragraph. */
  | { kind: "br" }
  /** A blank line in classic text: the paragraph ends. */
  | { kind: "paragraph" };

interface Env {
  options: FlowOptions;
  report: Report;
  /** The parsed source, for slicing an element's markup exactly as written. */
  source: string;
  placeholder: string | undefined;
  shortcodes: Shortcode[];
}

function attr(el: DomElement, name: string): string | undefined {
  const value = el.attribs[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** Text of a subtree without recursion (hostile nesting must not overflow the stack). */
function plainTextOf(nodes: readonly DomNode[]): string {
  const parts: string[] = [];
  const stack: DomNode[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node)) parts.push(node.data);
    else if (isElement(node) && !SILENT_DROP.has(node.name) && !NOTED_DROP.has(node.name)) {
      if (BLOCK_CONTAINERS.has(node.name) || node.name === "br") parts.push(" ");
      for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i]!);
    }
  }
  return parts.join("");
}

/** The markup of an element as the author wrote it. */
function sourceOf(env: Env, el: DomElement): string {
  const html =
    el.startIndex === null || el.endIndex === null
      ? DomUtils.getOuterHTML(el)
      : env.source.slice(el.startIndex, el.endIndex + 1);
  // Shortcodes inside kept markup go back to the text they were.
  const tag = env.placeholder;
  if (tag === undefined || !html.includes(tag)) return html;
  return html.replace(
    new RegExp(`<${tag} data-i="(\\d+)"></${tag}>`, "g"),
    (_, i: string) => env.shortcodes[Number(i)]?.raw ?? "",
  );
}

/** A paragraph holding one link (an address Masthead keeps as a link rather than embeds). */
export function linkParagraph(url: string, text = url): Block | undefined {
  const href = acceptedHref(url);
  const content = normalizeRuns([run(text, href ? { href } : {})]);
  return content.length > 0 ? { type: "paragraph", content } : undefined;
}

// Lazy-loading plugins keep the real address in data-* and a placeholder (often a data: URI) in
// src; Jetpack records the full-size original in data-orig-file.
function imageSource(el: DomElement): string | undefined {
  const src = attr(el, "src");
  if (src !== undefined && !src.startsWith("data:")) return src;
  return attr(el, "data-lazy-src") ?? attr(el, "data-src") ?? attr(el, "data-orig-file");
}

/** The attachment id an <img> names: class wp-image-123, data-id or data-attachment-id. */
function attachmentIdOf(el: DomElement): string | undefined {
  const fromClass = /(?:^|\s)wp-image-(\d+)(?:\s|$)/.exec(el.attribs.class ?? "")?.[1];
  if (fromClass !== undefined) return fromClass;
  for (const name of ["data-id", "data-attachment-id"]) {
    const value = attr(el, name);
    if (value !== undefined && /^\d+$/.test(value)) return value;
  }
  return undefined;
}

/** An image reference from an <img> element, or undefined when it names no file at all. */
export function imageRefOf(el: DomElement): ImageRef | undefined {
  const src = imageSource(el) ?? "";
  const attachmentId = attachmentIdOf(el);
  if (src === "" && attachmentId === undefined) return undefined;
  return {
    type: "image-ref",
    src,
    alt: (el.attribs.alt ?? "").trim(),
    ...(attachmentId !== undefined ? { attachmentId } : {}),
  };
}

/** Adds a caption to an image or video block, which hold one; false for any other block. */
function withCaption(block: ConvertedBlock, caption: Inline): ConvertedBlock | undefined {
  if (block.type === "image-ref" || block.type === "video" || block.type === "audio-ref")
    return { ...block, caption };
  return undefined;
}

/** The inline text of blocks that hold text (paragraphs, headings, quotes, list items), joined. */
function textOfBlocks(blocks: readonly ConvertedBlock[]): Inline {
  const parts: Inline[] = [];
  for (const b of blocks) {
    if (b.type === "paragraph" || b.type === "heading" || b.type === "quote") parts.push(b.content);
    else if (b.type === "list") parts.push(...b.items);
  }
  return joinInline(parts);
}

/** One walk over a piece of DOM, collecting blocks and the paragraph being written. */
class Flow {
  readonly blocks: ConvertedBlock[] = [];
  private pieces: Piece[] = [];

  /**
   * @param embedUrls whether a URL alone on its line becomes an embed: in the body and in
   * figures, as WordPress's autoembed does, but not inside list items, headings, quotations or
   * captions, where WordPress leaves it text.
   */
  constructor(
    private readonly env: Env,
    private readonly embedUrls = true,
  ) {}

  /** Converts nodes into a fresh list of blocks, sharing this walk's report. */
  private sub(
    nodes: readonly DomNode[],
    marks: Marks,
    depth: number,
    embedUrls = false,
  ): ConvertedBlock[] {
    const flow = new Flow(this.env, embedUrls);
    flow.nodes(nodes, marks, depth);
    flow.endParagraph();
    return flow.blocks;
  }

  nodes(nodes: readonly DomNode[], marks: Marks, depth: number): void {
    for (const node of nodes) this.node(node, marks, depth);
  }

  private emit(...blocks: (ConvertedBlock | undefined)[]): void {
    this.endParagraph();
    for (const b of blocks) if (b !== undefined) this.blocks.push(b);
  }

  private node(node: DomNode, marks: Marks, depth: number): void {
    if (isText(node)) {
      this.text(node.data, marks);
      return;
    }
    if (!isElement(node)) {
      // <!--more--> (the teaser ends) and <!--nextpage--> (a page ends) end the paragraph too;
      // other comments, doctypes and processing instructions are nothing to a reader.
      if (node.type === "comment" && /^\s*(more|nextpage)\b/.test(node.data)) this.endParagraph();
      return;
    }
    if (depth > MAX_DEPTH) {
      this.text(plainTextOf([node]), marks);
      return;
    }
    const name = node.name;
    const children = node.children;
    const inner = depth + 1;
    if (name === this.env.placeholder) {
      const shortcode = this.env.shortcodes[Number(node.attribs["data-i"])];
      const expand = this.env.options.expandShortcode;
      if (shortcode && expand) this.emit(...expand(shortcode));
      return;
    }
    if (SILENT_DROP.has(name)) return;
    if (NOTED_DROP.has(name)) {
      note(this.env.report, `<${name}> dropped`);
      return;
    }
    switch (name) {
      case "br":
        this.pieces.push({ kind: "br" });
        return;
      case "img":
        this.emit(this.image(node));
        return;
      case "hr":
        this.emit({ type: "divider" });
        return;
      case "b":
      case "strong":
        this.nodes(children, { ...marks, bold: true }, inner);
        return;
      case "i":
      case "em":
      case "cite":
      case "dfn":
      case "var":
        this.nodes(children, { ...marks, italic: true }, inner);
        return;
      case "a":
        this.link(node, marks, inner);
        return;
      case "del":
      case "s":
      case "strike":
        note(this.env.report, "struck-through text kept without its strike-through");
        this.nodes(children, marks, inner);
        return;
      case "q":
        this.text("“", marks);
        this.nodes(children, marks, inner);
        this.text("”", marks);
        return;
      case "h1":
      case "h2":
      case "h3":
      case "h4":
      case "h5":
      case "h6":
        this.heading(node, HEADING_LEVEL[name]!, marks, inner);
        return;
      case "ul":
      case "ol":
        this.list(node, marks, inner);
        return;
      case "blockquote":
        this.quote(node, marks, inner);
        return;
      case "figure":
        this.figure(node, marks, inner);
        return;
      case "iframe":
        this.iframe(node);
        return;
      case "video":
        this.video(node);
        return;
      case "audio":
        this.audio(node);
        return;
      case "object":
      case "embed":
        this.plugin(node);
        return;
      case "table":
        this.table(node, undefined, node, marks, inner);
        return;
      case "pre":
        this.code(node);
        return;
    }
    if (LEGACY_ELEMENTS.has(name)) {
      this.keep(node, undefined);
      return;
    }
    if (BLOCK_CONTAINERS.has(name)) {
      this.endParagraph();
      this.nodes(children, marks, inner);
      this.endParagraph();
      return;
    }
    // Any other element (span, font, code, sup, abbr, a theme's own tags): its text, unmarked.
    this.nodes(children, marks, inner);
  }

  /** An element's markup as sanitized legacy HTML; `why` (for the report) when a typed block was refused. */
  private keep(el: DomElement, why: string | undefined): void {
    const reason = this.env.options.legacyReason ?? `<${el.name}>`;
    if (why !== undefined) note(this.env.report, `${reason} kept as HTML: ${why}`);
    this.emit(...legacyBlocks(this.env.report, sourceOf(this.env, el), reason));
  }

  /**
   * A table block, or (when the table does not fit one) the markup of `source`, the table or
   * the figure around it, as legacy HTML.
   */
  private table(
    table: DomElement,
    caption: DomElement | undefined,
    source: DomElement,
    marks: Marks,
    depth: number,
  ): void {
    const typed = tableOf(table, caption, (nodes) => this.sub(nodes, marks, depth));
    if ("block" in typed) this.emit(typed.block);
    else this.keep(source, typed.fallback);
  }

  /**
   * Preformatted text as a code block (nothing for a blank one), or its markup as legacy HTML
   * when it is more than text.
   */
  private code(pre: DomElement): void {
    const typed = codeOf(pre, (el) =>
      el.name === this.env.placeholder
        ? (this.env.shortcodes[Number(el.attribs["data-i"])]?.raw ?? "")
        : undefined,
    );
    if (!("block" in typed)) this.keep(pre, typed.fallback);
    else {
      if (typed.block.length > 1) note(this.env.report, splitCodeNote(typed.block.length));
      this.emit(...typed.block);
    }
  }

  private text(data: string, marks: Marks): void {
    if (!this.env.options.autop || !data.includes("\n")) {
      if (data !== "") this.pieces.push({ kind: "text", run: run(data, marks) });
      return;
    }
    // wpautop: blank lines (whitespace between two newlines) end paragraphs.
    const paragraphs = data.replace(/\r\n?/g, "\n").split(/\n[ \t\n\v\f\r]*\n/);
    for (let i = 0; i < paragraphs.length; i += 1) {
      if (i > 0) this.pieces.push({ kind: "paragraph" });
      const lines = paragraphs[i]!.split("\n");
      for (let j = 0; j < lines.length; j += 1) {
        if (j > 0) this.pieces.push({ kind: "newline" });
        if (lines[j] !== "") this.pieces.push({ kind: "text", run: run(lines[j]!, marks) });
      }
    }
  }

  private link(el: DomElement, marks: Marks, depth: number): void {
    if (marks.href !== undefined) {
      this.nodes(el.children, marks, depth); // a link inside a link: the outer one wins
      return;
    }
    const raw = el.attribs.href;
    const href = acceptedHref(raw);
    if (raw !== undefined && raw.trim() !== "" && href === undefined)
      note(this.env.report, `link to "${raw.trim().slice(0, 100)}" dropped, its text kept`);
    this.nodes(el.children, href !== undefined ? { ...marks, href } : marks, depth);
  }

  private image(el: DomElement): ImageRef | undefined {
    const ref = imageRefOf(el);
    if (!ref) note(this.env.report, "an image with no address was dropped");
    return ref;
  }

  private heading(el: DomElement, level: 2 | 3 | 4, marks: Marks, depth: number): void {
    this.endParagraph();
    for (const b of this.sub(el.children, marks, depth)) {
      this.blocks.push(b.type === "paragraph" ? { type: "heading", level, content: b.content } : b);
    }
  }

  /** A list; nested lists are flattened, their items following their parent item. */
  private list(el: DomElement, marks: Marks, depth: number): void {
    this.endParagraph();
    const ordered = el.name === "ol";
    let items: Inline[] = [];
    const endList = () => {
      if (items.length > 0) this.blocks.push({ type: "list", ordered, items });
      items = [];
    };
    for (const child of el.children) {
      const blocks = this.sub([child], marks, depth);
      let item: Inline[] = [];
      const endItem = () => {
        const joined = joinInline(item);
        if (joined.length > 0) items.push(joined);
        item = [];
      };
      for (const b of blocks) {
        if (b.type === "paragraph" || b.type === "heading" || b.type === "quote")
          item.push(b.content);
        else if (b.type === "list") {
          endItem();
          items.push(...b.items);
          note(this.env.report, "nested list flattened");
        } else {
          // An image or embed inside a list item: the list pauses around it.
          endItem();
          endList();
          this.blocks.push(b);
        }
      }
      endItem();
    }
    endList();
  }

  /**
   * A quotation. Masthead's quote needs a speaker: the attribution comes from a <cite> or
   * <footer> directly inside, or a last paragraph that is only a <cite> or starts with a dash.
   * Without one the text is kept as italic paragraphs (noted) rather than credited to nobody.
   */
  private quote(el: DomElement, marks: Marks, depth: number): void {
    this.endParagraph();
    const attribution = attributionOf(el);
    const rest = el.children.filter((c) => c !== attribution);
    const blocks = this.sub(rest, marks, depth);
    let speakerRuns = attribution
      ? normalizeRuns(
          this.sub([attribution], {}, depth).flatMap((b) =>
            b.type === "paragraph" ? b.content : [],
          ),
        )
      : [];
    const last = blocks[blocks.length - 1];
    if (speakerRuns.length === 0 && last?.type === "paragraph" && startsWithDash(last.content)) {
      speakerRuns = last.content;
      blocks.pop();
    }
    const { speaker, sourceUrl } = speakerOf(speakerRuns);
    const isTextBlock = (b: ConvertedBlock) =>
      b.type === "paragraph" || b.type === "heading" || b.type === "list";
    const textBlocks = blocks.filter(isTextBlock);
    const content = textOfBlocks(textBlocks);
    const others = blocks.filter((b) => !isTextBlock(b));
    // WordPress's pull quote block (<figure class="wp-block-pullquote"><blockquote>, or the
    // class on the blockquote in 5.0's markup). With a citation it stays a quote, since
    // Masthead's pull quote names no speaker and the name must not be lost.
    const parent = el.parent && isElement(el.parent) ? el.parent : undefined;
    const pull = hasClass(el, "wp-block-pullquote") || hasClass(parent, "wp-block-pullquote");
    if (pull && speakerRuns.length === 0 && content.length > 0) {
      this.blocks.push({ type: "pullquote", content }, ...others);
      return;
    }
    if (speaker !== "" && speaker.length <= 200 && content.length > 0) {
      this.blocks.push({
        type: "quote",
        content,
        speaker,
        ...(sourceUrl !== undefined ? { sourceUrl } : {}),
      });
    } else {
      if (content.length > 0) note(this.env.report, UNATTRIBUTED_QUOTE);
      for (const b of textBlocks) {
        this.blocks.push(
          b.type === "paragraph" ? { type: "paragraph", content: italicize(b.content) } : b,
        );
      }
      if (speakerRuns.length > 0) this.blocks.push({ type: "paragraph", content: speakerRuns });
    }
    this.blocks.push(...others);
  }

  /**
   * A figure: its one image or video gets the figcaption, as does a table alone in it (the
   * block editor's table); otherwise the caption is a paragraph.
   */
  private figure(el: DomElement, marks: Marks, depth: number): void {
    this.endParagraph();
    const captionEl = el.children.filter(isElement).findLast((c) => c.name === "figcaption");
    const content = el.children.filter(
      (c) => c !== captionEl && !(isText(c) && c.data.trim() === ""),
    );
    const lone = content.length === 1 && isElement(content[0]!) ? content[0] : undefined;
    if (lone?.name === "table") {
      this.table(lone, captionEl, el, marks, depth);
      return;
    }
    const blocks = this.sub(
      el.children.filter((c) => c !== captionEl),
      marks,
      depth,
      this.embedUrls,
    );
    const caption = captionEl ? textOfBlocks(this.sub(captionEl.children, marks, depth)) : [];
    const media = blocks.filter(
      (b) => b.type === "image-ref" || b.type === "video" || b.type === "audio-ref",
    );
    const only = media.length === 1 ? media[0]! : undefined;
    for (const b of blocks) {
      this.blocks.push(b === only && caption.length > 0 ? (withCaption(b, caption) ?? b) : b);
    }
    if (caption.length > 0 && !only) this.blocks.push({ type: "paragraph", content: caption });
  }

  private iframe(el: DomElement): void {
    const src = attr(el, "src") ?? attr(el, "data-src") ?? "";
    const video = videoFromUrl(src);
    if (video) {
      this.emit(withTitle(video, attr(el, "title")));
      return;
    }
    const url = parseWebUrl(src);
    note(
      this.env.report,
      `embedded frame from ${url?.hostname ?? "an unknown address"} kept as a link`,
    );
    if (url) this.emit(linkParagraph(url.href));
  }

  private video(el: DomElement): void {
    const src = attr(el, "src") ?? mediaSourceOf(el) ?? "";
    const block = videoFromUrl(src) ?? otherVideoFromUrl(src);
    if (block) this.emit(withTitle(block, attr(el, "title")));
    else {
      note(this.env.report, "a video not served over https kept as a link");
      this.emit(linkParagraph(src));
    }
  }

  /** Flash-era `<object>`/`<embed>` players: YouTube's and Vimeo's become videos. */
  private plugin(el: DomElement): void {
    const params = el.children.filter(isElement);
    const movie = params.find(
      (p) => p.name === "param" && /^(movie|src)$/i.test(p.attribs.name ?? ""),
    );
    const nested = params.find((p) => p.name === "embed");
    const src =
      attr(el, "src") ??
      attr(el, "data") ??
      (movie ? attr(movie, "value") : undefined) ??
      (nested ? attr(nested, "src") : undefined) ??
      "";
    const video = videoFromUrl(src);
    if (video) this.emit(video);
    else note(this.env.report, `<${el.name}> dropped`);
  }

  private audio(el: DomElement): void {
    const src = attr(el, "src") ?? mediaSourceOf(el) ?? "";
    this.emit(audioRefOf(src, this.env.report));
  }

  /** Ends the paragraph being written, turning its pieces into paragraphs and embeds. */
  endParagraph(): void {
    const pieces = this.pieces;
    if (pieces.length === 0) return;
    this.pieces = [];
    for (const paragraph of splitParagraphs(pieces)) this.paragraph(paragraph);
  }

  /**
   * One paragraph's lines. A line that is only a URL is embedded as WordPress's autoembed does
   * (a YouTube or Vimeo address becomes a video, any other a link of its own); in block content
   * only a paragraph that is nothing but the URL is.
   */
  private paragraph(lines: TextRun[][]): void {
    const autop = this.env.options.autop;
    let runs: TextRun[] = [];
    const flush = () => {
      const content = normalizeRuns(runs);
      if (content.length > 0) this.blocks.push({ type: "paragraph", content });
      runs = [];
    };
    for (const line of lines) {
      const url = this.embedUrls && (autop || lines.length === 1) ? bareUrlOf(line) : undefined;
      if (url !== undefined) {
        flush();
        const block = videoFromUrl(url) ?? linkParagraph(url);
        if (block) this.blocks.push(block);
        continue;
      }
      if (runs.length > 0) runs.push({ text: " " });
      runs.push(...line);
    }
    flush();
  }
}

/** The note for a quotation kept as italic text for want of a speaker. */
export const UNATTRIBUTED_QUOTE = "quote without attribution kept as italic text";

/** Whether a line of text starts with a dash, as an attribution ("— Jane Doe") does. */
export function startsWithDash(runs: Inline): boolean {
  return /^[—–―-]/.test(runs[0]?.text ?? "");
}

/**
 * The speaker an attribution names (its text without the leading dash) and its source: the
 * first web link in it.
 */
export function speakerOf(runs: Inline): { speaker: string; sourceUrl?: string } {
  const speaker = runs
    .map((r) => r.text)
    .join("")
    .replace(/^[—–―-]+\s*/, "")
    .trim();
  const sourceUrl = runs.find((r) => r.href && /^https?:/i.test(r.href))?.href;
  return sourceUrl === undefined ? { speaker } : { speaker, sourceUrl };
}

/** Pieces split into paragraphs (blank lines, two <br>), each a list of lines. */
function splitParagraphs(pieces: readonly Piece[]): TextRun[][][] {
  const paragraphs: TextRun[][][] = [];
  let lines: TextRun[][] = [[]];
  let brs = 0;
  const endParagraph = () => {
    if (lines.some((l) => l.length > 0)) paragraphs.push(lines.filter((l) => l.length > 0));
    lines = [[]];
    brs = 0;
  };
  for (const piece of pieces) {
    if (piece.kind === "text") {
      if (/^[ \t\n\r\f]*$/.test(piece.run.text)) {
        lines[lines.length - 1]!.push(piece.run);
        continue;
      }
      brs = 0;
      lines[lines.length - 1]!.push(piece.run);
    } else if (piece.kind === "paragraph") endParagraph();
    else if (piece.kind === "br") {
      brs += 1;
      if (brs >= 2) endParagraph();
      else lines.push([]);
    } else if (brs === 0) lines.push([]); // a newline right after a <br> is the same line end
  }
  endParagraph();
  return paragraphs;
}

/** The URL a line consists of, when it is one unmarked run holding only an address. */
function bareUrlOf(line: readonly TextRun[]): string | undefined {
  const visible = line.filter((r) => r.text.trim() !== "");
  if (visible.length !== 1) return undefined;
  const only = visible[0]!;
  if (only.bold || only.italic || only.href !== undefined) return undefined;
  const text = only.text.trim();
  return BARE_URL.test(text) ? text : undefined;
}

/**
 * A sound file's address as a reference for the importer to resolve (an audio block, or a link
 * when its file cannot be had); no address is noted and dropped.
 */
export function audioRefOf(src: string, report: Report): AudioRef | undefined {
  const url = src.trim();
  if (url === "") {
    note(report, "audio without an address dropped");
    return undefined;
  }
  return { type: "audio-ref", src: url };
}

/** A sound file kept as a link to it (its file could not be had), its caption after it. */
export function audioLinkBlocks(ref: AudioRef): Block[] {
  const link = linkParagraph(ref.src);
  const caption: Block[] = ref.caption?.length ? [{ type: "paragraph", content: ref.caption }] : [];
  return [...(link ? [link] : []), ...caption];
}

function withTitle<T extends { title: string }>(block: T, title: string | undefined): T {
  return title !== undefined && title.length <= 300 ? { ...block, title } : block;
}

function mediaSourceOf(el: DomElement): string | undefined {
  const source = el.children.filter(isElement).find((c) => c.name === "source" && attr(c, "src"));
  return source ? attr(source, "src") : undefined;
}

/**
 * The element holding a quotation's attribution: a <cite> or <footer> child, or a last
 * paragraph whose only element is a <cite> (text around it at most a dash).
 */
function attributionOf(quote: DomElement): DomElement | undefined {
  const elements = quote.children.filter(isElement);
  const direct = elements.findLast((c) => c.name === "cite" || c.name === "footer");
  if (direct) return direct;
  const last = elements[elements.length - 1];
  if (last?.name !== "p") return undefined;
  const inner = last.children.filter(isElement);
  const loose = last.children
    .filter((c) => isText(c))
    .map((c) => (c as { data: string }).data)
    .join("");
  return inner.length === 1 && inner[0]!.name === "cite" && /^[\s—–―-]*$/.test(loose)
    ? last
    : undefined;
}

/**
 * Blocks from a piece of WordPress HTML. `options.autop` reads it as classic-editor content;
 * `options.expandShortcode` converts the shortcodes found in it.
 */
export function htmlToBlocks(html: string, options: FlowOptions, report: Report): ConvertedBlock[] {
  const split = options.expandShortcode
    ? extractShortcodes(html)
    : { html, tag: undefined, shortcodes: [] };
  const doc = parseDocument(split.html, { withStartIndices: true, withEndIndices: true });
  const flow = new Flow({
    options,
    report,
    source: split.html,
    placeholder: split.tag,
    shortcodes: split.shortcodes,
  });
  flow.nodes(doc.children, {}, 0);
  flow.endParagraph();
  return flow.blocks;
}

/** The inline text of a piece of HTML (a caption), paragraphs joined by a space. */
export function htmlToInline(html: string, report: Report): Inline {
  return textOfBlocks(htmlToBlocks(html, { autop: false }, report));
}

/** The inline text of the last <figcaption> in a piece of HTML, or undefined when it has none. */
export function figcaptionInline(html: string, report: Report): Inline | undefined {
  const doc = parseDocument(html, { withStartIndices: true, withEndIndices: true });
  const captions = DomUtils.getElementsByTagName("figcaption", doc.children, true);
  const last = captions[captions.length - 1];
  if (!last) return undefined;
  const flow = new Flow({
    options: { autop: false },
    report,
    source: html,
    placeholder: undefined,
    shortcodes: [],
  });
  flow.nodes(last.children, {}, 0);
  flow.endParagraph();
  const text = textOfBlocks(flow.blocks);
  return text.length > 0 ? text : undefined;
}

/**
 * Markup without the caption of its outer figure (a gallery's caption for the whole set, not
 * one image's), and that caption's inline text.
 */
export function withoutFigureCaption(
  html: string,
  report: Report,
): { html: string; caption?: Inline } {
  const doc = parseDocument(html, { withStartIndices: true, withEndIndices: true });
  const figure = doc.children.filter(isElement).find((n) => n.name === "figure");
  const captionEl = figure?.children.filter(isElement).findLast((c) => c.name === "figcaption");
  if (!captionEl || captionEl.startIndex === null || captionEl.endIndex === null) return { html };
  const flow = new Flow({
    options: { autop: false },
    report,
    source: html,
    placeholder: undefined,
    shortcodes: [],
  });
  flow.nodes(captionEl.children, {}, 0);
  flow.endParagraph();
  const caption = textOfBlocks(flow.blocks);
  const rest = html.slice(0, captionEl.startIndex) + html.slice(captionEl.endIndex + 1);
  return caption.length > 0 ? { html: rest, caption } : { html: rest };
}

// Wrappers a pasted embed code may sit in.
const EMBED_WRAPPERS = new Set(["div", "p", "figure", "span", "center"]);

/**
 * The videos of markup that is nothing but YouTube/Vimeo players (embed code pasted into a
 * Custom HTML block), or undefined when it holds anything else.
 */
export function videosOnly(html: string): VideoBlock[] | undefined {
  const videos: VideoBlock[] = [];
  const stack: DomNode[] = [...parseDocument(html).children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node)) {
      if (node.data.trim() !== "") return undefined;
    } else if (isElement(node)) {
      if (node.name === "iframe" || node.name === "embed") {
        const video = videoFromUrl(attr(node, "src") ?? "");
        if (!video) return undefined;
        videos.unshift(withTitle(video, attr(node, "title")));
      } else if (EMBED_WRAPPERS.has(node.name)) stack.push(...node.children);
      else return undefined;
    }
  }
  return videos.length > 0 ? videos : undefined;
}

/** Plain text of a node list (the text WordPress would show), without recursion. */
export function textOfNodes(nodes: readonly DomNode[]): string {
  return plainTextOf(nodes);
}
