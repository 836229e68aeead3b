import { Extension } from "@tiptap/core";
import { type EditorState, Plugin, PluginKey } from "@tiptap/pm/state";

/** Where the "/command" being typed is, and what follows the slash. */
export interface SlashState {
  active: boolean;
  query: string;
  from: number;
  to: number;
}

/** The slash menu's keyboard: the menu UI sets onKey while it shows choices. */
export interface SlashController {
  onKey: ((event: KeyboardEvent) => boolean) | null;
}

export const slashKey = new PluginKey<{ dismissedAt: number | null }>("slash");

const INACTIVE: SlashState = { active: false, query: "", from: 0, to: 0 };

/**
 * The slash command the caret is in: a top-level paragraph whose text before the caret is
 * "/" and a short word, not dismissed with Escape.
 */
export function slashState(state: EditorState): SlashState {
  const { selection } = state;
  if (!selection.empty) return INACTIVE;
  const { $from } = selection;
  if ($from.depth !== 1 || $from.parent.type.name !== "paragraph") return INACTIVE;
  const before = $from.parent.textBetween(0, $from.parentOffset, "\n", "\n");
  const match = /^\/([a-z0-9]{0,20})$/i.exec(before);
  if (!match) return INACTIVE;
  const from = $from.start();
  if (slashKey.getState(state)?.dismissedAt === from) return INACTIVE;
  return { active: true, query: match[1] ?? "", from, to: $from.pos };
}

/** Typing "/" at the start of an empty line opens the block menu (see SlashMenu). */
export const SlashCommands = Extension.create<{ controller: () => SlashController }>({
  name: "slashCommands",
  // A getter, not the object: TipTap deep-copies plain option objects, and the menu must share it.
  addOptions: () => ({ controller: () => ({ onKey: null }) }),
  addProseMirrorPlugins() {
    const controller = this.options.controller();
    return [
      new Plugin<{ dismissedAt: number | null }>({
        key: slashKey,
        state: {
          init: () => ({ dismissedAt: null }),
          apply(tr, value) {
            const meta = tr.getMeta(slashKey) as { dismissedAt: number | null } | undefined;
            if (meta) return meta;
            // Typing again after Escape (a changed line) opens the menu again.
            return tr.docChanged ? { dismissedAt: null } : value;
          },
        },
        props: {
          handleKeyDown(view, event) {
            if (!slashState(view.state).active || !controller.onKey) return false;
            if (event.key === "Escape") {
              view.dispatch(
                view.state.tr.setMeta(slashKey, {
                  dismissedAt: view.state.selection.$from.start(),
                }),
              );
              return true;
            }
            return controller.onKey(event);
          },
        },
      }),
    ];
  },
});
