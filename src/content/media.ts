import { z } from "zod";
import { HrefSchema } from "./inline.js";
import { getLicense, type License, LicenseIdSchema } from "./licenses.js";
import { proseField, textField } from "./text.js";

/** Who made a media item, where it came from and under which license it is used. */
export const CreditSchema = z
  .object({
    creator: textField().trim().max(200).default(""),
    sourceName: textField().trim().max(200).default(""),
    sourceUrl: HrefSchema.optional(),
    license: LicenseIdSchema,
  })
  .strict();
export type Credit = z.output<typeof CreditSchema>;

export const IMAGE_MIME_TYPES = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/avif",
  "image/gif",
  "image/svg+xml",
] as const;

/** Sound files the library takes (MP3, AAC in MP4 or ADTS, Ogg Vorbis/Opus, WAV). */
export const AUDIO_MIME_TYPES = [
  "audio/mpeg",
  "audio/mp4",
  "audio/aac",
  "audio/ogg",
  "audio/wav",
] as const;
/** Video files the library takes: the two containers every current browser plays. */
export const VIDEO_MIME_TYPES = ["video/mp4", "video/webm"] as const;
/** Documents the library takes, shown with a preview of their first page. */
export const DOCUMENT_MIME_TYPES = ["application/pdf"] as const;
/** Timed text tracks (captions, subtitles) for audio and video blocks. */
export const CAPTIONS_MIME_TYPES = ["text/vtt"] as const;

/** Every type the media library stores. */
export const MEDIA_MIME_TYPES = [
  ...IMAGE_MIME_TYPES,
  ...AUDIO_MIME_TYPES,
  ...VIDEO_MIME_TYPES,
  ...DOCUMENT_MIME_TYPES,
  ...CAPTIONS_MIME_TYPES,
] as const;
export type MediaMimeType = (typeof MEDIA_MIME_TYPES)[number];

/** What a media item is, for pickers and blocks: derived from its type, never stored apart. */
export const MEDIA_KINDS = ["image", "audio", "video", "document", "captions"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** The MIME types of one kind of media. */
export const MIME_TYPES_OF_KIND: Record<MediaKind, readonly MediaMimeType[]> = {
  image: IMAGE_MIME_TYPES,
  audio: AUDIO_MIME_TYPES,
  video: VIDEO_MIME_TYPES,
  document: DOCUMENT_MIME_TYPES,
  captions: CAPTIONS_MIME_TYPES,
};

/** The kind of a media item with this MIME type. */
export function mediaKindOf(mimeType: string): MediaKind {
  for (const kind of MEDIA_KINDS)
    if ((MIME_TYPES_OF_KIND[kind] as readonly string[]).includes(mimeType)) return kind;
  return "image";
}

/** Longest media description, in characters (UTF-16 code units, as zod counts them). */
export const MAX_MEDIA_DESCRIPTION = 5000;

/** A media library item; `storageKey` names the file under the data directory's media folder. */
export const MediaInputSchema = z
  .object({
    storageKey: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9._-]{0,200}$/,
        "storage key may hold lowercase letters, digits, ., _ and -",
      ),
    mimeType: z.enum(MEDIA_MIME_TYPES, {
      error: () => `media type must be one of: ${MEDIA_MIME_TYPES.join(", ")}`,
    }),
    /**
     * Pixels of an image, or of a document's first-page preview; 0 where the file has none or
     * the library does not measure it (sound, captions, video, whose player sizes itself).
     */
    width: z.number().int().nonnegative(),
    height: z.number().int().nonnegative(),
    alt: textField().trim().max(500).default(""),
    /**
     * The longer text about the image (a WordPress attachment's description): for the library's
     * search and the image's long description, never shown to readers on its own.
     */
    description: proseField().trim().max(MAX_MEDIA_DESCRIPTION).default(""),
    credit: CreditSchema,
    /**
     * How long a sound or video file plays, in milliseconds (read by ffprobe at upload); absent
     * for other kinds and for files stored before it was measured.
     */
    durationMs: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((m) => mediaKindOf(m.mimeType) !== "image" || (m.width > 0 && m.height > 0), {
    message: "an image needs a width and a height",
    path: ["width"],
    // Checked even when another field (a credit) is wrong, so every problem is named at once.
    when: ({ value }) => {
      const m = value as { mimeType?: unknown; width?: unknown; height?: unknown };
      return (
        typeof m.mimeType === "string" &&
        typeof m.width === "number" &&
        typeof m.height === "number"
      );
    },
  });
export type MediaInput = z.input<typeof MediaInputSchema>;
export type MediaData = z.output<typeof MediaInputSchema>;

/** Formats of the generated renditions, best compression first (the order `<source>`s take). */
export const VARIANT_FORMATS = ["avif", "webp", "jpeg", "png", "gif"] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

/** A generated rendition of an uploaded image: one format at one width, metadata stripped. */
export interface MediaVariant {
  format: VariantFormat;
  width: number;
  height: number;
  /** The file's name under the data directory's media folder. */
  storageKey: string;
}

export interface MediaItem extends MediaData {
  id: string;
  /** Responsive renditions (uploads only); absent or empty for SVG and demo media. */
  variants?: MediaVariant[];
}

/** The parts of a credit line, ready to render: "Creator / Source, License (linked to its deed)". */
export interface CreditLine {
  creator: string;
  sourceName: string;
  sourceUrl?: string;
  license: License;
}

/** Builds the credit line of a media item. */
export function creditLine(credit: Credit): CreditLine {
  return {
    creator: credit.creator,
    sourceName: credit.sourceName,
    sourceUrl: credit.sourceUrl,
    license: getLicense(credit.license),
  };
}

/** Whether the license asks for attribution the credit does not yet give (editor warning). */
export function creditIsIncomplete(credit: Credit): boolean {
  return (
    getLicense(credit.license).requiresAttribution &&
    credit.creator === "" &&
    credit.sourceName === ""
  );
}
