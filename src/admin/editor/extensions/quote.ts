import { Node, type NodeViewRenderer } from "@tiptap/core";
import { NODE } from "../convert.js";
import { dataAttr, exitToParagraphAfter, INLINE_MARKS } from "./inline-block.js";

/** A quotation: its words are the node's text; who said it and where are attributes. */
export const Quote = Node.create<{ view: NodeViewRenderer | null }>({
  name: NODE.quote,
  group: "block",
  content: "text*",
  marks: INLINE_MARKS,
  defining: true,
  isolating: true,
  addOptions: () => ({ view: null }),
  addAttributes: () => ({
    speaker: dataAttr("speaker"),
    setting: dataAttr("setting"),
    sourceUrl: dataAttr("sourceUrl"),
  }),
  parseHTML: () => [{ tag: 'blockquote[data-block="quote"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    "blockquote",
    { ...HTMLAttributes, "data-block": "quote" },
    0,
  ],
  addNodeView() {
    return this.options.view;
  },
  addKeyboardShortcuts() {
    return { Enter: () => exitToParagraphAfter(this.editor, this.name) };
  },
});
