/** Raster formats the library accepts, as sharp names them (AVIF is `heif` with AV1 there). */
export type SourceFormat = "jpeg" | "png" | "webp" | "avif" | "gif";

/** MIME type of each accepted format. */
export const MIME_TYPE_OF = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
} as const satisfies Record<SourceFormat, string>;

/** File name extension of each accepted format. */
export const EXTENSION_OF: Record<SourceFormat, string> = {
  jpeg: "jpg",
  png: "png",
  webp: "webp",
  avif: "avif",
  gif: "gif",
};

const ascii = (bytes: Buffer, at: number, text: string): boolean =>
  bytes.length >= at + text.length && bytes.toString("latin1", at, at + text.length) === text;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

/**
 * The image format the bytes begin with (their "magic number"), or undefined. The file's name
 * and the client's Content-Type are never consulted: both are whatever the sender says.
 */
export function sniffFormat(bytes: Buffer): SourceFormat | undefined {
  if (bytes.subarray(0, 3).equals(JPEG_SIGNATURE)) return "jpeg";
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return "png";
  if (ascii(bytes, 0, "GIF87a") || ascii(bytes, 0, "GIF89a")) return "gif";
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) return "webp";
  if (ascii(bytes, 4, "ftyp") && ftypBrands(bytes).some((b) => b === "avif" || b === "avis"))
    return "avif";
  return undefined;
}

/**
 * The brands of an ISO-BMFF file's leading `ftyp` box: the major brand, then the compatible ones
 * (an AVIF file may name "avif" only among the compatible brands, after e.g. "mif1").
 */
function ftypBrands(bytes: Buffer): string[] {
  const end = Math.min(bytes.readUInt32BE(0), bytes.length, 256);
  const brands = [bytes.toString("latin1", 8, 12)];
  // After the major brand comes a 4-byte minor version, then compatible brands to the box's end.
  for (let at = 16; at + 4 <= end; at += 4) brands.push(bytes.toString("latin1", at, at + 4));
  return brands;
}
