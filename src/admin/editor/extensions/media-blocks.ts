// Editor nodes of the media library's blocks beyond the image: a gallery, a sound file, a video
// file and a document. A sound, video or document node's text is its caption, everything else
// attributes. A gallery holds one node per picture (its text the picture's caption) and then
// the caption of the set, so every caption is ProseMirror text with the image caption's marks,
// caret, toolbar and undo, like the cells of a table.
import { type Editor, Node, type NodeViewRenderer } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import { NODE } from "../convert.js";
import { dataAttr, exitToParagraphAfter, INLINE_MARKS } from "./inline-block.js";

type ViewOption = { view: NodeViewRenderer | null };

function mediaNode(name: string, attrs: Record<string, ReturnType<typeof dataAttr>>) {
  return Node.create<ViewOption>({
    name,
    group: "block",
    content: "text*",
    marks: INLINE_MARKS,
    defining: true,
    isolating: true,
    addOptions: () => ({ view: null }),
    addAttributes: () => attrs,
    parseHTML: () => [{ tag: `figure[data-block="${name}"]` }],
    renderHTML: ({ HTMLAttributes }) => ["figure", { ...HTMLAttributes, "data-block": name }, 0],
    addNodeView() {
      return this.options.view;
    },
    addKeyboardShortcuts() {
      return { Enter: () => exitToParagraphAfter(this.editor, this.name) };
    },
  });
}

/** Enter in a picture's caption goes on to the next caption of the gallery (never splits it). */
function nextGalleryCaption(editor: Editor): boolean {
  const { state, view } = editor;
  const { $from } = state.selection;
  if ($from.parent.type.name !== NODE.galleryImage) return false;
  // A picture is always followed by another picture or the set's caption, both text.
  const next = $from.after() + 1;
  view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, next)).scrollIntoView());
  return true;
}

/** Enter in the set's caption leaves the gallery for a paragraph after it. */
function leaveGallery(editor: Editor): boolean {
  const { state, view } = editor;
  const { $from } = state.selection;
  if ($from.parent.type.name !== NODE.galleryCaption) return false;
  const after = $from.after($from.depth - 1);
  const paragraph = state.schema.nodes.paragraph;
  if (!paragraph) return false;
  const next = state.doc.resolve(after).nodeAfter;
  const tr =
    next?.type === paragraph && next.content.size === 0
      ? state.tr
      : state.tr.insert(after, paragraph.create());
  tr.setSelection(TextSelection.create(tr.doc, after + 1)).scrollIntoView();
  view.dispatch(tr);
  return true;
}

/** At a caption's edge, Backspace and Delete stop: joining captions would merge two pictures. */
function atCaptionEdge(editor: Editor, edge: "start" | "end"): boolean {
  const { selection } = editor.state;
  const { $from } = selection;
  const name = $from.parent.type.name;
  if (!selection.empty || (name !== NODE.galleryImage && name !== NODE.galleryCaption))
    return false;
  return edge === "start"
    ? $from.parentOffset === 0
    : $from.parentOffset === $from.parent.content.size;
}

const captionKeys = (editor: Editor) => ({
  Backspace: () => atCaptionEdge(editor, "start"),
  Delete: () => atCaptionEdge(editor, "end"),
});

/** One picture of a gallery: the media item and its alt text; the node's text is its caption. */
export const GalleryImage = Node.create<ViewOption>({
  name: NODE.galleryImage,
  content: "text*",
  marks: INLINE_MARKS,
  isolating: true,
  addOptions: () => ({ view: null }),
  addAttributes: () => ({ mediaId: dataAttr("mediaId"), alt: dataAttr("alt") }),
  parseHTML: () => [{ tag: "div[data-gallery-image]" }],
  renderHTML: ({ HTMLAttributes }) => ["div", { ...HTMLAttributes, "data-gallery-image": "" }, 0],
  addNodeView() {
    return this.options.view;
  },
  addKeyboardShortcuts() {
    return { Enter: () => nextGalleryCaption(this.editor), ...captionKeys(this.editor) };
  },
});

/** The caption of a whole gallery, after its pictures. */
export const GalleryCaption = Node.create<ViewOption>({
  name: NODE.galleryCaption,
  content: "text*",
  marks: INLINE_MARKS,
  isolating: true,
  addOptions: () => ({ view: null }),
  parseHTML: () => [{ tag: "figcaption[data-gallery-caption]" }],
  renderHTML: () => ["figcaption", { "data-gallery-caption": "" }, 0],
  addNodeView() {
    return this.options.view;
  },
  addKeyboardShortcuts() {
    return { Enter: () => leaveGallery(this.editor), ...captionKeys(this.editor) };
  },
});

/**
 * Several pictures in order, then the set's caption. Its parts come with it (addExtensions), and
 * one view renderer draws the gallery and its parts (it tells them apart by node type).
 */
export const Gallery = Node.create<ViewOption>({
  name: NODE.gallery,
  group: "block",
  content: `${NODE.galleryImage}* ${NODE.galleryCaption}`,
  defining: true,
  isolating: true,
  addOptions: () => ({ view: null }),
  addExtensions() {
    const view = this.options.view;
    return [GalleryImage.configure({ view }), GalleryCaption.configure({ view })];
  },
  parseHTML: () => [{ tag: `figure[data-block="${NODE.gallery}"]` }],
  renderHTML: () => ["figure", { "data-block": NODE.gallery }, 0],
  addNodeView() {
    return this.options.view;
  },
});

const playable = () => ({
  mediaId: dataAttr("mediaId"),
  title: dataAttr("title"),
  captionsId: dataAttr("captionsId"),
  transcript: dataAttr("transcript"),
});

export const Audio = mediaNode(NODE.audio, playable());
export const VideoFile = mediaNode(NODE.videoFile, playable());
export const DocumentNode = mediaNode(NODE.document, {
  mediaId: dataAttr("mediaId"),
  title: dataAttr("title"),
});
