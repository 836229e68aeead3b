import type { Editor } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";

/**
 * Enter inside a block whose text is one line (a quotation, a caption, a tracker's intro) must
 * not split the block in two: it moves to a new paragraph after it instead. Returns false when
 * the cursor is not in a node named `name`, so other Enter handlers run.
 */
export function exitToParagraphAfter(editor: Editor, name: string): boolean {
  const { state, view } = editor;
  const { $from } = state.selection;
  if ($from.parent.type.name !== name) return false;
  const after = $from.after();
  const paragraph = state.schema.nodes.paragraph;
  if (!paragraph) return false;
  const next = state.doc.resolve(after).nodeAfter;
  // An empty paragraph already follows (often the trailing one): continue there.
  const tr =
    next?.type === paragraph && next.content.size === 0
      ? state.tr
      : state.tr.insert(after, paragraph.create());
  tr.setSelection(TextSelection.create(tr.doc, after + 1)).scrollIntoView();
  view.dispatch(tr);
  return true;
}

/** Marks allowed in short rich text (captions, intros, quotations). */
export const INLINE_MARKS = "bold italic link";

const dataName = (attr: string) => `data-${attr.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * A string attribute kept in a `data-` attribute of the node's HTML (e.g. sourceUrl in
 * data-source-url), so blocks survive copy and paste within the editor.
 */
export const dataAttr = (attr: string, fallback = "") => ({
  default: fallback,
  parseHTML: (el: HTMLElement) => el.getAttribute(dataName(attr)) ?? fallback,
  renderHTML: (attrs: Record<string, unknown>) =>
    attrs[attr] ? { [dataName(attr)]: String(attrs[attr]) } : {},
});

/** A positive number attribute kept in a `data-` attribute of the node's HTML. */
export const numberAttr = (attr: string, fallback: number) => ({
  default: fallback,
  parseHTML: (el: HTMLElement) => {
    const value = Number(el.getAttribute(dataName(attr)));
    return Number.isFinite(value) && value > 0 ? value : fallback;
  },
  renderHTML: (attrs: Record<string, unknown>) => ({ [dataName(attr)]: String(attrs[attr]) }),
});
