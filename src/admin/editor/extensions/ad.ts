import { Node, type NodeViewRenderer } from "@tiptap/core";
import { NODE } from "../convert.js";
import { dataAttr, numberAttr } from "./inline-block.js";

/** An advertising slot of a fixed size; it holds no text. */
export const Ad = Node.create<{ view: NodeViewRenderer | null }>({
  name: NODE.ad,
  group: "block",
  atom: true,
  selectable: true,
  addOptions: () => ({ view: null }),
  addAttributes: () => ({
    slot: dataAttr("slot", "in-article"),
    width: numberAttr("width", 300),
    height: numberAttr("height", 250),
  }),
  parseHTML: () => [{ tag: 'div[data-block="ad"]' }],
  renderHTML: ({ HTMLAttributes }) => ["div", { ...HTMLAttributes, "data-block": "ad" }],
  addNodeView() {
    return this.options.view;
  },
});
