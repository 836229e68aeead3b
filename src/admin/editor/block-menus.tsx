import type { Editor } from "@tiptap/core";
import { useEffect, useRef, useState } from "preact/hooks";
import { Icon } from "../components/icons.js";
import type { EditorEnv } from "./env.js";
import { type SlashController, slashState } from "./extensions/slash.js";
import { availableChoices, type BlockChoice, filterChoices, insertBlock } from "./insert.js";
import { mayWriteHtml } from "./views/html-view.js";

/** Re-renders the caller on every editor transaction (selection moves included). */
export function useEditorState(editor: Editor | null): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!editor) return;
    const bump = () => setTick((t) => t + 1);
    editor.on("transaction", bump);
    return () => {
      editor.off("transaction", bump);
    };
  }, [editor]);
  return tick;
}

/** The "+ Insert" menu button: every block, reachable with Tab, arrows, Enter and Escape. */
export function InsertMenu({ editor, env }: { editor: Editor; env: EditorEnv }) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]")[active]?.focus();
  }, [open, active]);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node) && event.target !== button.current)
        setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);
  const choose = (choice: BlockChoice) => {
    setOpen(false);
    void insertBlock(editor, env, choice.id);
  };
  return (
    <div class="menu-anchor">
      <button
        ref={button}
        type="button"
        class="button button-small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? "insert-menu" : undefined}
        onClick={() => {
          setActive(0);
          setOpen(!open);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive(0);
            setOpen(true);
          }
        }}
      >
        <Icon name="plus" size={16} />
        Insert block
      </button>
      {open ? (
        <div
          id="insert-menu"
          ref={menu}
          role="menu"
          aria-label="Insert block"
          class="menu menu-grid"
          onKeyDown={(e) => {
            const n = availableChoices(mayWriteHtml()).length;
            const perColumn = Math.ceil(n / 2);
            if (e.key === "ArrowDown") setActive((active + 1) % n);
            else if (e.key === "ArrowUp") setActive((active - 1 + n) % n);
            else if (e.key === "ArrowRight") setActive(Math.min(active + perColumn, n - 1));
            else if (e.key === "ArrowLeft") setActive(Math.max(active - perColumn, 0));
            else if (e.key === "Home") setActive(0);
            else if (e.key === "End") setActive(n - 1);
            else if (e.key === "Escape" || e.key === "Tab") {
              setOpen(false);
              if (e.key === "Escape") button.current?.focus();
              if (e.key === "Tab") return;
            } else return;
            e.preventDefault();
          }}
        >
          {availableChoices(mayWriteHtml()).map((choice, i) => (
            <button
              key={choice.id}
              type="button"
              role="menuitem"
              tabIndex={i === active ? 0 : -1}
              class="menu-item"
              onClick={() => choose(choice)}
            >
              <span class="menu-item-label">{choice.label}</span>
              <span class="menu-item-description">{choice.description}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/**
 * The menu typing "/" opens under the caret. Focus stays in the text (the list is the
 * editor's active descendant), so typing narrows it; arrows move, Enter or Tab inserts,
 * Escape closes.
 */
export function SlashMenu({
  editor,
  env,
  controller,
}: {
  editor: Editor;
  env: EditorEnv;
  controller: SlashController;
}) {
  useEditorState(editor);
  const [active, setActive] = useState(0);
  const state = slashState(editor.state);
  const choices = state.active ? filterChoices(state.query, mayWriteHtml()) : [];
  const open = state.active && choices.length > 0 && editor.isEditable;
  const index = Math.min(active, Math.max(choices.length - 1, 0));
  const queryRef = useRef(state.query);
  if (queryRef.current !== state.query) {
    queryRef.current = state.query;
    if (active !== 0) setActive(0);
  }

  const choose = (choice: BlockChoice) => {
    const current = slashState(editor.state);
    if (current.active) editor.chain().deleteRange({ from: current.from, to: current.to }).run();
    void insertBlock(editor, env, choice.id);
  };

  controller.onKey = open
    ? (event) => {
        if (event.key === "ArrowDown") setActive((index + 1) % choices.length);
        else if (event.key === "ArrowUp") setActive((index - 1 + choices.length) % choices.length);
        else if (event.key === "Enter" || event.key === "Tab") {
          const choice = choices[index];
          if (choice) choose(choice);
        } else return false;
        return true;
      }
    : null;

  useEffect(() => {
    const dom = editor.view.dom;
    if (open) {
      dom.setAttribute("aria-controls", "slash-menu");
      dom.setAttribute("aria-activedescendant", `slash-${choices[index]?.id ?? ""}`);
    } else {
      dom.removeAttribute("aria-controls");
      dom.removeAttribute("aria-activedescendant");
    }
  });
  useEffect(
    () => () => {
      controller.onKey = null;
    },
    [controller],
  );

  if (!open) return null;
  const coords = editor.view.coordsAtPos(state.from);
  return (
    <div
      id="slash-menu"
      role="listbox"
      aria-label="Insert block"
      class="menu slash-menu"
      style={{ position: "fixed", left: `${coords.left}px`, top: `${coords.bottom + 6}px` }}
    >
      {choices.map((choice, i) => (
        <div
          id={`slash-${choice.id}`}
          key={choice.id}
          role="option"
          tabIndex={-1}
          aria-selected={i === index}
          class={`menu-item${i === index ? " is-active" : ""}`}
          onMouseDown={(e) => {
            e.preventDefault();
            choose(choice);
          }}
          onMouseEnter={() => setActive(i)}
        >
          <span class="menu-item-label">{choice.label}</span>
          <span class="menu-item-description">{choice.description}</span>
        </div>
      ))}
    </div>
  );
}
