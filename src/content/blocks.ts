import { z } from "zod";
import { htmlToText } from "./html-text.js";
import { IdSchema } from "./ids.js";
import { HrefSchema, type Inline, InlineSchema, inlineText } from "./inline.js";
import { proseField, refuseControlCharacters, textField } from "./text.js";
import {
  CodeBlockSchema,
  PullQuoteBlockSchema,
  TableBlockSchema,
  tableText,
} from "./writing-blocks.js";

const nonEmptyInline = InlineSchema.min(1, "text is required");
const shortText = (what: string, max: number) =>
  textField()
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} must be at most ${max} characters`);

export const ParagraphBlockSchema = z
  .object({ type: z.literal("paragraph"), content: nonEmptyInline })
  .strict();

export const HeadingBlockSchema = z
  .object({
    type: z.literal("heading"),
    // h1 is the headline; body headings start at h2.
    level: z.union([z.literal(2), z.literal(3), z.literal(4)]),
    content: nonEmptyInline,
  })
  .strict();

/** A quotation with who said it and where (e.g. "Fox News, Hannity"). */
export const QuoteBlockSchema = z
  .object({
    type: z.literal("quote"),
    content: nonEmptyInline,
    speaker: shortText("speaker", 200),
    setting: textField().trim().max(300).optional(),
    sourceUrl: HrefSchema.optional(),
  })
  .strict();

export const ListBlockSchema = z
  .object({
    type: z.literal("list"),
    ordered: z.boolean(),
    items: z.array(nonEmptyInline).min(1, "a list needs at least one item"),
  })
  .strict();

/** An image from the media library; the credit lives on the media item. */
export const ImageBlockSchema = z
  .object({
    type: z.literal("image"),
    mediaId: IdSchema,
    alt: shortText("alt text", 500),
    caption: InlineSchema.optional(),
  })
  .strict();

export const VIDEO_PROVIDERS = ["youtube", "vimeo", "other"] as const;

/** A third-party video shown behind a click-to-play facade; the address is optional when unknown. */
export const VideoBlockSchema = z
  .object({
    type: z.literal("video"),
    provider: z.enum(VIDEO_PROVIDERS),
    videoId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "video id may hold only letters, digits, - and _")
      .optional(),
    url: refuseControlCharacters(
      z.url({ protocol: /^https$/, message: "video url must be an https:// address" }),
    ).optional(),
    title: shortText("video title", 300),
    caption: InlineSchema.optional(),
    source: z.object({ name: shortText("source name", 200), url: HrefSchema.optional() }).strict(),
  })
  .strict();

/** The author's own opinion inside a reported piece, rendered visibly apart. */
export const CommentaryBlockSchema = z
  .object({
    type: z.literal("commentary"),
    label: textField().trim().min(1).max(80).optional(),
    paragraphs: z.array(nonEmptyInline).min(1, "commentary needs at least one paragraph"),
  })
  .strict();

/** A pointer to a tracker (structured data list) with the sentence that introduces it. */
export const TrackerBlockSchema = z
  .object({
    type: z.literal("tracker"),
    trackerId: IdSchema,
    intro: InlineSchema.optional(),
  })
  .strict();

/** A labelled advertising slot; its size is reserved so the page does not shift. */
export const AdBlockSchema = z
  .object({
    type: z.literal("ad"),
    slot: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, "ad slot name may hold lowercase letters, digits and -"),
    width: z.number().int().min(50).max(2000),
    height: z.number().int().min(50).max(2000),
  })
  .strict();

export const DividerBlockSchema = z.object({ type: z.literal("divider") }).strict();

/** The most HTML one legacy block may hold (a long imported table fits; a whole site does not). */
export const HTML_BLOCK_MAX = 100_000;

/**
 * Imported markup with no Masthead equivalent (a WordPress table, an unknown shortcode's output),
 * kept so nothing is lost and marked so editors can convert it later. `html` is sanitized to a
 * safe subset when imported and again every time it is rendered (src/sanitize/legacy-html.ts):
 * the schema cannot sanitize (the domain imports no HTML library), so it only bounds the size.
 */
export const HtmlBlockSchema = z
  .object({
    type: z.literal("html"),
    html: proseField()
      .refine((html) => html.trim() !== "", "html is required")
      .max(HTML_BLOCK_MAX, `html must be at most ${HTML_BLOCK_MAX} characters`),
    /**
     * Why an import could not convert it, e.g. "wp:table", "shortcode [contact-form-7]". Absent
     * on HTML that staff holding the `block.html` permission wrote in the editor.
     */
    reason: shortText("reason", 200).optional(),
  })
  .strict();

/**
 * Most images one gallery holds. A longer series is refused rather than rendered: 500 pictures
 * on one page are megabytes of thumbnails that no reader pages through, and every save and
 * page load would carry them; several galleries (or a linked archive) serve such a set better.
 */
export const GALLERY_MAX_IMAGES = 100;

/**
 * Longest caption of one picture of a gallery, in characters of text (the featured image's
 * limit): it sits under a thumbnail in a grid, where a longer one is an article of its own.
 */
export const GALLERY_IMAGE_CAPTION_MAX = 1000;

/** One picture of a gallery; its credit is the media item's own (printed under each image). */
export const GalleryImageSchema = z
  .object({
    mediaId: IdSchema,
    alt: shortText("alt text", 500),
    // Rich text like an image block's caption: bold, italic and links.
    caption: InlineSchema.refine(
      (runs) => inlineText(runs).length <= GALLERY_IMAGE_CAPTION_MAX,
      `caption must be at most ${GALLERY_IMAGE_CAPTION_MAX} characters`,
    ).optional(),
  })
  .strict();

/** Several images from the media library, in the order given, with a caption for the set. */
export const GalleryBlockSchema = z
  .object({
    type: z.literal("gallery"),
    images: z
      .array(GalleryImageSchema)
      .min(1, "a gallery needs at least one image")
      .max(
        GALLERY_MAX_IMAGES,
        `a gallery holds at most ${GALLERY_MAX_IMAGES} images; split a longer series into several galleries`,
      ),
    caption: InlineSchema.optional(),
  })
  .strict();

/** Longest transcript of an audio or video file, in characters (about three hours of speech). */
export const TRANSCRIPT_MAX = 200_000;

/** Fields shared by sound and video files from the media library. */
const playableFields = (what: string) => ({
  mediaId: IdSchema,
  title: shortText(`${what} title`, 300),
  caption: InlineSchema.optional(),
  /** A WebVTT file from the media library, offered to the player as captions. */
  captionsId: IdSchema.optional(),
  /** What is said, for readers who cannot or would rather not listen (and for search). */
  transcript: proseField()
    .max(TRANSCRIPT_MAX, `transcript must be at most ${TRANSCRIPT_MAX} characters`)
    .optional(),
});

/** A sound file uploaded to the media library, played by the browser's own player. */
export const AudioBlockSchema = z
  .object({ type: z.literal("audio"), ...playableFields("audio") })
  .strict();

/** A video file uploaded to the media library (a third-party one is a `video` block). */
export const VideoFileBlockSchema = z
  .object({ type: z.literal("video-file"), ...playableFields("video") })
  .strict();

/** A PDF from the media library, shown as its first page's preview linking to the file. */
export const DocumentBlockSchema = z
  .object({
    type: z.literal("document"),
    mediaId: IdSchema,
    title: shortText("document title", 300),
    caption: InlineSchema.optional(),
  })
  .strict();

export const BlockSchema = z.discriminatedUnion(
  "type",
  [
    ParagraphBlockSchema,
    HeadingBlockSchema,
    QuoteBlockSchema,
    ListBlockSchema,
    ImageBlockSchema,
    VideoBlockSchema,
    CommentaryBlockSchema,
    TrackerBlockSchema,
    AdBlockSchema,
    DividerBlockSchema,
    HtmlBlockSchema,
    TableBlockSchema,
    PullQuoteBlockSchema,
    CodeBlockSchema,
    GalleryBlockSchema,
    AudioBlockSchema,
    VideoFileBlockSchema,
    DocumentBlockSchema,
  ],
  {
    error: (issue) =>
      issue.code === "invalid_union"
        ? "unknown block type; expected paragraph, heading, quote, list, image, video, commentary, tracker, ad, divider, html, table, pullquote, code, gallery, audio, video-file or document"
        : undefined,
  },
);

export type Block = z.infer<typeof BlockSchema>;
export type BlockType = Block["type"];
export type ParagraphBlock = z.infer<typeof ParagraphBlockSchema>;
export type HeadingBlock = z.infer<typeof HeadingBlockSchema>;
export type QuoteBlock = z.infer<typeof QuoteBlockSchema>;
export type ListBlock = z.infer<typeof ListBlockSchema>;
export type ImageBlock = z.infer<typeof ImageBlockSchema>;
export type VideoBlock = z.infer<typeof VideoBlockSchema>;
export type CommentaryBlock = z.infer<typeof CommentaryBlockSchema>;
export type TrackerBlock = z.infer<typeof TrackerBlockSchema>;
export type AdBlock = z.infer<typeof AdBlockSchema>;
export type DividerBlock = z.infer<typeof DividerBlockSchema>;
export type HtmlBlock = z.infer<typeof HtmlBlockSchema>;
export type GalleryBlock = z.infer<typeof GalleryBlockSchema>;
export type GalleryImage = z.infer<typeof GalleryImageSchema>;
export type AudioBlock = z.infer<typeof AudioBlockSchema>;
export type VideoFileBlock = z.infer<typeof VideoFileBlockSchema>;
export type DocumentBlock = z.infer<typeof DocumentBlockSchema>;

/**
 * An unfinished block as a body stores it in a draft (IncompleteBlock in incomplete-block.ts,
 * which builds on this file): declared here by shape so the helpers below accept a whole body.
 */
export interface UnfinishedBlock {
  type: "incomplete";
  block: { type: string; [field: string]: unknown };
}

/** The words an unfinished block already holds (its text runs, title and speaker). */
export function unfinishedText(block: UnfinishedBlock): string {
  const words: string[] = [];
  const walk = (value: unknown, key?: string) => {
    if (typeof value === "string") {
      if (key === "text" || key === "title" || key === "speaker") words.push(value);
    } else if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value !== null && typeof value === "object")
      for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(block.block);
  return words.join(" ").trim();
}

/** The readable text of a block, as a reader would read it (used for reading time and search). */
export function blockText(block: Block | UnfinishedBlock): string {
  const join = (parts: (Inline | undefined)[]) =>
    parts
      .filter((p): p is Inline => p !== undefined)
      .map(inlineText)
      .join("\n");
  switch (block.type) {
    case "paragraph":
    case "heading":
      return inlineText(block.content);
    case "quote":
      return inlineText(block.content);
    case "list":
      return join(block.items);
    case "image":
      return join([block.caption]);
    case "video":
      return join([block.caption]);
    case "commentary":
      return join(block.paragraphs);
    case "tracker":
      return join([block.intro]);
    case "html":
      return htmlToText(block.html);
    case "table":
      return tableText(block);
    case "pullquote":
      return inlineText(block.content);
    case "code":
      return block.code;
    case "gallery":
      return join([...block.images.map((i) => i.caption), block.caption]);
    case "audio":
    case "video-file":
      return [block.title, join([block.caption]), block.transcript ?? ""]
        .filter((t) => t !== "")
        .join("\n");
    case "document":
      return [block.title, join([block.caption])].filter((t) => t !== "").join("\n");
    case "ad":
    case "divider":
      return "";
    case "incomplete":
      return unfinishedText(block);
  }
}

/**
 * The ids of every media item the body refers to. An unfinished block's ids are not counted
 * until it is complete (it is not shown anywhere meanwhile).
 */
export function mediaIdsOf(body: readonly (Block | UnfinishedBlock)[]): string[] {
  return body.flatMap((b) => {
    switch (b.type) {
      case "image":
      case "document":
        return [b.mediaId];
      case "gallery":
        return b.images.map((i) => i.mediaId);
      case "audio":
      case "video-file":
        return b.captionsId ? [b.mediaId, b.captionsId] : [b.mediaId];
      default:
        return [];
    }
  });
}

/** The ids of every tracker the body refers to. */
export function trackerIdsOf(body: readonly (Block | UnfinishedBlock)[]): string[] {
  return body.flatMap((b) => (b.type === "tracker" ? [b.trackerId] : []));
}
