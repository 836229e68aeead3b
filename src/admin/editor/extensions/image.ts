import { Node, type NodeViewRenderer } from "@tiptap/core";
import { NODE } from "../convert.js";
import { dataAttr, exitToParagraphAfter, INLINE_MARKS } from "./inline-block.js";

/** An image from the media library; the node's text is its caption. */
export const Image = Node.create<{ view: NodeViewRenderer | null }>({
  name: NODE.image,
  group: "block",
  content: "text*",
  marks: INLINE_MARKS,
  defining: true,
  isolating: true,
  addOptions: () => ({ view: null }),
  addAttributes: () => ({ mediaId: dataAttr("mediaId"), alt: dataAttr("alt") }),
  parseHTML: () => [{ tag: 'figure[data-block="image"]' }],
  renderHTML: ({ HTMLAttributes }) => ["figure", { ...HTMLAttributes, "data-block": "image" }, 0],
  addNodeView() {
    return this.options.view;
  },
  addKeyboardShortcuts() {
    return { Enter: () => exitToParagraphAfter(this.editor, this.name) };
  },
});
