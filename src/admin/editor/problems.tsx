// What keeps an article from saving, listed for the writer: fields by name, blocks as links
// that go to the block.

import type { Editor } from "@tiptap/core";
import type { FieldIssue } from "../lib/api.js";
import { docToBlocks } from "./convert.js";
import { FIELD_NAMES } from "./meta.js";

/** What the problem list calls each kind of block. */
export const NODE_LABELS: Record<string, string> = {
  paragraph: "paragraph",
  heading: "heading",
  bulletList: "list",
  orderedList: "list",
  quote: "quotation",
  image: "image",
  video: "video",
  commentary: "commentary",
  tracker: "tracker",
  ad: "ad slot",
  horizontalRule: "divider",
  legacyHtml: "HTML",
  table: "table",
  pullQuote: "pull quote",
  codeBlock: "code",
};

/** The human name of an issue's field. */
export function fieldName(issue: FieldIssue): string {
  return FIELD_NAMES[issue.path.split(".")[0] ?? ""] ?? issue.path;
}

/** What the API would refuse a save for, said as the writer can act on it. */
export function describeProblems(fieldIssues: FieldIssue[], blockCount: number): string {
  const parts = fieldIssues.map((i) => `${fieldName(i)}: ${i.message}`);
  if (blockCount > 0)
    parts.push(
      blockCount === 1 ? "1 block needs attention" : `${blockCount} blocks need attention`,
    );
  return parts.join("; ");
}

/** Scrolls to the top-level block `index` and puts the caret (or its first field) there. */
export function focusBlock(editor: Editor | null, index: number): void {
  if (!editor || index >= editor.state.doc.childCount) return;
  let pos = 0;
  for (let i = 0; i < index; i++) pos += editor.state.doc.child(i).nodeSize;
  const dom = editor.view.nodeDOM(pos);
  if (dom instanceof HTMLElement) {
    dom.scrollIntoView({ block: "center" });
    const field = dom.querySelector<HTMLElement>("[aria-invalid=true], input, select");
    if (field) field.focus();
    else
      editor
        .chain()
        .focus()
        .setTextSelection(pos + 1)
        .run();
  }
}

/** What a saved draft still lacks before it can go out, as the API listed it (`incomplete`). */
export function gapsOf(reply: object | null): FieldIssue[] {
  // Read defensively: an answer from before drafts could be incomplete has no such list.
  const gaps = reply && "incomplete" in reply ? reply.incomplete : null;
  return Array.isArray(gaps) ? (gaps as FieldIssue[]) : [];
}

/**
 * The gaps of a saved draft as a quiet note, not an error: the words are safe, and these only
 * have to be settled before it goes to review or out to readers.
 */
export function GapNotes({ gaps, editor }: { gaps: FieldIssue[]; editor: Editor | null }) {
  if (gaps.length === 0) return null;
  return (
    <section class="gap-notes" aria-label="Still to do before it goes out">
      <p class="gap-notes-title">Saved. Still to do before it goes out:</p>
      <ul>
        {gaps.map((gap) => {
          const block = /^body\.(\d+)/.exec(gap.path);
          return (
            <li key={gap.path + gap.message}>
              {block ? (
                <button
                  type="button"
                  class="link-button"
                  onClick={() => {
                    // The API counts blocks; the editor's nodes include empty paragraphs.
                    const index = Number(block[1]);
                    const nodes = editor ? docToBlocks(editor.getJSON()).nodeIndex : [];
                    focusBlock(editor, nodes[index] ?? index);
                  }}
                >
                  Block {Number(block[1]) + 1}
                </button>
              ) : (
                <strong>{fieldName(gap)}</strong>
              )}
              : {gap.message}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The list of problems above the headline, shown while the article cannot be saved. */
export function ProblemList({
  fieldIssues,
  blockProblems,
  editor,
}: {
  fieldIssues: FieldIssue[];
  blockProblems: number[];
  editor: Editor | null;
}) {
  return (
    <section class="problems" aria-label="What keeps this article from saving">
      <p class="problems-title">Not saved yet. Fix these and it saves by itself:</p>
      <ul>
        {fieldIssues.map((i) => (
          <li key={i.path + i.message}>
            <strong>{fieldName(i)}:</strong> {i.message}
          </li>
        ))}
        {blockProblems.map((index) => (
          <li key={`block-${index}`}>
            <button type="button" class="link-button" onClick={() => focusBlock(editor, index)}>
              Go to block {index + 1} (
              {NODE_LABELS[editor?.state.doc.maybeChild(index)?.type.name ?? ""] ?? "block"})
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
