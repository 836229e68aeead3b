import { Node, type NodeViewRenderer } from "@tiptap/core";
import { NODE } from "../convert.js";
import { dataAttr, exitToParagraphAfter, INLINE_MARKS } from "./inline-block.js";

/** A third-party video; the node's text is its caption, the rest are attributes. */
export const Video = Node.create<{ view: NodeViewRenderer | null }>({
  name: NODE.video,
  group: "block",
  content: "text*",
  marks: INLINE_MARKS,
  defining: true,
  isolating: true,
  addOptions: () => ({ view: null }),
  addAttributes: () => ({
    provider: dataAttr("provider", "youtube"),
    videoId: dataAttr("videoId"),
    url: dataAttr("url"),
    title: dataAttr("title"),
    sourceName: dataAttr("sourceName"),
    sourceUrl: dataAttr("sourceUrl"),
  }),
  parseHTML: () => [{ tag: 'figure[data-block="video"]' }],
  renderHTML: ({ HTMLAttributes }) => ["figure", { ...HTMLAttributes, "data-block": "video" }, 0],
  addNodeView() {
    return this.options.view;
  },
  addKeyboardShortcuts() {
    return { Enter: () => exitToParagraphAfter(this.editor, this.name) };
  },
});
