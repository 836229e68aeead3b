import { open } from "node:fs/promises";
import path from "node:path";
import sharp, { type Metadata, type Sharp } from "sharp";
import { imageTooLarge, tooManyFrames, unsupportedMedia } from "../content/errors.js";
import type { VariantFormat } from "../content/index.js";
import { EXTENSION_OF, MIME_TYPE_OF, type SourceFormat, sniffFormat } from "./detect.js";
import { variantKey } from "./keys.js";
import { AVIF_EFFORT, MAX_FRAMES, MAX_INPUT_PIXELS } from "./limits.js";
import { type PlannedVariant, planVariants } from "./plan.js";

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

/** A rendition written to a file by processImageFile. */
export interface RenditionFile {
  format: VariantFormat;
  width: number;
  height: number;
  /** Its file name in the output folder (a storage key). */
  key: string;
  bytes: number;
}

/** What processImageFile found, with the renditions it wrote. */
export type ProcessedImageFile = Omit<ProcessedImage, "renditions"> & {
  renditions: RenditionFile[];
};

/** Where a rendition goes: given its encoder pipeline, returns what is kept of it. */
type Sink<R> = (pipeline: Sharp, variant: PlannedVariant, height: number) => Promise<R>;

/**
 * Reads an uploaded file and generates its renditions (see plan.ts) in memory. Throws MediaError
 * 415 when the bytes are not an accepted image or cannot be decoded, 413 when the image has more
 * pixels than MAX_INPUT_PIXELS or more frames than MAX_FRAMES. Renditions carry no metadata
 * (EXIF, GPS, XMP, IPTC): sharp writes none unless asked, and pixels are turned upright first.
 */
export async function processImage(bytes: Buffer): Promise<ProcessedImage> {
  return render(bytes, sniffFormat(bytes), async (pipeline, v, height) => {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { format: v.format, width: info.width, height, data };
  });
}

/**
 * Like processImage, for a file on disk: writes each rendition as `<prefix>-<width>.<ext>` into
 * `outDir` and returns their keys and sizes. What the image worker runs: nothing of the image
 * passes through the JavaScript heap or the worker's messages.
 */
export async function processImageFile(
  file: string,
  outDir: string,
  prefix: string,
): Promise<ProcessedImageFile> {
  return render(file, await sniffFile(file), async (pipeline, v, height) => {
    const key = variantKey(prefix, v.format, v.width);
    const info = await pipeline.toFile(path.join(outDir, key));
    return { format: v.format, width: info.width, height, key, bytes: info.size };
  });
}

/** The format the first bytes of `file` say it is. */
async function sniffFile(file: string): Promise<SourceFormat | undefined> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return sniffFormat(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

async function render<R>(
  input: Buffer | string,
  format: SourceFormat | undefined,
  sink: Sink<R>,
): Promise<Omit<ProcessedImage, "renditions"> & { renditions: R[] }> {
  if (!format) throw unsupportedMedia();
  const meta = await readMetadata(input, format);
  const frames = meta.pages ?? 1;
  const frameHeight = meta.pageHeight ?? meta.height;
  // Both limits are read from the header, before a single pixel is decoded.
  if (frames > MAX_FRAMES) throw tooManyFrames(frames, MAX_FRAMES);
  if (meta.width * frameHeight * frames > MAX_INPUT_PIXELS)
    throw imageTooLarge(meta.width, frameHeight, frames, MAX_INPUT_PIXELS);

  const animated = frames > 1;
  // EXIF orientations 5–8 swap the axes; autoOrient gives the upright size.
  const width = animated ? meta.width : meta.autoOrient.width;
  const height = animated ? frameHeight : meta.autoOrient.height;
  const heightAt = (w: number) => Math.max(1, Math.round((w * height) / width));
  const plan = planVariants(format, width, animated);
  const renditions: R[] = [];
  try {
    // One decode for a still image: the source is read once, sequentially, and shrunk to the
    // widest rendition, from which the others are made. Decoding a 100-megapixel PNG once per
    // rendition (twelve times) was what made an upload take seconds of every core.
    const widest = Math.max(...plan.map((v) => v.width));
    const still = animated
      ? undefined
      : await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true })
          .autoOrient()
          .resize({ width: widest, height: heightAt(widest), fit: "fill" })
          .raw()
          .toBuffer({ resolveWithObject: true });
    // One rendition at a time: the worker runs one libvips thread, and memory stays one image.
    for (const v of plan) {
      const pipeline = still
        ? sharp(still.data, {
            raw: {
              width: still.info.width,
              height: still.info.height,
              channels: still.info.channels,
            },
          }).resize({
            width: v.width,
            height: heightAt(v.width),
            fit: "fill",
          })
        : sharp(input, {
            animated: true,
            limitInputPixels: MAX_INPUT_PIXELS,
            sequentialRead: true,
          }).resize({ width: v.width, withoutEnlargement: true });
      renditions.push(await sink(encode(pipeline, v.format), v, heightAt(v.width)));
    }
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

async function readMetadata(input: Buffer | string, format: SourceFormat): Promise<Metadata> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { animated: true, limitInputPixels: false }).metadata();
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
