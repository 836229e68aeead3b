import { Node, type NodeViewRenderer } from "@tiptap/core";
import { NODE } from "../convert.js";
import { dataAttr, exitToParagraphAfter } from "./inline-block.js";

/**
 * Code or other preformatted text: plain text whose spaces and line breaks are kept (Enter is a
 * new line; Mod-Enter leaves the block). A pasted `<pre>` becomes one, keeping its language
 * when its `<code>` carries a `language-*` class.
 */
export const CodeBlock = Node.create<{ view: NodeViewRenderer | null }>({
  name: NODE.code,
  group: "block",
  content: "text*",
  marks: "",
  code: true,
  defining: true,
  isolating: true,
  addOptions: () => ({ view: null }),
  addAttributes: () => ({
    language: {
      ...dataAttr("language"),
      parseHTML: (el: HTMLElement) =>
        el.getAttribute("data-language") ??
        /\blanguage-([A-Za-z0-9+#._-]{1,40})\b/.exec(
          el.querySelector("code")?.className ?? "",
        )?.[1] ??
        "",
    },
  }),
  parseHTML: () => [{ tag: "pre", preserveWhitespace: "full" }],
  renderHTML: ({ HTMLAttributes }) => [
    "pre",
    { ...HTMLAttributes, "data-block": "code" },
    ["code", 0],
  ],
  addNodeView() {
    return this.options.view;
  },
  addKeyboardShortcuts() {
    return { "Mod-Enter": () => exitToParagraphAfter(this.editor, this.name) };
  },
});
