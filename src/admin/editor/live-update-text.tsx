// The live composer's text field: a small TipTap editor on the body editor's extensions, toolbar
// and conversion (a subset: paragraphs, headings, lists, dividers; bold, italic, links), so an
// update is written as blocks, and an update being edited opens with its formatting. It lives in
// the editor screen's chunk, which already carries TipTap for the body.
import { Editor, getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { Block } from "../../content/index.js";
import { blocksToDoc, docToBlocks } from "./convert.js";
import { liveUpdateExtensions } from "./extensions/index.js";
import { CompactToolbar, LinkDialog } from "./toolbar.js";

let schema: Schema | null = null;

/**
 * Whether the composer can hold these blocks for editing: an update posted through the API with
 * an image or a quote cannot be edited here without losing them, so it is not offered.
 */
export function fitsComposer(body: readonly Block[]): boolean {
  schema ??= getSchema(liveUpdateExtensions());
  try {
    schema.nodeFromJSON(blocksToDoc(body)).check();
    return true;
  } catch {
    return false;
  }
}

/** What the composer does with its text: read it as blocks, load an update's, empty it. */
export interface UpdateText {
  blocks: () => Block[];
  load: (body: readonly Block[]) => void;
  clear: () => void;
}

/** Wraps an editor as the composer's text. */
function updateText(editor: Editor): UpdateText {
  return {
    blocks: () => docToBlocks(editor.getJSON()).blocks,
    load: (body) => {
      editor.commands.setContent(blocksToDoc(body), { emitUpdate: false });
      editor.commands.focus("end");
    },
    clear: () => {
      editor.commands.clearContent(false);
    },
  };
}

/**
 * The labelled editor with its toolbar and link dialog. `onReady` gets the text once the editor
 * exists, and null when it is gone (the form is hidden when coverage ends).
 */
export function LiveUpdateText({
  label,
  onReady,
}: {
  label: string;
  onReady: (text: UpdateText | null) => void;
}) {
  const mount = useRef<HTMLDivElement>(null);
  const labelId = useId();
  const [editor, setEditor] = useState<Editor | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  useEffect(() => {
    if (!mount.current) return;
    const instance = new Editor({
      element: mount.current,
      extensions: liveUpdateExtensions(),
      content: blocksToDoc([]),
      editorProps: {
        attributes: {
          class: "prose live-composer-text",
          role: "textbox",
          "aria-multiline": "true",
          "aria-labelledby": labelId,
          spellcheck: "true",
        },
        // Ctrl/Cmd+K links the selection, as in the body.
        handleKeyDown: (_view, event) => {
          if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== "k")
            return false;
          event.preventDefault();
          setLinkOpen(true);
          return true;
        },
      },
    });
    setEditor(instance);
    onReady(updateText(instance));
    return () => {
      onReady(null);
      instance.destroy();
    };
  }, []);

  return (
    <div class="field">
      <span class="field-label" id={labelId}>
        {label}
      </span>
      {editor ? (
        <CompactToolbar
          editor={editor}
          label="Update formatting"
          onLink={() => setLinkOpen(true)}
        />
      ) : null}
      <div ref={mount} class="live-composer-editor" />
      {editor ? (
        <LinkDialog
          key={String(linkOpen)}
          editor={editor}
          open={linkOpen}
          onClose={() => setLinkOpen(false)}
        />
      ) : null}
    </div>
  );
}
