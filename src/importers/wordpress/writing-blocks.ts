// HTML tables and preformatted text into Masthead's table and code blocks (issue 14). Markup the
// typed block cannot hold exactly is not squeezed into it: the caller keeps it as sanitized
// legacy HTML, so nothing an author wrote is lost, and the reason is named in the report.
import {
  CODE_BLOCK_MAX,
  type CodeBlock,
  CodeBlockSchema,
  type Inline,
  inlineText,
  TABLE_MAX_CELLS,
  TABLE_MAX_COLUMNS,
  type TableBlock,
  TableBlockSchema,
} from "../../content/index.js";
import type { ConvertedBlock } from "./converted.js";
import { type DomElement, type DomNode, isElement, isText } from "./dom.js";
import { joinInline } from "./inline-runs.js";

/** A typed block, or why the markup stays legacy HTML (said in the import report). */
export type Typed<B> = { block: B } | { fallback: string };

/** Reads a cell's (or caption's) children as blocks, the way the rest of the content is read. */
export type ReadNodes = (nodes: readonly DomNode[]) => ConvertedBlock[];

const elements = (nodes: readonly DomNode[]) => nodes.filter(isElement);
const blank = (node: DomNode) => isText(node) && node.data.trim() === "";

/** Whether an element is of a class (WordPress marks its blocks' markup with classes). */
export function hasClass(el: DomElement | null | undefined, name: string): boolean {
  return (el?.attribs.class ?? "").split(/\s+/).includes(name);
}

/**
 * The inline text of blocks read from a cell or caption, or undefined when they hold more than
 * text (an image, a list, a video): a table cell is a line of rich text and nothing else.
 */
function textOnly(blocks: readonly ConvertedBlock[]): Inline | undefined {
  const parts: Inline[] = [];
  for (const b of blocks) {
    if (b.type === "paragraph" || b.type === "heading") parts.push(b.content);
    else return undefined;
  }
  return joinInline(parts);
}

interface Rows {
  head: DomElement[];
  body: DomElement[];
  foot: DomElement[];
  caption?: DomElement;
}

/** A table's rows by section, or why they cannot be read as a grid. */
function rowsOf(table: DomElement): Rows | string {
  const rows: Rows = { head: [], body: [], foot: [] };
  for (const child of table.children) {
    if (blank(child) || (!isElement(child) && !isText(child))) continue;
    if (!isElement(child)) return "text outside its cells";
    const section = child.name === "thead" ? "head" : child.name === "tfoot" ? "foot" : "body";
    if (child.name === "caption") rows.caption = child;
    else if (child.name === "colgroup" || child.name === "col") continue;
    else if (child.name === "tr") rows.body.push(child);
    else if (child.name === "thead" || child.name === "tbody" || child.name === "tfoot") {
      for (const row of child.children) {
        if (blank(row) || (!isElement(row) && !isText(row))) continue;
        if (!isElement(row) || row.name !== "tr") return "text outside its rows";
        rows[section].push(row);
      }
    } else return `a <${child.name}> inside it`;
  }
  return rows;
}

/** Whether a cell spans more than one column or row (`colspan="1"` is the default). */
function merged(cell: DomElement): boolean {
  return ["colspan", "rowspan"].some((name) => {
    const value = cell.attribs[name]?.trim();
    return value !== undefined && value !== "" && value !== "1";
  });
}

/** Whether a subtree holds another table (read as a grid of its own, it would be lost). */
function holdsTable(nodes: readonly DomNode[]): boolean {
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (node.name === "table") return true;
    stack.push(...node.children);
  }
  return false;
}

/**
 * A table block for a `<table>`, or why it stays HTML: merged cells (colspan/rowspan), rows of
 * different lengths, headers anywhere but the first row, a cell holding more than text, a
 * table inside a cell, or more than TABLE_MAX_COLUMNS columns or TABLE_MAX_CELLS cells. The
 * caption is the figure's `<figcaption>` (`caption`) or the table's own `<caption>`.
 */
export function tableOf(
  table: DomElement,
  figcaption: DomElement | undefined,
  read: ReadNodes,
): Typed<TableBlock> {
  const rows = rowsOf(table);
  if (typeof rows === "string") return { fallback: rows };
  if (rows.head.length > 1) return { fallback: "more than one header row" };
  const all = [...rows.head, ...rows.body, ...rows.foot];
  if (all.length === 0) return { fallback: "no rows" };
  const grid: DomElement[][] = [];
  for (const row of all) {
    const cells: DomElement[] = [];
    for (const node of row.children) {
      if (blank(node) || (!isElement(node) && !isText(node))) continue;
      if (!isElement(node) || (node.name !== "td" && node.name !== "th"))
        return { fallback: "text outside its cells" };
      cells.push(node);
    }
    grid.push(cells);
  }
  const width = grid[0]!.length;
  if (grid.some((cells) => cells.some(merged)))
    return { fallback: "merged cells (colspan or rowspan), which the table block cannot show" };
  if (grid.some((cells) => cells.length !== width))
    return { fallback: "rows of different lengths" };
  if (width === 0) return { fallback: "no cells" };
  if (width > TABLE_MAX_COLUMNS)
    return { fallback: `${width} columns (a table block holds at most ${TABLE_MAX_COLUMNS})` };
  if (width * grid.length > TABLE_MAX_CELLS)
    return {
      fallback: `${width * grid.length} cells (a table block holds at most ${TABLE_MAX_CELLS})`,
    };
  // The table block's only header is its first row: a header column (th further down) or a
  // thead that is not first cannot be shown, so such a table keeps its markup.
  const headerRow =
    rows.head.length === 1 || (grid[0]!.length > 0 && grid[0]!.every((c) => c.name === "th"));
  if (grid.slice(headerRow ? 1 : 0).some((cells) => cells.some((c) => c.name === "th")))
    return { fallback: "header cells beside the first row" };
  const cellRows: Inline[][] = [];
  for (const cells of grid) {
    const row: Inline[] = [];
    for (const cell of cells) {
      if (holdsTable(cell.children)) return { fallback: "a table inside a cell" };
      const text = textOnly(read(cell.children));
      if (text === undefined) return { fallback: "a cell holding more than text" };
      row.push(text);
    }
    cellRows.push(row);
  }
  const captionEl = figcaption ?? rows.caption;
  const caption = captionEl ? textOnly(read(captionEl.children)) : [];
  if (caption === undefined) return { fallback: "a caption holding more than text" };
  // A table's caption is plain text: a caption naming its source by a link keeps its markup.
  if (caption.some((r) => r.href !== undefined)) return { fallback: "a link in its caption" };
  const captionText = inlineText(caption).trim();
  const block: TableBlock = {
    type: "table",
    headerRow,
    rows: cellRows,
    ...(captionText !== "" ? { caption: captionText } : {}),
  };
  const parsed = TableBlockSchema.safeParse(block);
  if (!parsed.success) return { fallback: parsed.error.issues[0]?.message ?? "refused" };
  return { block: parsed.data };
}

// Inside a code block only the text counts: syntax highlighters wrap tokens in <span>, and <br>
// is a line break. Anything else (a link, emphasis in a preformatted poem) would be lost.
const CODE_TEXT_ELEMENTS = new Set(["code", "span", "kbd", "samp", "var", "tt"]);

/** The language a class list names: language-x, lang-x (Prism, highlight.js), brush: x (SyntaxHighlighter). */
function languageOf(...els: (DomElement | undefined)[]): string | undefined {
  for (const el of els) {
    const cls = el?.attribs.class ?? "";
    const match =
      /(?:^|\s)(?:language|lang)-([A-Za-z0-9+#._-]{1,40})(?:\s|$)/.exec(cls) ??
      /(?:^|\s)brush:\s*([A-Za-z0-9+#._-]{1,40})/.exec(cls);
    if (match) return match[1]!.toLowerCase();
  }
  return undefined;
}

/**
 * Code blocks for a `<pre>` (with or without `<code>` inside), whitespace exactly as written, or
 * why it stays HTML: markup a code block cannot show (links, emphasis, images). `shortcodeText`
 * puts back the text of a shortcode the importer took out before parsing (code shows
 * `[gallery]` as written). See codeBlocksOf for what the text becomes.
 */
export function codeOf(
  pre: DomElement,
  shortcodeText: (el: DomElement) => string | undefined,
): Typed<CodeBlock[]> {
  const parts: string[] = [];
  const stack: DomNode[] = [...pre.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node)) {
      parts.push(node.data);
      continue;
    }
    if (!isElement(node)) continue;
    const raw = shortcodeText(node);
    if (raw !== undefined) parts.push(raw);
    else if (node.name === "br") parts.push("\n");
    else if (CODE_TEXT_ELEMENTS.has(node.name))
      for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i]!);
    else return { fallback: `a <${node.name}> inside it, which a code block cannot show` };
  }
  // HTML drops a newline right after <pre>.
  const code = parts.join("").replace(/^\r?\n/, "");
  const first = elements(pre.children);
  const inner = first.length === 1 && first[0]!.name === "code" ? first[0] : undefined;
  return codeBlocksOf(code, languageOf(pre, inner));
}

/** Text cut into pieces of at most `max` characters at line ends (a longer line is cut itself). */
function splitLines(text: string, max: number): string[] {
  const pieces: string[] = [];
  let piece: string | undefined;
  for (let line of text.split("\n")) {
    while (line.length > max) {
      // Never between the halves of a surrogate pair.
      const cut = /[\uDC00-\uDFFF]/.test(line[max] ?? "") ? max - 1 : max;
      if (piece !== undefined) pieces.push(piece);
      pieces.push(line.slice(0, cut));
      piece = undefined;
      line = line.slice(cut);
    }
    if (piece === undefined) piece = line;
    else if (piece.length + 1 + line.length > max) {
      pieces.push(piece);
      piece = line;
    } else piece = `${piece}\n${line}`;
  }
  if (piece !== undefined) pieces.push(piece);
  return pieces;
}

/**
 * Code blocks for source text: line ends made \n, the newlines closing the last line dropped;
 * none when it is blank. Code longer than CODE_BLOCK_MAX is split at line ends into consecutive
 * blocks (nothing is cut away), which a caller notes when it gets more than one.
 */
export function codeBlocksOf(text: string, rawLanguage?: string): Typed<CodeBlock[]> {
  const code = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  if (code.trim() === "") return { block: [] };
  // A label the block refuses (a space, a long plugin name) is left off: the code is what counts.
  const trimmed = rawLanguage?.trim() ?? "";
  const language = /^[A-Za-z0-9+#._-]{1,40}$/.test(trimmed) ? trimmed : undefined;
  const blocks: CodeBlock[] = [];
  for (const piece of code.length > CODE_BLOCK_MAX ? splitLines(code, CODE_BLOCK_MAX) : [code]) {
    if (piece.trim() === "") continue;
    const parsed = CodeBlockSchema.safeParse({
      type: "code",
      code: piece,
      ...(language ? { language } : {}),
    });
    if (!parsed.success) return { fallback: parsed.error.issues[0]?.message ?? "refused" };
    blocks.push(parsed.data);
  }
  return { block: blocks };
}

/** The note for code split over several code blocks. */
export function splitCodeNote(count: number): string {
  return `code longer than a code block may be (${CODE_BLOCK_MAX} characters) split into ${count} code blocks`;
}
