// Editor nodes of the media library's blocks beyond the image: a gallery, a sound file, a video
// file and a document. Each node's text is its caption; everything else is attributes.
import { Node, type NodeViewRenderer } from "@tiptap/core";
import { NODE } from "../convert.js";
import { dataAttr, exitToParagraphAfter, INLINE_MARKS } from "./inline-block.js";

/** One picture of a gallery as the editor holds it (its caption as plain text). */
export interface GalleryItemAttrs {
  mediaId: string;
  alt: string;
  caption: string;
}

function mediaNode(name: string, attrs: Record<string, ReturnType<typeof dataAttr>>) {
  return Node.create<{ view: NodeViewRenderer | null }>({
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

/** The images, in order, as JSON in one attribute (so copy and paste keeps them). */
const imagesAttr = {
  default: [] as GalleryItemAttrs[],
  parseHTML: (el: HTMLElement) => {
    try {
      const value: unknown = JSON.parse(el.getAttribute("data-images") ?? "[]");
      return Array.isArray(value) ? value : [];
    } catch {
      return [];
    }
  },
  renderHTML: (attrs: Record<string, unknown>) => ({
    "data-images": JSON.stringify(attrs.images ?? []),
  }),
};

export const Gallery = mediaNode(NODE.gallery, {
  images: imagesAttr as unknown as ReturnType<typeof dataAttr>,
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
