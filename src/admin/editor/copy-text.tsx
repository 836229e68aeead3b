// After a conflict the writer's own text must survive loading the other version: this shows it
// as plain text to copy.

import type { JSONContent } from "@tiptap/core";
import { useState } from "preact/hooks";
import { blockText, inlineText } from "../../content/index.js";
import { Dialog, DialogActions } from "../components/dialog.js";
import { docToBlocks } from "./convert.js";
import type { ArticleMeta } from "./meta.js";

/** The article as plain text: headline, dek and each block's words. */
export function plainTextOf(meta: ArticleMeta, doc: JSONContent): string {
  const body = docToBlocks(doc).blocks;
  return [
    meta.headline,
    meta.dek,
    ...body.map((b) =>
      b.type === "quote" ? `“${inlineText(b.content)}” — ${b.speaker}` : blockText(b),
    ),
  ]
    .filter((t) => t.trim() !== "")
    .join("\n\n");
}

/** Shows the writer's own text with a copy button (after a conflict, before loading theirs). */
export function CopyTextDialog({ text, onClose }: { text: string; onClose: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <Dialog
      open
      title="Your text"
      description="Copy it somewhere safe, then load their version and apply your changes again."
      onClose={onClose}
      footer={
        <DialogActions
          label="Copy"
          cancelLabel="Close"
          onCancel={onClose}
          onConfirm={async () => {
            try {
              await navigator.clipboard.writeText(text);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          <span role="status" class="muted">
            {copied === true
              ? "Copied to the clipboard."
              : copied === false
                ? "Select the text and copy it by hand."
                : ""}
          </span>
        </DialogActions>
      }
    >
      <textarea
        class="copy-area"
        readOnly
        rows={14}
        aria-label="Your text"
        value={text}
        onFocus={(e) => e.currentTarget.select()}
      />
    </Dialog>
  );
}
