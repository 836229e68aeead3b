// What an uploaded file that is not an image is, told from its first bytes: sound, video, PDF or
// WebVTT. Like sniffFormat (detect.ts) it never reads the file's name or the sender's
// Content-Type, which are whatever the sender says.
import { open } from "node:fs/promises";
import { MediaError, type MediaKind, type MediaMimeType } from "../content/index.js";
import { sniffFormat } from "./detect.js";

/** A recognised non-image file: its type, the extension it is stored under and its kind. */
export interface SniffedFile {
  mimeType: Exclude<MediaMimeType, `image/${string}`>;
  extension: string;
  kind: Exclude<MediaKind, "image">;
}

/** How many leading bytes the checks below need (a WebM header names its DocType early). */
export const SNIFF_BYTES = 4096;

const ascii = (bytes: Buffer, at: number, text: string): boolean =>
  bytes.length >= at + text.length && bytes.toString("latin1", at, at + text.length) === text;

// MPEG-1/2 audio frame header: 11 sync bits, then version, layer, bitrate and sample rate
// fields, each of which has one reserved value a real frame never uses.
function isMpegAudioFrame(b: Buffer): boolean {
  if (b.length < 4 || b[0] !== 0xff || ((b[1] as number) & 0xe0) !== 0xe0) return false;
  const version = ((b[1] as number) >> 3) & 0b11;
  const layer = ((b[1] as number) >> 1) & 0b11;
  const bitrate = (b[2] as number) >> 4;
  const rate = ((b[2] as number) >> 2) & 0b11;
  return version !== 0b01 && layer !== 0b00 && bitrate !== 0 && bitrate !== 0xf && rate !== 0b11;
}

// ADTS (raw AAC): 12 sync bits, layer always 00, and a sampling index below 13.
function isAdtsFrame(b: Buffer): boolean {
  if (b.length < 4 || b[0] !== 0xff || ((b[1] as number) & 0xf6) !== 0xf0) return false;
  return (((b[2] as number) >> 2) & 0xf) < 13;
}

/** ISO-BMFF brands that mean sound only (iTunes-style .m4a, audiobooks). */
const AUDIO_BRANDS = new Set(["M4A ", "M4B ", "M4P "]);
/** Brands of MP4 video files as cameras, phones and encoders write them. */
const VIDEO_BRANDS = new Set([
  "isom",
  "iso2",
  "iso4",
  "iso5",
  "iso6",
  "mp41",
  "mp42",
  "avc1",
  "M4V ",
  "dash",
  "mmp4",
  "MSNV",
  "qt  ",
]);

function ftypBrand(bytes: Buffer): string | undefined {
  if (!ascii(bytes, 4, "ftyp") || bytes.length < 12) return undefined;
  return bytes.toString("latin1", 8, 12);
}

/**
 * The kind of non-image file the bytes begin with, or undefined (images are sniffFormat's;
 * anything else is refused by the caller).
 * @example sniffFile(Buffer.from("%PDF-1.7\n…")) // { mimeType: "application/pdf", … }
 */
export function sniffFile(bytes: Buffer): SniffedFile | undefined {
  if (ascii(bytes, 0, "%PDF-"))
    return { mimeType: "application/pdf", extension: "pdf", kind: "document" };
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE") && ascii(bytes, 12, "fmt "))
    return { mimeType: "audio/wav", extension: "wav", kind: "audio" };
  if (ascii(bytes, 0, "OggS")) {
    // The first page's packet names its codec; Ogg video (Theora) is not taken.
    const head = bytes.toString("latin1", 28, 40);
    if (head.startsWith("OpusHead") || head.startsWith("\x01vorbis"))
      return { mimeType: "audio/ogg", extension: "ogg", kind: "audio" };
    return undefined;
  }
  if (ascii(bytes, 0, "ID3") || isMpegAudioFrame(bytes))
    return { mimeType: "audio/mpeg", extension: "mp3", kind: "audio" };
  if (isAdtsFrame(bytes)) return { mimeType: "audio/aac", extension: "aac", kind: "audio" };
  const brand = ftypBrand(bytes);
  if (brand !== undefined) {
    if (AUDIO_BRANDS.has(brand)) return { mimeType: "audio/mp4", extension: "m4a", kind: "audio" };
    if (VIDEO_BRANDS.has(brand)) return { mimeType: "video/mp4", extension: "mp4", kind: "video" };
    return undefined;
  }
  // EBML header, then a DocType of "webm" (Matroska's other files are not taken).
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x1a45dfa3) {
    const header = bytes.subarray(0, 64);
    return header.includes("\x42\x82\x84webm", 0, "latin1")
      ? { mimeType: "video/webm", extension: "webm", kind: "video" }
      : undefined;
  }
  if (isWebVtt(bytes)) return { mimeType: "text/vtt", extension: "vtt", kind: "captions" };
  return undefined;
}

/** A WebVTT file: optional BOM, "WEBVTT", then a space, tab or line end; text, no NUL bytes. */
function isWebVtt(bytes: Buffer): boolean {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (!ascii(bytes, start, "WEBVTT")) return false;
  const after = bytes[start + 6];
  if (after !== undefined && ![0x20, 0x09, 0x0a, 0x0d].includes(after)) return false;
  return !bytes.includes(0);
}

/** What a file on disk is: an image format, a non-image file, or neither (undefined). */
export async function sniffPath(
  file: string,
): Promise<{ kind: "image" } | SniffedFile | undefined> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    if (sniffFormat(bytes)) return { kind: "image" };
    return sniffFile(bytes);
  } finally {
    await handle.close();
  }
}

/** 415 for a file of no accepted kind, naming what is accepted. */
export const unsupportedUpload = () =>
  new MediaError(
    "MH_UNSUPPORTED_MEDIA",
    "the file is not of a kind the media library takes: images (JPEG, PNG, WebP, AVIF, GIF), sound (MP3, M4A/AAC, Ogg Vorbis/Opus, WAV), video (MP4, WebM), PDF documents or WebVTT captions; the file's contents decide, not its name",
  );
