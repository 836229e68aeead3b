import sharp, { type Metadata, type Sharp } from "sharp";
import type { VariantFormat } from "../content/index.js";
import { EXTENSION_OF, MIME_TYPE_OF, type SourceFormat, sniffFormat } from "./detect.js";
import { imageTooLarge, unsupportedMedia } from "./errors.js";
import { AVIF_EFFORT, MAX_INPUT_PIXELS } from "./limits.js";
import { planVariants } from "./plan.js";

/** A generated rendition, in memory until the upload is committed. */
export interface Rendition {
  format: VariantFormat;
  width: number;
  height: number;
  data: Buffer;
}

/** What an upload turned out to be, and its renditions. */
export interface ProcessedImage {
  format: SourceFormat;
  mimeType: (typeof MIME_TYPE_OF)[SourceFormat];
  /** File name extension for the original, e.g. "jpg". */
  extension: string;
  /** Width and height as displayed, after EXIF orientation. */
  width: number;
  height: number;
  animated: boolean;
  renditions: Rendition[];
}

/** What sharp's metadata calls each accepted format (AVIF is read by the HEIF loader). */
const SHARP_FORMAT: Record<SourceFormat, string> = {
  jpeg: "jpeg",
  png: "png",
  webp: "webp",
  avif: "heif",
  gif: "gif",
};

/**
 * Reads an uploaded file and generates its renditions (see plan.ts). Throws MediaError 415 when
 * the bytes are not an accepted image or cannot be decoded, 413 when the image has more pixels
 * than MAX_INPUT_PIXELS. Renditions carry no metadata (EXIF, GPS, XMP, IPTC): sharp writes none
 * unless asked, and pixels are turned upright first so no orientation tag is needed.
 */
export async function processImage(bytes: Buffer): Promise<ProcessedImage> {
  const format = sniffFormat(bytes);
  if (!format) throw unsupportedMedia();
  const meta = await readMetadata(bytes, format);
  const frames = meta.pages ?? 1;
  const frameHeight = meta.pageHeight ?? meta.height;
  if (meta.width * frameHeight * frames > MAX_INPUT_PIXELS)
    throw imageTooLarge(meta.width, frameHeight, frames, MAX_INPUT_PIXELS);

  const animated = frames > 1;
  // EXIF orientations 5–8 swap the axes; autoOrient gives the upright size.
  const width = animated ? meta.width : meta.autoOrient.width;
  const height = animated ? frameHeight : meta.autoOrient.height;
  const input = { animated, limitInputPixels: MAX_INPUT_PIXELS };
  let renditions: Rendition[];
  try {
    renditions = await Promise.all(
      planVariants(format, width, animated).map(async (v) => {
        const pipeline = sharp(bytes, input)
          .autoOrient()
          .resize({ width: v.width, withoutEnlargement: true });
        const { data, info } = await encode(pipeline, v.format).toBuffer({
          resolveWithObject: true,
        });
        return {
          format: v.format,
          width: info.width,
          height: animated ? Math.round((info.width * height) / width) : info.height,
          data,
        };
      }),
    );
  } catch (error) {
    throw unsupportedMedia(`it could not be decoded: ${reason(error)}`);
  }
  return {
    format,
    mimeType: MIME_TYPE_OF[format],
    extension: EXTENSION_OF[format],
    width,
    height,
    animated,
    renditions,
  };
}

async function readMetadata(bytes: Buffer, format: SourceFormat): Promise<Metadata> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { animated: true, limitInputPixels: false }).metadata();
  } catch (error) {
    throw unsupportedMedia(`it could not be read: ${reason(error)}`);
  }
  // A file can begin like one format and be something else; both checks must agree.
  if (meta.format !== SHARP_FORMAT[format] || (format === "avif" && meta.compression !== "av1"))
    throw unsupportedMedia(`it begins like ${format} but reads as ${meta.format}`);
  if (!meta.width || !meta.height) throw unsupportedMedia("it has no width or height");
  return meta;
}

function encode(pipeline: Sharp, format: VariantFormat): Sharp {
  switch (format) {
    case "avif":
      return pipeline.avif({ quality: 55, effort: AVIF_EFFORT });
    case "webp":
      return pipeline.webp({ quality: 80 });
    case "jpeg":
      return pipeline.jpeg({ quality: 82, progressive: true, mozjpeg: true });
    case "png":
      return pipeline.png({ compressionLevel: 9, adaptiveFiltering: true });
    case "gif":
      return pipeline.gif();
  }
}

/** The first line of a libvips message, without the internal prefix, for an error's detail. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [firstLine = ""] = message.split("\n");
  return firstLine.replace(/^[a-z_]+: /, "").slice(0, 200);
}
