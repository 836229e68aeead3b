import type { Editor } from "@tiptap/core";
import type { JSX } from "preact";
import { useId, useState } from "preact/hooks";
import { HrefSchema } from "../../content/index.js";
import { Dialog } from "../components/dialog.js";
import { Field } from "../components/field.js";
import { InsertMenu, useEditorState } from "./block-menus.js";
import type { EditorEnv } from "./env.js";

const MOD =
  typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl+";

/** The text style of the block holding the caret, as the style select names it. */
function currentStyle(editor: Editor): string {
  if (editor.isActive("heading", { level: 2 })) return "h2";
  if (editor.isActive("heading", { level: 3 })) return "h3";
  if (editor.isActive("heading", { level: 4 })) return "h4";
  if (editor.isActive("paragraph")) return "paragraph";
  return "";
}

/** Asks for a link's address; checks it with the content schema's rule before applying. */
export function LinkDialog({
  editor,
  open,
  onClose,
}: {
  editor: Editor;
  open: boolean;
  onClose: () => void;
}) {
  const existing = (editor.getAttributes("link").href as string | undefined) ?? "";
  const [href, setHref] = useState(existing);
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const value = href.trim();
    const candidate = /^(www\.|[a-z0-9-]+\.[a-z]{2,})/i.test(value) ? `https://${value}` : value;
    const parsed = HrefSchema.safeParse(candidate);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "This is not a link address.");
      return;
    }
    if (editor.state.selection.empty && !existing)
      // Nothing selected: the address itself becomes the linked text.
      editor
        .chain()
        .focus()
        .insertContent({
          type: "text",
          text: value,
          marks: [{ type: "link", attrs: { href: candidate } }],
        })
        .run();
    else editor.chain().focus().extendMarkRange("link").setLink({ href: candidate }).run();
    onClose();
  };
  return (
    <Dialog
      open={open}
      title={existing ? "Edit link" : "Add link"}
      onClose={onClose}
      size="small"
      returnFocus={() => editor.view.focus()}
      footer={
        <>
          {existing ? (
            <button
              type="button"
              class="button button-danger-quiet"
              onClick={() => {
                editor.chain().focus().extendMarkRange("link").unsetLink().run();
                onClose();
              }}
            >
              Remove link
            </button>
          ) : null}
          <button type="submit" form="link-form" class="button button-primary">
            {existing ? "Update link" : "Add link"}
          </button>
        </>
      }
    >
      <form
        id="link-form"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <Field
          label="Address"
          hint="A web address (https://…), a page of this site (/sections/…) or mailto:"
          error={error}
        >
          {(ids) => (
            <input
              {...ids}
              type="text"
              inputMode="url"
              autofocus
              value={href}
              placeholder="https://"
              onInput={(e) => {
                setHref(e.currentTarget.value);
                setError(null);
              }}
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}

/** Bold or italic, as a toggle button. */
function MarkButton({
  editor,
  name,
  label,
  keyName,
}: {
  editor: Editor;
  name: "bold" | "italic";
  label: string;
  keyName: string;
}) {
  return (
    <button
      type="button"
      class={`tool tool-${name}`}
      aria-pressed={editor.isActive(name)}
      title={`${label} (${MOD}${keyName})`}
      disabled={!editor.can().toggleMark(name)}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => editor.chain().focus().toggleMark(name).run()}
    >
      {name === "bold" ? <b aria-hidden="true">B</b> : <i aria-hidden="true">I</i>}
      <span class="visually-hidden">{label}</span>
    </button>
  );
}

/** The text style select (paragraph or a heading level) of the block holding the caret. */
function StyleSelect({ editor, id }: { editor: Editor; id: string }) {
  const inBlockText =
    !editor.isActive("paragraph") && !editor.isActive("heading") && !editor.isActive("listItem");
  const style = currentStyle(editor);
  return (
    <>
      <label class="visually-hidden" for={id}>
        Text style
      </label>
      <select
        id={id}
        class="tool-select"
        value={style}
        disabled={inBlockText && style === ""}
        onChange={(e) => {
          const v = e.currentTarget.value;
          const chain = editor.chain().focus();
          if (v === "paragraph") chain.setParagraph().run();
          else chain.setHeading({ level: Number(v.slice(1)) as 2 | 3 | 4 }).run();
        }}
      >
        {style === "" ? <option value="">—</option> : null}
        <option value="paragraph">Paragraph</option>
        <option value="h2">Heading</option>
        <option value="h3">Subheading</option>
        <option value="h4">Minor heading</option>
      </select>
    </>
  );
}

/** Bold, italic, link, then the two kinds of list: what both toolbars offer. */
function TextTools({ editor, onLink }: { editor: Editor; onLink: () => void }) {
  return (
    <>
      <MarkButton editor={editor} name="bold" label="Bold" keyName="B" />
      <MarkButton editor={editor} name="italic" label="Italic" keyName="I" />
      <button
        type="button"
        class="tool"
        aria-pressed={editor.isActive("link")}
        title={`Link (${MOD}K)`}
        onMouseDown={(e) => e.preventDefault()}
        onClick={onLink}
      >
        <span class="tool-link">Link</span>
      </button>
      <span class="tool-sep" aria-hidden="true" />
      <button
        type="button"
        class="tool"
        aria-pressed={editor.isActive("bulletList")}
        title="Bulleted list"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => editor.chain().focus().toggleBulletList().run()}
      >
        <span aria-hidden="true">•≡</span>
        <span class="visually-hidden">Bulleted list</span>
      </button>
      <button
        type="button"
        class="tool"
        aria-pressed={editor.isActive("orderedList")}
        title="Numbered list"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => editor.chain().focus().toggleOrderedList().run()}
      >
        <span aria-hidden="true">1.</span>
        <span class="visually-hidden">Numbered list</span>
      </button>
    </>
  );
}

/** Arrow keys move along a toolbar's controls, as in a word processor's. */
function moveAlongToolbar(event: JSX.TargetedKeyboardEvent<HTMLDivElement>): void {
  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
  const target = event.target as HTMLElement;
  if (target.tagName === "SELECT") return;
  const controls = [
    ...event.currentTarget.querySelectorAll<HTMLElement>(
      ":scope > button:not(:disabled), :scope > select, :scope > .menu-anchor > button",
    ),
  ];
  const at = controls.indexOf(target);
  if (at < 0) return;
  event.preventDefault();
  const next =
    controls[(at + (event.key === "ArrowRight" ? 1 : controls.length - 1)) % controls.length];
  next?.focus();
}

/** The live composer's toolbar: text style, bold, italic, link and lists, no blocks to insert. */
export function CompactToolbar({
  editor,
  onLink,
  label,
}: {
  editor: Editor;
  onLink: () => void;
  label: string;
}) {
  useEditorState(editor);
  const id = useId();
  return (
    <div
      class="toolbar toolbar-compact"
      role="toolbar"
      aria-label={label}
      onKeyDown={moveAlongToolbar}
    >
      <StyleSelect editor={editor} id={id} />
      <span class="tool-sep" aria-hidden="true" />
      <TextTools editor={editor} onLink={onLink} />
    </div>
  );
}

/** Formatting and insertion above the body: text style, bold, italic, link, lists, blocks, undo. */
export function Toolbar({
  editor,
  env,
  onLink,
}: {
  editor: Editor;
  env: EditorEnv;
  onLink: () => void;
}) {
  useEditorState(editor);
  return (
    <div class="toolbar" role="toolbar" aria-label="Formatting" onKeyDown={moveAlongToolbar}>
      <StyleSelect editor={editor} id="text-style" />
      <span class="tool-sep" aria-hidden="true" />
      <TextTools editor={editor} onLink={onLink} />
      <span class="tool-sep" aria-hidden="true" />
      <InsertMenu editor={editor} env={env} />
      <span class="toolbar-spacer" />
      <button
        type="button"
        class="tool"
        title={`Undo (${MOD}Z)`}
        disabled={!editor.can().undo()}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => editor.chain().focus().undo().run()}
      >
        <span aria-hidden="true">↶</span>
        <span class="visually-hidden">Undo</span>
      </button>
      <button
        type="button"
        class="tool"
        title={`Redo (${MOD}Shift+Z)`}
        disabled={!editor.can().redo()}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => editor.chain().focus().redo().run()}
      >
        <span aria-hidden="true">↷</span>
        <span class="visually-hidden">Redo</span>
      </button>
    </div>
  );
}
