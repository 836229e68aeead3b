import { Node, type NodeViewRenderer } from "@tiptap/core";
import { NODE } from "../convert.js";
import { dataAttr, exitToParagraphAfter, INLINE_MARKS } from "./inline-block.js";

/** A link to a tracker; the node's text is the sentence that introduces it. */
export const Tracker = Node.create<{ view: NodeViewRenderer | null }>({
  name: NODE.tracker,
  group: "block",
  content: "text*",
  marks: INLINE_MARKS,
  defining: true,
  isolating: true,
  addOptions: () => ({ view: null }),
  addAttributes: () => ({ trackerId: dataAttr("trackerId") }),
  parseHTML: () => [{ tag: 'div[data-block="tracker"]' }],
  renderHTML: ({ HTMLAttributes }) => ["div", { ...HTMLAttributes, "data-block": "tracker" }, 0],
  addNodeView() {
    return this.options.view;
  },
  addKeyboardShortcuts() {
    return { Enter: () => exitToParagraphAfter(this.editor, this.name) };
  },
});
