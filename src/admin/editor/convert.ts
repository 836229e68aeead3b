// Masthead blocks <-> TipTap (ProseMirror) JSON. Pure functions, no DOM: the editor loads an
// article's body with blocksToDoc and saves docToBlocks' output after checking it with the
// content schemas. Every top-level editor node is one block, so a block's index maps back to
// the node that shows its errors.

import type { JSONContent } from "@tiptap/core";
import type { Block, Inline, TextRun } from "../../content/index.js";

/** Editor node names, shared with the TipTap extensions. */
export const NODE = {
  doc: "doc",
  paragraph: "paragraph",
  heading: "heading",
  text: "text",
  bulletList: "bulletList",
  orderedList: "orderedList",
  listItem: "listItem",
  quote: "quote",
  image: "image",
  video: "video",
  commentary: "commentary",
  tracker: "tracker",
  ad: "ad",
  divider: "horizontalRule",
  html: "legacyHtml",
  gallery: "gallery",
  galleryImage: "galleryImage",
  galleryCaption: "galleryCaption",
  audio: "audio",
  videoFile: "videoFile",
  document: "document",
  table: "table",
  tableRow: "tableRow",
  tableCell: "tableCell",
  pullquote: "pullQuote",
  code: "codeBlock",
} as const;

/** Editor mark names. */
export const MARK = { bold: "bold", italic: "italic", link: "link" } as const;

/** Inline runs as editor text nodes with marks. */
export function inlineToNodes(runs: Inline | undefined): JSONContent[] {
  return (runs ?? [])
    .filter((run) => run.text !== "")
    .map((run) => {
      const marks: NonNullable<JSONContent["marks"]> = [];
      if (run.bold) marks.push({ type: MARK.bold });
      if (run.italic) marks.push({ type: MARK.italic });
      if (run.href !== undefined) marks.push({ type: MARK.link, attrs: { href: run.href } });
      return marks.length > 0
        ? { type: NODE.text, text: run.text, marks }
        : { type: NODE.text, text: run.text };
    });
}

function sameMarks(a: TextRun, b: TextRun): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.href === b.href;
}

/** Editor text nodes as inline runs; neighbours with the same marks become one run. */
export function nodesToInline(nodes: JSONContent[] | undefined): Inline {
  const runs: Inline = [];
  for (const node of nodes ?? []) {
    if (node.type !== NODE.text || !node.text) continue;
    const run: TextRun = { text: node.text };
    for (const mark of node.marks ?? []) {
      if (mark.type === MARK.bold) run.bold = true;
      else if (mark.type === MARK.italic) run.italic = true;
      else if (mark.type === MARK.link && typeof mark.attrs?.href === "string")
        run.href = mark.attrs.href;
    }
    const last = runs.at(-1);
    if (last && sameMarks(last, run)) last.text += run.text;
    else runs.push(run);
  }
  return runs;
}

const paragraph = (runs: Inline | undefined): JSONContent => {
  const content = inlineToNodes(runs);
  return content.length > 0 ? { type: NODE.paragraph, content } : { type: NODE.paragraph };
};

/** Wraps inline content the way an editor node holding inline text expects it. */
function withInline(node: JSONContent, runs: Inline | undefined): JSONContent {
  const content = inlineToNodes(runs);
  return content.length > 0 ? { ...node, content } : node;
}

/** One block as one editor node. */
export function blockToNode(block: Block): JSONContent {
  switch (block.type) {
    case "paragraph":
      return paragraph(block.content);
    case "heading":
      return withInline({ type: NODE.heading, attrs: { level: block.level } }, block.content);
    case "quote":
      return withInline(
        {
          type: NODE.quote,
          attrs: {
            speaker: block.speaker,
            setting: block.setting ?? "",
            sourceUrl: block.sourceUrl ?? "",
          },
        },
        block.content,
      );
    case "list":
      return {
        type: block.ordered ? NODE.orderedList : NODE.bulletList,
        content: block.items.map((item) => ({ type: NODE.listItem, content: [paragraph(item)] })),
      };
    case "image":
      return withInline(
        { type: NODE.image, attrs: { mediaId: block.mediaId, alt: block.alt } },
        block.caption,
      );
    case "video":
      return withInline(
        {
          type: NODE.video,
          attrs: {
            provider: block.provider,
            videoId: block.videoId ?? "",
            url: block.url ?? "",
            title: block.title,
            sourceName: block.source.name,
            sourceUrl: block.source.url ?? "",
          },
        },
        block.caption,
      );
    case "commentary":
      return {
        type: NODE.commentary,
        attrs: { label: block.label ?? "" },
        content: block.paragraphs.map(paragraph),
      };
    case "tracker":
      return withInline({ type: NODE.tracker, attrs: { trackerId: block.trackerId } }, block.intro);
    case "ad":
      return {
        type: NODE.ad,
        attrs: { slot: block.slot, width: block.width, height: block.height },
      };
    case "divider":
      return { type: NODE.divider };
    case "gallery":
      return {
        type: NODE.gallery,
        content: [
          ...block.images.map((i) =>
            withInline(
              { type: NODE.galleryImage, attrs: { mediaId: i.mediaId, alt: i.alt } },
              i.caption,
            ),
          ),
          withInline({ type: NODE.galleryCaption }, block.caption),
        ],
      };
    case "audio":
    case "video-file":
      return withInline(
        {
          type: block.type === "audio" ? NODE.audio : NODE.videoFile,
          attrs: {
            mediaId: block.mediaId,
            title: block.title,
            captionsId: block.captionsId ?? "",
            transcript: block.transcript ?? "",
          },
        },
        block.caption,
      );
    case "document":
      return withInline(
        { type: NODE.document, attrs: { mediaId: block.mediaId, title: block.title } },
        block.caption,
      );
    case "html":
      // Imported HTML is kept byte for byte (the editor shows it but never edits it); HTML
      // written by staff (no reason) is edited as its source by those who may.
      return { type: NODE.html, attrs: { html: block.html, reason: block.reason ?? "" } };
    case "table":
      return {
        type: NODE.table,
        attrs: { caption: block.caption ?? "", headerRow: block.headerRow },
        content: block.rows.map((row) => ({
          type: NODE.tableRow,
          content: row.map((cell) => withInline({ type: NODE.tableCell }, cell)),
        })),
      };
    case "pullquote":
      return withInline({ type: NODE.pullquote }, block.content);
    case "code":
      return {
        type: NODE.code,
        attrs: { language: block.language ?? "" },
        ...(block.code !== "" ? { content: [{ type: NODE.text, text: block.code }] } : {}),
      };
  }
}

/** An article body as an editor document (an empty body becomes one empty paragraph). */
export function blocksToDoc(blocks: readonly Block[]): JSONContent {
  const content = blocks.map(blockToNode);
  return { type: NODE.doc, content: content.length > 0 ? content : [{ type: NODE.paragraph }] };
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");
/** An optional text attribute: blank means absent. */
const optional = (value: unknown): string | undefined => {
  const s = text(value).trim();
  return s === "" ? undefined : s;
};
const optionalInline = (nodes: JSONContent[] | undefined): Inline | undefined => {
  const runs = nodesToInline(nodes);
  return runs.length > 0 ? runs : undefined;
};
const isBlank = (runs: Inline) => runs.every((r) => r.text.trim() === "");

/** Paragraph children of a node (list item, commentary) as inline runs, blank ones dropped. */
function paragraphsOf(node: JSONContent): Inline[] {
  return (node.content ?? [])
    .filter((child) => child.type === NODE.paragraph)
    .map((child) => nodesToInline(child.content))
    .filter((runs) => !isBlank(runs));
}

/**
 * A table node as a table block; rows short of the widest get empty cells (a pasted table may
 * be ragged), and a table with no text at all is nothing, like an empty paragraph.
 */
function tableBlock(node: JSONContent): Block | null {
  const rows = (node.content ?? [])
    .filter((row) => row.type === NODE.tableRow)
    .map((row) =>
      (row.content ?? [])
        .filter((cell) => cell.type === NODE.tableCell)
        .map((cell) => nodesToInline(cell.content)),
    );
  const width = Math.max(0, ...rows.map((row) => row.length));
  const caption = optional(node.attrs?.caption);
  if (caption === undefined && rows.every((row) => row.every(isBlank))) return null;
  return {
    type: "table",
    ...(caption !== undefined ? { caption } : {}),
    headerRow: node.attrs?.headerRow === true,
    rows: rows.map((row) => [...row, ...Array.from({ length: width - row.length }, () => [])]),
  };
}

/**
 * One editor node as a block, or null for a node that holds nothing (an empty paragraph,
 * heading or list). Required fields left empty stay empty, so the schema names them.
 */
export function nodeToBlock(node: JSONContent): Block | null {
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case NODE.paragraph: {
      const content = nodesToInline(node.content);
      return isBlank(content) ? null : { type: "paragraph", content };
    }
    case NODE.heading: {
      const content = nodesToInline(node.content);
      const level = attrs.level === 3 || attrs.level === 4 ? attrs.level : 2;
      return isBlank(content) ? null : { type: "heading", level, content };
    }
    case NODE.bulletList:
    case NODE.orderedList: {
      const items = (node.content ?? []).flatMap(paragraphsOf);
      return items.length === 0
        ? null
        : { type: "list", ordered: node.type === NODE.orderedList, items };
    }
    case NODE.quote: {
      const setting = optional(attrs.setting);
      const sourceUrl = optional(attrs.sourceUrl);
      return {
        type: "quote",
        content: nodesToInline(node.content),
        speaker: text(attrs.speaker).trim(),
        ...(setting !== undefined ? { setting } : {}),
        ...(sourceUrl !== undefined ? { sourceUrl } : {}),
      };
    }
    case NODE.image: {
      const caption = optionalInline(node.content);
      return {
        type: "image",
        mediaId: text(attrs.mediaId),
        alt: text(attrs.alt).trim(),
        ...(caption ? { caption } : {}),
      };
    }
    case NODE.video: {
      const videoId = optional(attrs.videoId);
      const url = optional(attrs.url);
      const caption = optionalInline(node.content);
      const sourceUrl = optional(attrs.sourceUrl);
      const provider =
        attrs.provider === "youtube" || attrs.provider === "vimeo" ? attrs.provider : "other";
      return {
        type: "video",
        provider,
        ...(videoId !== undefined ? { videoId } : {}),
        ...(url !== undefined ? { url } : {}),
        title: text(attrs.title).trim(),
        ...(caption ? { caption } : {}),
        source: {
          name: text(attrs.sourceName).trim(),
          ...(sourceUrl !== undefined ? { url: sourceUrl } : {}),
        },
      };
    }
    case NODE.commentary: {
      const label = optional(attrs.label);
      return {
        type: "commentary",
        ...(label !== undefined ? { label } : {}),
        paragraphs: paragraphsOf(node),
      };
    }
    case NODE.tracker: {
      const intro = optionalInline(node.content);
      return { type: "tracker", trackerId: text(attrs.trackerId), ...(intro ? { intro } : {}) };
    }
    case NODE.ad:
      return {
        type: "ad",
        slot: text(attrs.slot).trim(),
        width: Number(attrs.width),
        height: Number(attrs.height),
      };
    case NODE.divider:
      return { type: "divider" };
    case NODE.gallery: {
      const parts = node.content ?? [];
      const caption = optionalInline(parts.find((p) => p.type === NODE.galleryCaption)?.content);
      return {
        type: "gallery",
        images: parts
          .filter((p) => p.type === NODE.galleryImage)
          .map((p) => {
            const said = optionalInline(p.content);
            return {
              mediaId: text(p.attrs?.mediaId),
              alt: text(p.attrs?.alt).trim(),
              ...(said ? { caption: said } : {}),
            };
          }),
        ...(caption ? { caption } : {}),
      };
    }
    case NODE.audio:
    case NODE.videoFile: {
      const caption = optionalInline(node.content);
      const captionsId = optional(attrs.captionsId);
      const transcript = optional(attrs.transcript);
      return {
        type: node.type === NODE.audio ? "audio" : "video-file",
        mediaId: text(attrs.mediaId),
        title: text(attrs.title).trim(),
        ...(caption ? { caption } : {}),
        ...(captionsId !== undefined ? { captionsId } : {}),
        ...(transcript !== undefined ? { transcript } : {}),
      };
    }
    case NODE.document: {
      const caption = optionalInline(node.content);
      return {
        type: "document",
        mediaId: text(attrs.mediaId),
        title: text(attrs.title).trim(),
        ...(caption ? { caption } : {}),
      };
    }
    case NODE.html: {
      // Kept as stored (spaces too); blank means written by staff.
      const reason = text(attrs.reason);
      return { type: "html", html: text(attrs.html), ...(reason.trim() !== "" ? { reason } : {}) };
    }
    case NODE.table:
      return tableBlock(node);
    case NODE.pullquote:
      return { type: "pullquote", content: nodesToInline(node.content) };
    case NODE.code: {
      const language = optional(attrs.language);
      const code = (node.content ?? []).map((child) => child.text ?? "").join("");
      return { type: "code", ...(language !== undefined ? { language } : {}), code };
    }
    default:
      return null;
  }
}

/** The body of an editor document, with the editor node index of each block. */
export interface ConvertedBody {
  blocks: Block[];
  /** nodeIndex[i] is the position among the document's top-level nodes of blocks[i]. */
  nodeIndex: number[];
}

/** An editor document as an article body; nodes that hold nothing are left out. */
export function docToBlocks(doc: JSONContent): ConvertedBody {
  const blocks: Block[] = [];
  const nodeIndex: number[] = [];
  (doc.content ?? []).forEach((node, index) => {
    const block = nodeToBlock(node);
    if (block) {
      blocks.push(block);
      nodeIndex.push(index);
    }
  });
  return { blocks, nodeIndex };
}
