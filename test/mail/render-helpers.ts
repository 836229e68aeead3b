// Reading a rendered email the way a client would: parsed, not matched with regular expressions.
import { type ChildNode, type Element, isTag, isText } from "domhandler";
import { parseDocument } from "htmlparser2";
import type { EmailPublication } from "../../src/mail/render/index.js";

export const publication: EmailPublication = {
  name: "Zany Progressive",
  publicUrl: "https://news.example.org",
  language: "en",
};

export const newsletter = { name: "The Daily Brief" };

const parsed = new Map<string, Element[]>();

/**
 * Every element of the document, in document order. One parse per document, so elements found
 * by different calls on the same HTML are the same objects (see `contains`).
 */
export function elements(html: string): Element[] {
  const cached = parsed.get(html);
  if (cached) return cached;
  const out: Element[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (isTag(node)) {
        out.push(node);
        walk(node.children);
      }
    }
  };
  walk(parseDocument(html).children);
  parsed.set(html, out);
  return out;
}

/** The elements named `tag` (and, when given, with `cls` among their classes). */
export function byTag(html: string, tag: string, cls?: string): Element[] {
  return elements(html).filter(
    (e) =>
      e.name === tag && (cls === undefined || (e.attribs.class ?? "").split(/\s+/).includes(cls)),
  );
}

/** The elements with `cls` among their classes. */
export function byClass(html: string, cls: string): Element[] {
  return elements(html).filter((e) => (e.attribs.class ?? "").split(/\s+/).includes(cls));
}

const BLOCKS = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "li",
  "tr",
  "td",
  "th",
  "caption",
  "div",
  "br",
]);

/** The text inside a node as a reader sees it: entities decoded, blocks apart, spaces collapsed. */
export function textOf(node: ChildNode): string {
  const parts: string[] = [];
  const walk = (n: ChildNode) => {
    if (isText(n)) parts.push(n.data);
    else if (isTag(n)) {
      for (const c of n.children) walk(c);
      if (BLOCKS.has(n.name)) parts.push(" ");
    }
  };
  walk(node);
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** Whether `ancestor` contains `node`. */
export function contains(ancestor: Element, node: ChildNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}
