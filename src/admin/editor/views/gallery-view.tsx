// The gallery block in the editor: its pictures in order, each with a thumbnail, alt text,
// buttons to move or remove it and its caption, then the caption of the set. Every caption is
// ProseMirror text (extensions/media-blocks.ts), so bold, italic and links work there exactly as
// in an image's caption; the fields around them are Preact, as in the other block views.
import type { Editor, NodeViewRenderer } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { render } from "preact";
import type { FieldIssue } from "../../lib/api.js";
import { NODE } from "../convert.js";
import { type EditorEnv, issueAt } from "../env.js";
import { BlockField, OtherIssues } from "./block-field.js";
import { type BlockViewProps, blockView } from "./block-view.js";

const text = (v: unknown) => (typeof v === "string" ? v : "");

let counter = 0;

/** Where a gallery node is in the document, or -1 when it is gone. */
function positionOf(editor: Editor, gallery: PMNode): number {
  let pos = -1;
  editor.state.doc.forEach((n, p) => {
    if (n === gallery) pos = p;
  });
  return pos;
}

/** The gallery's own fields, after its pictures: adding one, and what no picture shows. */
function GalleryFoot({ node, env, issues, readOnly }: BlockViewProps) {
  const add = async () => {
    const item = await env.pickMedia("image");
    const editor = env.editor;
    if (!item || !editor) return;
    env.rememberMedia(item);
    const pos = positionOf(editor, node);
    if (pos < 0) return;
    // Before the set's caption, which is always the last part.
    const at = pos + node.nodeSize - 1 - (node.lastChild?.nodeSize ?? 0);
    const picture = editor.schema.nodes[NODE.galleryImage]!.create({
      mediaId: item.id,
      alt: item.alt,
    });
    editor.view.dispatch(editor.state.tr.insert(at, picture).scrollIntoView());
  };
  const own = issues.filter((i) => !/^images\.\d+\./.test(i.path)).map((i) => i.message);
  return (
    <>
      <OtherIssues messages={own} />
      {!readOnly ? (
        <button type="button" class="button" onClick={add}>
          Add an image to the gallery
        </button>
      ) : null}
    </>
  );
}

interface PictureFieldsProps {
  attrs: Record<string, unknown>;
  index: number;
  count: number;
  issues: FieldIssue[];
  env: EditorEnv;
  uid: string;
  onAlt(alt: string): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}

/** One picture's thumbnail, alt text and buttons (its caption is the text below them). */
function PictureFields(props: PictureFieldsProps) {
  const { attrs, index: i, count, issues, env, uid } = props;
  const item = env.media(text(attrs.mediaId));
  const alt = text(attrs.alt);
  const altError =
    issueAt(issues, `images.${i}.alt`) ?? (alt.trim() === "" ? "Alt text is required." : null);
  const others = issues
    .filter((x) => x.path.startsWith(`images.${i}.`) && !x.path.startsWith(`images.${i}.alt`))
    .map((x) => `Caption: ${x.message}`);
  return (
    <>
      {item ? <img src={item.url} alt="" width={96} /> : <span>Loading…</span>}
      <BlockField
        id={`${uid}-alt`}
        label={`Image ${i + 1}: alt text`}
        required
        value={alt}
        onValue={props.onAlt}
        error={altError}
        readOnly={env.readOnly}
      />
      <OtherIssues messages={others} />
      {!env.readOnly ? (
        <div class="gallery-editor-actions">
          <button
            type="button"
            class="button button-small"
            onClick={() => props.onMove(-1)}
            disabled={i === 0}
          >
            Move image {i + 1} earlier
          </button>
          <button
            type="button"
            class="button button-small"
            onClick={() => props.onMove(1)}
            disabled={i === count - 1}
          >
            Move image {i + 1} later
          </button>
          <button type="button" class="button button-small" onClick={props.onRemove}>
            Remove image {i + 1}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** The parts of a node view made of fields (not editable text) above editable text. */
function fieldsAboveText(className: string, placeholder: string) {
  const dom = document.createElement("div");
  dom.className = className;
  const fields = document.createElement("div");
  fields.className = "block-chrome";
  fields.contentEditable = "false";
  const label = document.createElement("p");
  label.className = "block-text-label";
  label.contentEditable = "false";
  const contentDOM = document.createElement("div");
  contentDOM.className = "block-text caption-text";
  contentDOM.dataset.placeholder = placeholder;
  dom.append(fields, label, contentDOM);
  return {
    dom,
    fields,
    label,
    contentDOM,
    stopEvent: (event: Event) => event.target instanceof Node && fields.contains(event.target),
    ignoreMutation: (mutation: MutationRecord | { type: "selection"; target: globalThis.Node }) =>
      mutation.type === "attributes" || !contentDOM.contains(mutation.target),
  };
}

/** One picture of a gallery: its fields, redrawn when its place in the gallery changes. */
function pictureView(env: EditorEnv): NodeViewRenderer {
  return ({ node: initial, editor, getPos }) => {
    let node = initial;
    const uid = `gallery-image-${++counter}`;
    const parts = fieldsAboveText("gallery-editor-item", "Add a caption (optional)");
    parts.dom.setAttribute("role", "group");
    let drawn = "";

    const place = () => {
      const pos = getPos();
      if (pos === undefined) return null;
      const $pos = editor.state.doc.resolve(pos);
      // The last part of a gallery is its caption, not a picture.
      return { pos, index: $pos.index(), count: $pos.parent.childCount - 1, top: $pos.index(0) };
    };
    const move = (by: -1 | 1) => {
      const at = place();
      if (!at || env.readOnly) return;
      const j = at.index + by;
      if (j < 0 || j >= at.count) return;
      const sibling = editor.state.doc.resolve(at.pos).parent.child(j);
      const tr = editor.state.tr.delete(at.pos, at.pos + node.nodeSize);
      tr.insert(by === -1 ? at.pos - sibling.nodeSize : at.pos + sibling.nodeSize, node);
      editor.view.dispatch(tr.scrollIntoView());
    };
    const remove = () => {
      const at = place();
      if (at && !env.readOnly)
        editor.view.dispatch(editor.state.tr.delete(at.pos, at.pos + node.nodeSize));
    };
    const setAlt = (alt: string) => {
      const at = place();
      if (at && !env.readOnly)
        editor.view.dispatch(
          editor.state.tr.setNodeMarkup(at.pos, undefined, { ...node.attrs, alt }),
        );
    };

    const draw = () => {
      const at = place();
      if (!at) return;
      drawn = `${at.index}/${at.count}/${at.top}`;
      const label = `Image ${at.index + 1}`;
      parts.dom.setAttribute("aria-label", label);
      parts.label.textContent = `${label}: caption`;
      parts.contentDOM.classList.toggle("is-empty", node.content.size === 0);
      render(
        <PictureFields
          attrs={node.attrs}
          index={at.index}
          count={at.count}
          issues={env.issuesAt(at.top)}
          env={env}
          uid={uid}
          onAlt={setAlt}
          onMove={move}
          onRemove={remove}
        />,
        parts.fields,
      );
    };
    // Moving, adding or removing another picture (or undoing that) renumbers this one without
    // changing it; the other changes of the document leave its fields alone.
    const renumber = () => {
      const at = place();
      if (at && `${at.index}/${at.count}/${at.top}` !== drawn) draw();
    };
    const unsubscribe = env.subscribe(draw);
    editor.on("transaction", renumber);
    draw();

    return {
      dom: parts.dom,
      contentDOM: parts.contentDOM,
      update(next) {
        if (next.type !== node.type) return false;
        node = next;
        draw();
        return true;
      },
      stopEvent: parts.stopEvent,
      ignoreMutation: parts.ignoreMutation,
      destroy() {
        unsubscribe();
        editor.off("transaction", renumber);
        render(null, parts.fields);
      },
    };
  };
}

/** The caption of the whole gallery, after its pictures. */
const setCaptionView: NodeViewRenderer = ({ node: initial }) => {
  let node = initial;
  const parts = fieldsAboveText("gallery-set-caption", "Add a caption for the gallery (optional)");
  parts.label.textContent = "Caption of the gallery";
  const draw = () => parts.contentDOM.classList.toggle("is-empty", node.content.size === 0);
  draw();
  return {
    dom: parts.dom,
    contentDOM: parts.contentDOM,
    update(next) {
      if (next.type !== node.type) return false;
      node = next;
      draw();
      return true;
    },
    stopEvent: parts.stopEvent,
    ignoreMutation: parts.ignoreMutation,
  };
};

/** The views of a gallery and its parts (one renderer: the gallery node hands it to its parts). */
export function galleryViews(env: EditorEnv): NodeViewRenderer {
  const gallery = blockView(
    {
      label: "Gallery",
      className: "block-gallery",
      content: { tag: "div", className: "gallery-parts", placeholder: "" },
      Foot: GalleryFoot,
    },
    env,
  );
  const picture = pictureView(env);
  return (props) =>
    props.node.type.name === NODE.galleryImage
      ? picture(props)
      : props.node.type.name === NODE.galleryCaption
        ? setCaptionView(props)
        : gallery(props);
}
