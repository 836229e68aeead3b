// The blocks a writer can insert, for the "+" menu and the slash menu, and how each is inserted.

import type { Editor, JSONContent } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import type { AdminMedia } from "../lib/types.js";
import { NODE } from "./convert.js";
import type { EditorEnv } from "./env.js";

export interface BlockChoice {
  id: string;
  label: string;
  description: string;
  /** Extra words the slash menu matches ("/quote" finds Quotation). */
  keywords: string[];
  /** Offered only to those who may (the API refuses the block to others anyway). */
  staffOnly?: "block.html";
}

/** Every block, in the order the menus list them: the article blocks a writer reaches for first. */
export const BLOCK_CHOICES: BlockChoice[] = [
  {
    id: "h2",
    label: "Heading",
    description: "A section heading",
    keywords: ["heading", "h2", "title"],
  },
  {
    id: "h3",
    label: "Subheading",
    description: "A smaller heading",
    keywords: ["heading", "h3", "subheading"],
  },
  {
    id: "quote",
    label: "Quotation",
    description: "Words someone said, with the speaker",
    keywords: ["quote", "blockquote", "speaker"],
  },
  {
    id: "image",
    label: "Image",
    description: "From the media library, with alt text and credit",
    keywords: ["image", "photo", "picture", "media"],
  },
  {
    id: "video",
    label: "Video",
    description: "YouTube, Vimeo or another site, with its source",
    keywords: ["video", "youtube", "vimeo", "embed"],
  },
  {
    id: "gallery",
    label: "Gallery",
    description: "Several images in order, each with its caption and credit",
    keywords: ["gallery", "images", "photos", "slideshow"],
  },
  {
    id: "audio",
    label: "Audio",
    description: "A sound file from the media library, with a transcript",
    keywords: ["audio", "sound", "podcast", "mp3"],
  },
  {
    id: "video-file",
    label: "Video file",
    description: "A video uploaded to the media library, with captions",
    keywords: ["video", "mp4", "upload", "file"],
  },
  {
    id: "document",
    label: "Document",
    description: "A PDF, shown with its first page",
    keywords: ["document", "pdf", "file"],
  },
  {
    id: "commentary",
    label: "Commentary",
    description: "The author's opinion, set apart",
    keywords: ["commentary", "opinion", "aside"],
  },
  {
    id: "tracker",
    label: "Tracker",
    description: "Link a tracker (a growing data list)",
    keywords: ["tracker", "data"],
  },
  {
    id: "ad",
    label: "Ad slot",
    description: "A labelled advertising space",
    keywords: ["ad", "advert", "advertisement"],
  },
  {
    id: "divider",
    label: "Divider",
    description: "A horizontal line",
    keywords: ["divider", "hr", "rule", "line"],
  },
  {
    id: "table",
    label: "Table",
    description: "Rows and columns, with a caption and headings",
    keywords: ["table", "grid", "columns", "rows"],
  },
  {
    id: "pullquote",
    label: "Pull quote",
    description: "A sentence from this article, set large",
    keywords: ["pull", "pullquote", "highlight", "callout"],
  },
  {
    id: "code",
    label: "Code",
    description: "Code or preformatted text, exactly as written",
    keywords: ["code", "pre", "snippet", "preformatted"],
  },
  {
    id: "html",
    label: "HTML",
    description: "Markup of your own, sanitized for readers (editors and owners)",
    keywords: ["html", "embed", "markup", "raw"],
    staffOnly: "block.html",
  },
  {
    id: "bulletList",
    label: "Bulleted list",
    description: "A list with bullets",
    keywords: ["list", "ul", "bullet"],
  },
  {
    id: "orderedList",
    label: "Numbered list",
    description: "A list with numbers",
    keywords: ["list", "ol", "numbered"],
  },
  {
    id: "h4",
    label: "Minor heading",
    description: "The smallest heading",
    keywords: ["heading", "h4"],
  },
  { id: "paragraph", label: "Paragraph", description: "Plain text", keywords: ["text", "p"] },
];

/** The choices the signed-in account may use (the HTML block only with `block.html`). */
export function availableChoices(mayWriteHtml = false): BlockChoice[] {
  return BLOCK_CHOICES.filter((c) => c.staffOnly === undefined || mayWriteHtml);
}

/** The choices matching what follows "/" (by label start or keyword start). */
export function filterChoices(query: string, mayWriteHtml = false): BlockChoice[] {
  const q = query.trim().toLowerCase();
  const choices = availableChoices(mayWriteHtml);
  if (q === "") return choices;
  return choices.filter(
    (c) =>
      c.label.toLowerCase().startsWith(q) ||
      c.keywords.some((k) => k.startsWith(q)) ||
      c.label.toLowerCase().includes(` ${q}`),
  );
}

/**
 * Where a new block goes: it replaces the empty paragraph the caret is in, else it follows the
 * top-level block holding the caret (or the selected block).
 */
function insertionRange(editor: Editor): { from: number; to: number } {
  const { selection, doc } = editor.state;
  const { $from } = selection;
  if ($from.depth === 0) return { from: selection.to, to: selection.to };
  const top = $from.node(1);
  const start = $from.before(1);
  const end = $from.after(1);
  if (top.type.name === NODE.paragraph && top.content.size === 0) return { from: start, to: end };
  return end <= doc.content.size
    ? { from: end, to: end }
    : { from: doc.content.size, to: doc.content.size };
}

/** Inserts a node, then puts the caret in its text (or asks its view to focus `field`). */
function insertNode(editor: Editor, env: EditorEnv, node: JSONContent, field?: string): void {
  const { from, to } = insertionRange(editor);
  const pmNode = editor.schema.nodeFromJSON(node);
  const tr = editor.state.tr.replaceWith(from, to, pmNode);
  const after = from + pmNode.nodeSize;
  if (field) env.focusRequest = { pos: from, field };
  // A table: the caret goes into its first cell (table > row > cell), and a paragraph follows
  // it to carry on writing after the last cell.
  else if (pmNode.type.name === NODE.table) {
    if (!tr.doc.resolve(after).nodeAfter?.isTextblock)
      tr.insert(after, editor.schema.nodes.paragraph!.create());
    tr.setSelection(TextSelection.create(tr.doc, from + 3));
  } else if (pmNode.isTextblock || pmNode.firstChild?.isTextblock)
    tr.setSelection(TextSelection.create(tr.doc, from + (pmNode.isTextblock ? 1 : 2)));
  else {
    // A block without text (divider, ad): carry on writing in a paragraph after it.
    const next = tr.doc.resolve(after).nodeAfter;
    if (!next?.isTextblock) tr.insert(after, editor.schema.nodes.paragraph!.create());
    tr.setSelection(TextSelection.create(tr.doc, after + 1));
  }
  tr.scrollIntoView();
  editor.view.dispatch(tr);
  // TipTap's focus waits a frame: after a picker, its modal dialog must close first (the page
  // behind a modal cannot take focus).
  if (!field) editor.commands.focus();
}

/** Turns the current text block into a paragraph, heading or list (or inserts one). */
function setTextBlock(editor: Editor, id: string): void {
  const chain = editor.chain().focus();
  if (id === "paragraph") chain.setParagraph().run();
  else if (id === "h2" || id === "h3" || id === "h4")
    chain.setHeading({ level: Number(id.slice(1)) as 2 | 3 | 4 }).run();
  else if (id === "bulletList") chain.toggleBulletList().run();
  else if (id === "orderedList") chain.toggleOrderedList().run();
}

/** Inserts the block `id` at the caret. Images ask the media picker first. */
export async function insertBlock(editor: Editor, env: EditorEnv, id: string): Promise<void> {
  switch (id) {
    case "paragraph":
    case "h2":
    case "h3":
    case "h4":
    case "bulletList":
    case "orderedList":
      return setTextBlock(editor, id);
    case "quote":
      return insertNode(editor, env, {
        type: NODE.quote,
        attrs: { speaker: "", setting: "", sourceUrl: "" },
      });
    case "image": {
      // Remember where the caret was: the picker takes focus away from the editor.
      const selection = editor.state.selection;
      const item: AdminMedia | null = await env.pickMedia();
      if (!item) {
        editor.commands.focus();
        return;
      }
      env.rememberMedia(item);
      if (editor.state.doc.eq(selection.$from.doc))
        editor.commands.setTextSelection(selection.from);
      return insertNode(
        editor,
        env,
        { type: NODE.image, attrs: { mediaId: item.id, alt: item.alt } },
        item.alt ? undefined : "alt",
      );
    }
    case "video":
      return insertNode(
        editor,
        env,
        { type: NODE.video, attrs: { provider: "youtube" } },
        "address",
      );
    case "gallery":
    case "audio":
    case "video-file":
    case "document":
      return insertMediaBlock(editor, env, id);
    case "commentary":
      return insertNode(editor, env, {
        type: NODE.commentary,
        content: [{ type: NODE.paragraph }],
      });
    case "tracker":
      return insertNode(editor, env, { type: NODE.tracker, attrs: { trackerId: "" } }, "tracker");
    case "ad":
      return insertNode(editor, env, {
        type: NODE.ad,
        attrs: { slot: "in-article", width: 300, height: 250 },
      });
    case "divider":
      return insertNode(editor, env, { type: NODE.divider });
    case "table": {
      const row = () => ({
        type: NODE.tableRow,
        content: [{ type: NODE.tableCell }, { type: NODE.tableCell }, { type: NODE.tableCell }],
      });
      return insertNode(editor, env, {
        type: NODE.table,
        attrs: { caption: "", headerRow: true },
        content: [row(), row(), row()],
      });
    }
    case "pullquote":
      return insertNode(editor, env, { type: NODE.pullquote });
    case "code":
      return insertNode(editor, env, { type: NODE.code, attrs: { language: "" } });
    case "html":
      return insertNode(editor, env, { type: NODE.html, attrs: { html: "", reason: "" } }, "html");
  }
}

/** Each media block's editor node and the kind of file its picker lists. */
const MEDIA_BLOCKS = {
  gallery: { node: NODE.gallery, kind: "image" },
  audio: { node: NODE.audio, kind: "audio" },
  "video-file": { node: NODE.videoFile, kind: "video" },
  document: { node: NODE.document, kind: "document" },
} as const;

/** Asks the picker for the file (a gallery's first image), then inserts the block. */
async function insertMediaBlock(
  editor: Editor,
  env: EditorEnv,
  id: keyof typeof MEDIA_BLOCKS,
): Promise<void> {
  const { node, kind } = MEDIA_BLOCKS[id];
  const selection = editor.state.selection;
  const item: AdminMedia | null = await env.pickMedia(kind);
  if (!item) {
    editor.commands.focus();
    return;
  }
  env.rememberMedia(item);
  if (editor.state.doc.eq(selection.$from.doc)) editor.commands.setTextSelection(selection.from);
  if (id === "gallery")
    return insertNode(editor, env, {
      type: node,
      content: [
        { type: NODE.galleryImage, attrs: { mediaId: item.id, alt: item.alt } },
        { type: NODE.galleryCaption },
      ],
    });
  return insertNode(editor, env, { type: node, attrs: { mediaId: item.id, title: "" } }, "title");
}
