// The block editor's serialization: blocks are delimited by HTML comments
// `<!-- wp:name {"json":"attrs"} -->…<!-- /wp:name -->` or self-closing `<!-- wp:name /-->`;
// `core/` is implied when no namespace is written; HTML between top-level blocks is "freeform"
// (classic content). This follows the behaviour of WordPress's default block parser
// (@wordpress/block-serialization-default-parser, and its PHP twin): same tokens, same recovery
// from a missing closer (implicit close at the end) or a stray closer (the rest is freeform).

import { cleanStrings } from "../../content/index.js";

/** One parsed block; `name` is null for freeform HTML. */
export interface ParsedBlock {
  /** "core/paragraph", "core-embed/youtube", "jetpack/slideshow", … or null (freeform). */
  name: string | null;
  attrs: Record<string, unknown>;
  innerBlocks: ParsedBlock[];
  /** The block's own HTML without its inner blocks. */
  innerHTML: string;
  /** The block's own HTML fragments in order, `null` where an inner block sits. */
  innerContent: (string | null)[];
}

// The tokenizer of the default parser. The attribute group emulates an atomic group with a
// lookahead and a back-reference so a long run of "}" cannot make the engine backtrack.
const TOKEN =
  /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+({(?:(?=([^}]+|}+(?=})|(?!}\s+\/?-->)[\s\S])*)\5|[\s\S]*?)}\s+)?(\/)?-->/g;

/** Whether content holds block-editor markup (WordPress's has_blocks()). */
export function hasBlockMarkup(content: string): boolean {
  return content.includes("<!-- wp:");
}

interface Frame {
  block: ParsedBlock;
  tokenStart: number;
  tokenLength: number;
  /** Where the block's own HTML continues (after its opener or its last inner block). */
  prevOffset: number;
  /** Start of freeform HTML before this top-level block, or null. */
  leadingHtmlStart: number | null;
}

type Token =
  | { kind: "none" }
  | {
      kind: "void" | "open" | "close";
      name: string;
      attrs: Record<string, unknown>;
      start: number;
      length: number;
    };

function parseAttrs(json: string | undefined): Record<string, unknown> {
  if (json === undefined) return {};
  try {
    // Its escapes (\u0000) decode to characters the store refuses; an import drops them.
    const value: unknown = cleanStrings(JSON.parse(json));
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function block(name: string | null, attrs: Record<string, unknown>): ParsedBlock {
  return { name, attrs, innerBlocks: [], innerHTML: "", innerContent: [] };
}

function freeform(html: string): ParsedBlock {
  return { name: null, attrs: {}, innerBlocks: [], innerHTML: html, innerContent: [html] };
}

/**
 * The block tree of post content, top-level freeform HTML included, as WordPress's default
 * parser produces it. Never throws: malformed delimiters degrade to freeform HTML.
 */
export function parseBlocks(doc: string): ParsedBlock[] {
  const output: ParsedBlock[] = [];
  const stack: Frame[] = [];
  let offset = 0;
  const tokenizer = new RegExp(TOKEN.source, "g");

  const nextToken = (): Token => {
    const m = tokenizer.exec(doc);
    if (m === null) return { kind: "none" };
    const [whole, closer, namespace, name, attrsJson, , voidSlash] = m;
    const full = (namespace ?? "core/") + name;
    const base = { name: full, start: m.index, length: whole.length };
    if (voidSlash) return { kind: "void", attrs: parseAttrs(attrsJson), ...base };
    if (closer) return { kind: "close", attrs: {}, ...base };
    return { kind: "open", attrs: parseAttrs(attrsJson), ...base };
  };

  const addFreeform = (length = doc.length - offset) => {
    if (length > 0) output.push(freeform(doc.slice(offset, offset + length)));
  };

  const addInnerBlock = (
    inner: ParsedBlock,
    tokenStart: number,
    tokenLength: number,
    lastOffset?: number,
  ) => {
    const parent = stack[stack.length - 1]!;
    parent.block.innerBlocks.push(inner);
    const html = doc.slice(parent.prevOffset, tokenStart);
    if (html !== "") {
      parent.block.innerHTML += html;
      parent.block.innerContent.push(html);
    }
    parent.block.innerContent.push(null);
    parent.prevOffset = lastOffset ?? tokenStart + tokenLength;
  };

  const addBlockFromStack = (endOffset?: number) => {
    const frame = stack.pop()!;
    const html = doc.slice(frame.prevOffset, endOffset);
    if (html !== "") {
      frame.block.innerHTML += html;
      frame.block.innerContent.push(html);
    }
    if (frame.leadingHtmlStart !== null)
      output.push(freeform(doc.slice(frame.leadingHtmlStart, frame.tokenStart)));
    output.push(frame.block);
  };

  for (;;) {
    const token = nextToken();
    const depth = stack.length;
    if (token.kind === "none") {
      if (depth === 0) addFreeform();
      // Missing closers: every open block is closed at the end of the document.
      while (stack.length > 0) addBlockFromStack();
      return output;
    }
    const leadingHtmlStart = token.start > offset ? offset : null;
    switch (token.kind) {
      case "void": {
        const b = block(token.name, token.attrs);
        if (depth === 0) {
          if (leadingHtmlStart !== null)
            output.push(freeform(doc.slice(leadingHtmlStart, token.start)));
          output.push(b);
        } else addInnerBlock(b, token.start, token.length);
        offset = token.start + token.length;
        break;
      }
      case "open":
        stack.push({
          block: block(token.name, token.attrs),
          tokenStart: token.start,
          tokenLength: token.length,
          prevOffset: token.start + token.length,
          leadingHtmlStart,
        });
        offset = token.start + token.length;
        break;
      case "close": {
        if (depth === 0) {
          // A closer with no opener: WordPress gives up and keeps the rest as freeform HTML.
          addFreeform();
          return output;
        }
        if (depth === 1) {
          addBlockFromStack(token.start);
          offset = token.start + token.length;
          break;
        }
        const top = stack.pop()!;
        const html = doc.slice(top.prevOffset, token.start);
        top.block.innerHTML += html;
        top.block.innerContent.push(html);
        top.prevOffset = token.start + token.length;
        addInnerBlock(top.block, top.tokenStart, top.tokenLength, token.start + token.length);
        offset = token.start + token.length;
        break;
      }
    }
  }
}

/**
 * A block's HTML with its inner blocks' HTML put back where they sat (comments left out).
 * Iterative: hostile content may nest blocks thousands deep.
 */
export function fullHtml(root: ParsedBlock): string {
  const out: string[] = [];
  const stack = [{ block: root, part: 0, inner: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.part >= top.block.innerContent.length) {
      stack.pop();
      continue;
    }
    const part = top.block.innerContent[top.part];
    top.part += 1;
    if (part !== null && part !== undefined) out.push(part);
    else {
      const inner = top.block.innerBlocks[top.inner];
      top.inner += 1;
      if (inner) stack.push({ block: inner, part: 0, inner: 0 });
    }
  }
  return out.join("");
}
