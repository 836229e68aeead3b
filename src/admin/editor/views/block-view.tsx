import type { Editor, NodeViewRenderer } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { type ComponentType, render } from "preact";
import { Icon } from "../../components/icons.js";
import type { FieldIssue } from "../../lib/api.js";
import type { EditorEnv } from "../env.js";

/** What a block's fields receive. */
export interface BlockViewProps {
  attrs: Record<string, unknown>;
  node: PMNode;
  /** Changes attributes of this block (one undo step per pause in typing). */
  update(attrs: Record<string, unknown>): void;
  env: EditorEnv;
  issues: FieldIssue[];
  /** A field name to focus now (just inserted), else null. */
  focusField: string | null;
  /** Unique per block view, for ids of fields. */
  uid: string;
  readOnly: boolean;
}

export interface BlockViewSpec {
  /** The block's name as the writer sees it ("Quotation"). */
  label: string | ((attrs: Record<string, unknown>) => string);
  className: string;
  /** Classes of the block's element that follow its attributes (e.g. a table's header row). */
  classes?: (attrs: Record<string, unknown>) => Record<string, boolean>;
  /** Fields before the node's own text. */
  Head?: ComponentType<BlockViewProps>;
  /** Fields after the node's own text. */
  Foot?: ComponentType<BlockViewProps>;
  /** The element holding the node's text (absent for blocks without text). */
  content?: { tag: string; className: string; placeholder: string; label?: string };
}

let counter = 0;

function moveBlock(editor: Editor, pos: number, direction: -1 | 1): void {
  const { state } = editor;
  const $pos = state.doc.resolve(pos);
  const index = $pos.index(0);
  const node = state.doc.child(index);
  const target = index + direction;
  if (target < 0 || target >= state.doc.childCount) return;
  const neighbour = state.doc.child(target);
  const tr = state.tr.delete(pos, pos + node.nodeSize);
  const insertAt = direction === -1 ? pos - neighbour.nodeSize : pos + neighbour.nodeSize;
  tr.insert(insertAt, node).scrollIntoView();
  editor.view.dispatch(tr);
}

function BlockActions({
  label,
  editor,
  getPos,
  readOnly,
}: {
  label: string;
  editor: Editor;
  getPos: () => number | undefined;
  readOnly: boolean;
}) {
  if (readOnly) return <p class="block-label">{label}</p>;
  const at = () => getPos();
  return (
    <div class="block-bar">
      <p class="block-label">{label}</p>
      <div class="block-actions">
        <button
          type="button"
          class="icon-button"
          aria-label={`Move ${label.toLowerCase()} up`}
          title="Move up"
          onClick={() => {
            const pos = at();
            if (pos !== undefined) moveBlock(editor, pos, -1);
          }}
        >
          <Icon name="up" size={16} />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={`Move ${label.toLowerCase()} down`}
          title="Move down"
          onClick={() => {
            const pos = at();
            if (pos !== undefined) moveBlock(editor, pos, 1);
          }}
        >
          <Icon name="down" size={16} />
        </button>
        <button
          type="button"
          class="icon-button icon-button-danger"
          aria-label={`Remove ${label.toLowerCase()}`}
          title="Remove block"
          onClick={() => {
            const pos = at();
            if (pos === undefined) return;
            const node = editor.state.doc.nodeAt(pos);
            if (node)
              editor
                .chain()
                .focus()
                .deleteRange({ from: pos, to: pos + node.nodeSize })
                .run();
          }}
        >
          <Icon name="trash" size={16} />
        </button>
      </div>
    </div>
  );
}

/**
 * A TipTap node view made of Preact-rendered fields around ProseMirror's own editable text.
 * Events inside the fields stay with the fields (ProseMirror ignores them); the text part is
 * ProseMirror's, so marks, undo and the caret work there as everywhere else.
 */
export function blockView(spec: BlockViewSpec, env: EditorEnv): NodeViewRenderer {
  return ({ node: initial, editor, getPos }) => {
    let node = initial;
    const uid = `block-${++counter}`;
    const dom = document.createElement("div");
    dom.className = `block ${spec.className}`;
    dom.dataset.block = initial.type.name;
    // A named group: screen readers announce which block its fields belong to.
    dom.setAttribute("role", "group");
    const head = document.createElement("div");
    head.className = "block-chrome block-head";
    head.contentEditable = "false";
    dom.append(head);
    let contentDOM: HTMLElement | undefined;
    if (spec.content) {
      if (spec.content.label) {
        const label = document.createElement("p");
        label.className = "block-text-label";
        label.contentEditable = "false";
        label.textContent = spec.content.label;
        dom.append(label);
      }
      contentDOM = document.createElement(spec.content.tag);
      contentDOM.className = `block-text ${spec.content.className}`;
      contentDOM.dataset.placeholder = spec.content.placeholder;
      dom.append(contentDOM);
    }
    const foot = document.createElement("div");
    foot.className = "block-chrome block-foot";
    foot.contentEditable = "false";
    dom.append(foot);

    const update = (attrs: Record<string, unknown>) => {
      const pos = getPos();
      if (pos === undefined || env.readOnly) return;
      editor.view.dispatch(
        editor.state.tr.setNodeMarkup(pos, undefined, { ...node.attrs, ...attrs }),
      );
    };

    const draw = () => {
      const pos = getPos();
      const index = pos === undefined ? -1 : editor.state.doc.resolve(pos).index(0);
      let focusField: string | null = null;
      if (env.focusRequest && pos !== undefined && env.focusRequest.pos === pos) {
        focusField = env.focusRequest.field;
        env.focusRequest = null;
      }
      const props: BlockViewProps = {
        attrs: node.attrs,
        node,
        update,
        env,
        issues: index >= 0 ? env.issuesAt(index) : [],
        focusField,
        uid,
        readOnly: env.readOnly,
      };
      const label = typeof spec.label === "function" ? spec.label(node.attrs) : spec.label;
      dom.setAttribute("aria-label", label);
      contentDOM?.classList.toggle("is-empty", node.content.size === 0);
      dom.classList.toggle("block-invalid", props.issues.length > 0);
      for (const [name, on] of Object.entries(spec.classes?.(node.attrs) ?? {}))
        dom.classList.toggle(name, on);
      render(
        <>
          <BlockActions label={label} editor={editor} getPos={getPos} readOnly={env.readOnly} />
          {spec.Head ? <spec.Head {...props} /> : null}
        </>,
        head,
      );
      render(spec.Foot ? <spec.Foot {...props} /> : null, foot);
    };
    const unsubscribe = env.subscribe(draw);
    draw();

    const inChrome = (target: EventTarget | null) =>
      target instanceof Node && (head.contains(target) || foot.contains(target));

    return {
      dom,
      contentDOM,
      update(next) {
        if (next.type !== node.type) return false;
        node = next;
        draw();
        return true;
      },
      selectNode() {
        dom.classList.add("is-selected");
      },
      deselectNode() {
        dom.classList.remove("is-selected");
      },
      stopEvent: (event) => inChrome(event.target),
      ignoreMutation(mutation) {
        if (!contentDOM) return true;
        if (mutation.type === "selection") return !contentDOM.contains(mutation.target);
        // Classes and attributes are the view's own (placeholders, errors), never content.
        if (mutation.type === "attributes") return true;
        return !contentDOM.contains(mutation.target);
      },
      destroy() {
        unsubscribe();
        render(null, head);
        render(null, foot);
      },
    };
  };
}
