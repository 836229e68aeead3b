import { Node, type NodeViewRenderer } from "@tiptap/core";
import { NODE } from "../convert.js";
import { dataAttr } from "./inline-block.js";

/**
 * Imported HTML no block could hold. The editor keeps it exactly as stored and never shows it
 * as live markup (its view previews the text); writers convert it by rewriting it as blocks and
 * deleting it. It is not in the insert menus: only an import makes one.
 */
export const LegacyHtml = Node.create<{ view: NodeViewRenderer | null }>({
  name: NODE.html,
  group: "block",
  atom: true,
  selectable: true,
  addOptions: () => ({ view: null }),
  addAttributes: () => ({
    html: dataAttr("html"),
    reason: dataAttr("reason"),
  }),
  // Copy and paste within the editor keeps the block (the site sanitizes it again on render).
  parseHTML: () => [{ tag: 'div[data-block="legacy-html"]' }],
  renderHTML: ({ HTMLAttributes }) => ["div", { ...HTMLAttributes, "data-block": "legacy-html" }],
  addNodeView() {
    return this.options.view;
  },
});
