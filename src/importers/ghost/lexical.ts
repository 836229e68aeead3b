// Ghost's Lexical documents (Ghost 5 and 6): `{root:{children:[…]}}`, element nodes (paragraph,
// heading, quote, aside, list/listitem, link) around text nodes whose `format` is a bitmask,
// and card nodes (decorators) whose fields are the card's payload. Koenig's "extended-" node
// types are read as the plain ones they extend.
import { cleanStrings, type Inline } from "../../content/index.js";
import { type ConvertedBlock, note, type Report } from "../wordpress/converted.js";
import { HEADING_LEVEL } from "../wordpress/html-flow.js";
import type { Marks } from "../wordpress/inline-runs.js";
import { convertCard, isKnownCard } from "./cards.js";
import { InlineLines, noteOtherMark, type OtherMark } from "./inline.js";
import { isRecord, own, type Payload } from "./payload.js";
import {
  headingBlocks,
  listItem,
  paragraphBlocks,
  pullQuoteBlocks,
  quoteBlocks,
} from "./text-blocks.js";
import { ghostHref } from "./urls.js";

// Deeper than any editor nests is broken or hostile: below this only the text is kept.
const MAX_DEPTH = 100;

// TextNode's format bits, as Lexical defines them (highlight, 128, has no meaning to keep).
const FORMAT_BITS: readonly [number, "bold" | "italic" | OtherMark][] = [
  [1, "bold"],
  [2, "italic"],
  [4, "strikethrough"],
  [8, "underline"],
  [16, "code"],
  [32, "subscript"],
  [64, "superscript"],
];

const TEXT_NODES = new Set(["text", "extended-text", "tk", "hashtag", "emoji"]);
const LINK_NODES = new Set(["link", "autolink", "at-link"]);
const INLINE_NODES = new Set([...TEXT_NODES, ...LINK_NODES, "linebreak", "tab"]);
const ELEMENT_BLOCKS = new Set(["paragraph", "heading", "quote", "aside", "list"]);

/** Whether a node stands on its own as a block: a block element, a card, or an unknown element. */
function isBlockNode(node: Payload): boolean {
  const type = typeOf(node);
  if (INLINE_NODES.has(type)) return false;
  return ELEMENT_BLOCKS.has(type) || isKnownCard(type) || Array.isArray(node.children);
}

function typeOf(node: Payload): string {
  const type = node.type;
  return typeof type === "string" ? type.replace(/^extended-(?=heading|quote)/, "") : "";
}

function childrenOf(node: Payload): Payload[] {
  return Array.isArray(node.children) ? node.children.filter(isRecord) : [];
}

/**
 * Blocks from a post's Lexical JSON, or undefined (noted) when it is not a Lexical document,
 * so the caller can fall back to the next stored form.
 */
export function lexicalToBlocks(json: string, report: Report): ConvertedBlock[] | undefined {
  let doc: unknown;
  try {
    // Its escapes (\u0000) decode to characters the store refuses; an import drops them.
    doc = cleanStrings(JSON.parse(json));
  } catch {
    note(report, "Lexical content is not valid JSON");
    return undefined;
  }
  const root = isRecord(doc) ? doc.root : undefined;
  if (!isRecord(root) || !Array.isArray(root.children)) {
    note(report, "Lexical content has no root node");
    return undefined;
  }
  return new LexicalReader(report).blocks(childrenOf(root), 0);
}

/** One walk over a Lexical document, sharing the post's report. */
class LexicalReader {
  constructor(private readonly report: Report) {}

  blocks(nodes: readonly Payload[], depth: number): ConvertedBlock[] {
    const out: ConvertedBlock[] = [];
    // Inline nodes loose at block level (hand-edited JSON) are gathered into a paragraph.
    let loose: Payload[] = [];
    const flush = () => {
      if (loose.length > 0) out.push(...paragraphBlocks(this.lines(loose, depth)));
      loose = [];
    };
    for (const node of nodes) {
      if (INLINE_NODES.has(typeOf(node))) loose.push(node);
      else {
        flush();
        out.push(...this.block(node, depth));
      }
    }
    flush();
    return out;
  }

  private block(node: Payload, depth: number): ConvertedBlock[] {
    const type = typeOf(node);
    const children = childrenOf(node);
    if (depth > MAX_DEPTH) return paragraphBlocks([[{ text: plainText(node) }]]);
    switch (type) {
      case "paragraph":
        return paragraphBlocks(this.lines(children, depth));
      case "heading": {
        const tag = typeof node.tag === "string" ? node.tag.toLowerCase() : "h2";
        return headingBlocks(own(HEADING_LEVEL, tag) ?? 2, this.lines(children, depth));
      }
      case "quote":
        return quoteBlocks(this.lines(children, depth), this.report);
      case "aside":
        return pullQuoteBlocks(this.lines(children, depth));
      case "list":
        return this.list(node, depth);
    }
    if (Array.isArray(node.children)) {
      // An element node this reader does not know (a plugin's, a newer Ghost's): its content.
      note(this.report, `unknown Lexical node "${type.slice(0, 60)}" read as its content`);
      return children.some(isBlockNode)
        ? this.blocks(children, depth + 1)
        : paragraphBlocks(this.lines(children, depth + 1));
    }
    if (type === "") {
      note(this.report, "a Lexical node without a type was dropped");
      return [];
    }
    return convertCard(type, node, this.report);
  }

  /** A list with its items; nested lists are flattened, their items after their parent's. */
  private list(node: Payload, depth: number): ConvertedBlock[] {
    const ordered = node.listType === "number" || node.tag === "ol";
    if (node.listType === "check") note(this.report, "checklist kept as a bulleted list");
    const items = this.items(node, depth);
    return items.length > 0 ? [{ type: "list", ordered, items }] : [];
  }

  private items(list: Payload, depth: number): Inline[] {
    const items: Inline[] = [];
    for (const item of childrenOf(list)) {
      const children = childrenOf(item);
      const inline = children.filter((c) => typeOf(c) !== "list");
      const text = listItem(this.lines(inline, depth + 1));
      if (text.length > 0) items.push(text);
      for (const nested of children.filter((c) => typeOf(c) === "list")) {
        if (depth + 1 > MAX_DEPTH) continue;
        note(this.report, "nested list flattened");
        items.push(...this.items(nested, depth + 1));
      }
    }
    return items;
  }

  /** The inline content of an element, as lines split at its line breaks. */
  private lines(nodes: readonly Payload[], depth: number): Inline[] {
    const lines = new InlineLines();
    this.inline(lines, nodes, {}, depth);
    return lines.result();
  }

  private inline(lines: InlineLines, nodes: readonly Payload[], marks: Marks, depth: number): void {
    for (const node of nodes) {
      const type = typeOf(node);
      if (depth > MAX_DEPTH) lines.text(plainText(node), marks);
      else if (TEXT_NODES.has(type)) this.text(lines, node, marks);
      else if (type === "linebreak") lines.lineBreak();
      else if (type === "tab") lines.text(" ", marks);
      else if (LINK_NODES.has(type)) this.link(lines, node, marks, depth);
      else if (Array.isArray(node.children)) this.inline(lines, childrenOf(node), marks, depth + 1);
      else if (typeof node.text === "string") lines.text(node.text, marks);
      else note(this.report, `unknown Lexical node "${type.slice(0, 60)}" inside text dropped`);
    }
  }

  private text(lines: InlineLines, node: Payload, marks: Marks): void {
    const text = typeof node.text === "string" ? node.text : "";
    const format = typeof node.format === "number" ? node.format : 0;
    const own: Marks = { ...marks };
    for (const [bit, mark] of FORMAT_BITS) {
      if ((format & bit) === 0) continue;
      if (mark === "bold" || mark === "italic") own[mark] = true;
      else if (text.trim() !== "") noteOtherMark(this.report, mark);
    }
    lines.text(text, own);
  }

  private link(lines: InlineLines, node: Payload, marks: Marks, depth: number): void {
    const children = childrenOf(node);
    if (marks.href !== undefined) {
      this.inline(lines, children, marks, depth + 1); // a link inside a link: the outer one wins
      return;
    }
    const raw = typeof node.url === "string" ? node.url : "";
    const href = ghostHref(raw);
    if (raw.trim() !== "" && href === undefined)
      note(this.report, `link to "${raw.trim().slice(0, 100)}" dropped, its text kept`);
    this.inline(lines, children, href !== undefined ? { ...marks, href } : marks, depth + 1);
  }
}

/** The text of a node and everything inside it, without recursion (for hostile nesting). */
function plainText(node: Payload): string {
  const parts: string[] = [];
  const stack: Payload[] = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (typeof next.text === "string") parts.push(next.text);
    stack.push(...childrenOf(next).reverse());
  }
  return parts.join(" ");
}
