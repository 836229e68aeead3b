import { Extension } from "@tiptap/core";
import { Plugin } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

/** Hint shown in the empty paragraph that has the cursor. */
export const PARAGRAPH_HINT = "Write, or type / to insert a quote, image, video…";

/**
 * Grey hints in empty paragraphs and headings (shown with CSS from `data-placeholder`), so a
 * writer facing an empty body knows what to do. Blocks with their own text fields show their
 * own hints in their views.
 */
export const Placeholders = Extension.create({
  name: "placeholders",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          decorations: (state) => {
            const decorations: Decoration[] = [];
            const { $from } = state.selection;
            const onlyChild = state.doc.childCount === 1;
            state.doc.descendants((node, pos) => {
              if (!node.isTextblock) return true;
              if (node.content.size > 0) return false;
              const name = node.type.name;
              const here = $from.parent === node;
              let hint: string | null = null;
              if (name === "heading") hint = "Heading";
              else if (name === "paragraph" && (here || onlyChild)) hint = PARAGRAPH_HINT;
              if (hint)
                decorations.push(
                  Decoration.node(pos, pos + node.nodeSize, {
                    class: "is-empty",
                    "data-placeholder": hint,
                  }),
                );
              return false;
            });
            return DecorationSet.create(state.doc, decorations);
          },
        },
      }),
    ];
  },
});
