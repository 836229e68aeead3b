import { Node, type NodeViewRenderer } from "@tiptap/core";
import { NODE } from "../convert.js";
import { exitToParagraphAfter, INLINE_MARKS } from "./inline-block.js";

/** A sentence of the article repeated large: one line of text, no speaker (see Quote). */
export const PullQuote = Node.create<{ view: NodeViewRenderer | null }>({
  name: NODE.pullquote,
  group: "block",
  content: "text*",
  marks: INLINE_MARKS,
  defining: true,
  isolating: true,
  addOptions: () => ({ view: null }),
  parseHTML: () => [{ tag: 'aside[data-block="pullquote"]' }],
  renderHTML: () => ["aside", { "data-block": "pullquote" }, 0],
  addNodeView() {
    return this.options.view;
  },
  addKeyboardShortcuts() {
    return { Enter: () => exitToParagraphAfter(this.editor, this.name) };
  },
});
