// The TipTap editor of the article body: made once per screen, destroyed with it.

import { Editor } from "@tiptap/core";
import type { RefObject } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Block } from "../../content/index.js";
import { blocksToDoc } from "./convert.js";
import type { EditorEnv } from "./env.js";
import { editorExtensions } from "./extensions/index.js";
import type { SlashController } from "./extensions/slash.js";
import { blockViews } from "./views/index.js";

/** Mounts the body editor in `mount`; null until it exists. */
export function useBodyEditor({
  mount,
  env,
  slash,
  body,
  readOnly,
  onChange,
  onReady,
}: {
  mount: RefObject<HTMLDivElement>;
  env: EditorEnv;
  slash: SlashController;
  body: readonly Block[];
  readOnly: boolean;
  /** Every change to the document (read through a ref: the editor outlives renders). */
  onChange: () => void;
  /** Once, when the editor exists and `env.editor` is set. */
  onReady: (editor: Editor) => void;
}): Editor | null {
  const [editor, setEditor] = useState<Editor | null>(null);
  // The TipTap editor lives as long as this screen.
  useEffect(() => {
    if (!mount.current) return;
    const instance = new Editor({
      element: mount.current,
      extensions: editorExtensions(blockViews(env), slash),
      content: blocksToDoc(body),
      editable: !readOnly,
      editorProps: {
        attributes: {
          class: "prose",
          "aria-label": "Article body",
          "aria-multiline": "true",
          role: "textbox",
          spellcheck: "true",
        },
      },
      onUpdate: () => onChange(),
    });
    // StarterKit's trailing node adds an empty paragraph after a last block that is not one
    // (an image, a tracker…), but only on a transaction: without this, a freshly opened article
    // ending in such a block has no place to type below it. No update is emitted: the empty
    // paragraph is no change to save (it converts to nothing).
    instance.view.dispatch(instance.state.tr.setMeta("addToHistory", false));
    env.editor = instance;
    onReady(instance);
    setEditor(instance);
    return () => {
      env.editor = null;
      instance.destroy();
    };
  }, []);

  useEffect(() => {
    // Without emitting an update: becoming editable is not a change to save.
    editor?.setEditable(!readOnly, false);
  }, [editor, readOnly]);

  return editor;
}
