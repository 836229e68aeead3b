import { Node, type NodeViewRenderer } from "@tiptap/core";
import { NODE } from "../convert.js";
import { dataAttr } from "./inline-block.js";

/** The author's opinion: rich paragraphs inside a labelled box. */
export const Commentary = Node.create<{ view: NodeViewRenderer | null }>({
  name: NODE.commentary,
  group: "block",
  content: "paragraph+",
  defining: true,
  addOptions: () => ({ view: null }),
  addAttributes: () => ({ label: dataAttr("label") }),
  parseHTML: () => [{ tag: 'aside[data-block="commentary"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    "aside",
    { ...HTMLAttributes, "data-block": "commentary" },
    0,
  ],
  addNodeView() {
    return this.options.view;
  },
});
