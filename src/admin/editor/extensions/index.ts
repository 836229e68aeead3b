import type { AnyExtension, NodeViewRenderer } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { HrefSchema } from "../../../content/index.js";
import { Ad } from "./ad.js";
import { CodeBlock } from "./code-block.js";
import { Commentary } from "./commentary.js";
import { Image } from "./image.js";
import { LegacyHtml } from "./legacy-html.js";
import { ListItem } from "./list-item.js";
import { Audio, DocumentNode, Gallery, VideoFile } from "./media-blocks.js";
import { PasteCleanup } from "./paste.js";
import { Placeholders } from "./placeholder.js";
import { PullQuote } from "./pull-quote.js";
import { Quote } from "./quote.js";
import { SlashCommands, type SlashController } from "./slash.js";
import { Table, TableCell, TableRow } from "./table.js";
import { Tracker } from "./tracker.js";
import { Video } from "./video.js";

/** Views (the fields around the text) of the blocks that have them; none in tests. */
export interface BlockViews {
  quote?: NodeViewRenderer;
  image?: NodeViewRenderer;
  video?: NodeViewRenderer;
  commentary?: NodeViewRenderer;
  tracker?: NodeViewRenderer;
  ad?: NodeViewRenderer;
  legacyHtml?: NodeViewRenderer;
  gallery?: NodeViewRenderer;
  audio?: NodeViewRenderer;
  videoFile?: NodeViewRenderer;
  document?: NodeViewRenderer;
  table?: NodeViewRenderer;
  pullQuote?: NodeViewRenderer;
  codeBlock?: NodeViewRenderer;
}

/**
 * StarterKit as the content model allows it: no code, strike-through, underline, line breaks or
 * stock list items (ours hold one paragraph), headings of levels 2 to 4, and links checked with
 * the content schema's rule.
 */
function starterKit(): AnyExtension {
  return StarterKit.configure({
    blockquote: false,
    code: false,
    codeBlock: false,
    strike: false,
    underline: false,
    hardBreak: false,
    listItem: false,
    heading: { levels: [2, 3, 4] },
    link: {
      openOnClick: false,
      // Off: an autolinking mark is "inclusive", so text typed after a link would join it.
      autolink: false,
      defaultProtocol: "https",
      // The same rule the content schema applies: no javascript: or data: links.
      isAllowedUri: (url) => HrefSchema.safeParse(url).success,
      HTMLAttributes: { rel: null, target: null },
    },
  });
}

/**
 * The live composer's smaller schema: paragraphs, headings, lists and dividers with bold, italic
 * and links. Its documents convert with the body's code (convert.ts), so an update's blocks are
 * the body's blocks.
 */
export function liveUpdateExtensions(): AnyExtension[] {
  return [starterKit(), ListItem, PasteCleanup];
}

/**
 * The editor's schema and behaviour: exactly the blocks and marks of the content model, so
 * nothing typed can fail to convert (no code, strike-through, nested lists or line breaks).
 */
export function editorExtensions(
  views: BlockViews = {},
  slash: SlashController = { onKey: null },
): AnyExtension[] {
  return [
    starterKit(),
    ListItem,
    Quote.configure({ view: views.quote ?? null }),
    Image.configure({ view: views.image ?? null }),
    Video.configure({ view: views.video ?? null }),
    Commentary.configure({ view: views.commentary ?? null }),
    Tracker.configure({ view: views.tracker ?? null }),
    Ad.configure({ view: views.ad ?? null }),
    LegacyHtml.configure({ view: views.legacyHtml ?? null }),
    Gallery.configure({ view: views.gallery ?? null }),
    Audio.configure({ view: views.audio ?? null }),
    VideoFile.configure({ view: views.videoFile ?? null }),
    DocumentNode.configure({ view: views.document ?? null }),
    Table.configure({ view: views.table ?? null }),
    TableRow,
    TableCell,
    PullQuote.configure({ view: views.pullQuote ?? null }),
    CodeBlock.configure({ view: views.codeBlock ?? null }),
    PasteCleanup,
    Placeholders,
    SlashCommands.configure({ controller: () => slash }),
  ];
}
