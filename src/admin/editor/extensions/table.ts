// A table block: rows of cells of short rich text. Three nodes (table > row > cell) so the
// writer types in the cells with ProseMirror's own caret, marks and undo; the caption and the
// header row are the table's attributes, set in its view. Tables pasted from Word or Google
// Docs arrive through the same parse rules (paste.ts cleans their markup first).
import { type Editor, Node, type NodeViewRenderer } from "@tiptap/core";
import { Selection, TextSelection } from "@tiptap/pm/state";
import { NODE } from "../convert.js";
import { dataAttr, INLINE_MARKS } from "./inline-block.js";

/** The cell the caret is in: its table's position, row and column, or null. */
export function cellAt(editor: Editor): { tablePos: number; row: number; col: number } | null {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth >= 2; depth--) {
    if ($from.node(depth).type.name === NODE.tableCell)
      return {
        tablePos: $from.before(depth - 2),
        row: $from.index(depth - 2),
        col: $from.index(depth - 1),
      };
  }
  return null;
}

/** Moves the caret to the next cell; at the last one, adds a row (Tab and Enter in a cell). */
function nextCell(editor: Editor): boolean {
  const at = cellAt(editor);
  if (!at) return false;
  const { state, view } = editor;
  const { $from } = state.selection;
  const table = state.doc.nodeAt(at.tablePos);
  if (!table) return false;
  const found = Selection.findFrom(state.doc.resolve($from.after()), 1, true);
  const end = at.tablePos + table.nodeSize;
  if (found && found.from < end) {
    view.dispatch(state.tr.setSelection(found).scrollIntoView());
    return true;
  }
  const width = table.lastChild?.childCount ?? 1;
  const row = state.schema.nodes[NODE.tableRow]!.create(
    null,
    Array.from({ length: width }, () => state.schema.nodes[NODE.tableCell]!.create()),
  );
  const tr = state.tr.insert(end - 1, row);
  tr.setSelection(TextSelection.create(tr.doc, end + 1)).scrollIntoView();
  view.dispatch(tr);
  return true;
}

/** At a cell's edge, Backspace and Delete stop there: joining cells would break the grid. */
function atCellEdge(editor: Editor, edge: "start" | "end"): boolean {
  const { selection } = editor.state;
  const { $from } = selection;
  if (!selection.empty || $from.parent.type.name !== NODE.tableCell) return false;
  return edge === "start"
    ? $from.parentOffset === 0
    : $from.parentOffset === $from.parent.content.size;
}

export const TableCell = Node.create({
  name: NODE.tableCell,
  content: "text*",
  marks: INLINE_MARKS,
  isolating: true,
  parseHTML: () => [{ tag: "td" }, { tag: "th" }],
  renderHTML: () => ["td", 0],
  addKeyboardShortcuts() {
    return {
      Tab: () => nextCell(this.editor),
      Enter: () => nextCell(this.editor),
      Backspace: () => atCellEdge(this.editor, "start"),
      Delete: () => atCellEdge(this.editor, "end"),
    };
  },
});

export const TableRow = Node.create({
  name: NODE.tableRow,
  content: `${NODE.tableCell}+`,
  parseHTML: () => [{ tag: "tr" }],
  renderHTML: () => ["tr", 0],
});

export const Table = Node.create<{ view: NodeViewRenderer | null }>({
  name: NODE.table,
  group: "block",
  content: `${NODE.tableRow}+`,
  isolating: true,
  addOptions: () => ({ view: null }),
  addAttributes: () => ({
    caption: {
      ...dataAttr("caption"),
      // A pasted table's own <caption> (its element is skipped below, so its words are not cells).
      parseHTML: (el: HTMLElement) =>
        el.getAttribute("data-caption") ?? el.querySelector("caption")?.textContent?.trim() ?? "",
    },
    headerRow: {
      default: false,
      parseHTML: (el: HTMLElement) =>
        el.hasAttribute("data-header-row") ||
        el.querySelector("thead") !== null ||
        el.querySelector("tr")?.firstElementChild?.tagName === "TH",
      renderHTML: (attrs: Record<string, unknown>) =>
        attrs.headerRow ? { "data-header-row": "" } : {},
    },
  }),
  parseHTML: () => [{ tag: "table" }, { tag: "caption", ignore: true }],
  renderHTML: ({ HTMLAttributes }) => [
    "table",
    { ...HTMLAttributes, "data-block": "table" },
    ["tbody", 0],
  ],
  addNodeView() {
    return this.options.view;
  },
});
