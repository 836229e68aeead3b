import { Node } from "@tiptap/core";
import { NODE } from "../convert.js";

/**
 * A list item holding one paragraph: Masthead lists do not nest, so the editor does not offer
 * what the content model cannot store (the stock list item allows nested lists).
 */
export const ListItem = Node.create({
  name: NODE.listItem,
  content: "paragraph",
  defining: true,
  parseHTML: () => [{ tag: "li" }],
  renderHTML: () => ["li", 0],
  addKeyboardShortcuts() {
    return {
      Enter: () => this.editor.commands.splitListItem(this.name),
      "Shift-Tab": () => this.editor.commands.liftListItem(this.name),
    };
  },
});
