// The editor's keyboard shortcuts that work anywhere on the screen.

import type { Editor } from "@tiptap/core";
import { useEffect } from "preact/hooks";
import { toast } from "../lib/toast.js";

/** The modifier key as this computer's keyboard labels it. */
export const MOD =
  typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl+";

/** Ctrl/Cmd+S saves now; Ctrl/Cmd+K links the selection in the body. */
export function useEditorKeys({
  editor,
  readOnly,
  saveNow,
  openLink,
}: {
  editor: Editor | null;
  readOnly: boolean;
  saveNow: () => Promise<boolean>;
  openLink: () => void;
}): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === "s") {
        event.preventDefault();
        if (!readOnly) void saveNow().then((ok) => ok && toast("Saved"));
      } else if (
        key === "k" &&
        editor &&
        editor.view.dom.contains(document.activeElement) &&
        !readOnly
      ) {
        event.preventDefault();
        openLink();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [editor, readOnly, saveNow, openLink]);
}
