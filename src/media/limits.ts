// The media library's limits, in one place so the API, its docs and its tests agree.
import type { MediaKind } from "../content/index.js";

/** Largest upload accepted, in bytes (20 MiB): a full-size photo from a modern camera fits. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const MiB = 1024 * 1024;

/**
 * Largest upload of each kind, in bytes. Sound and video are stored as sent (no re-encoding), so
 * their limits are what a newsroom's clips reach: an hour of podcast at 128 kbit/s is ~58 MB, ten
 * minutes of 1080p phone video ~400 MB. The kind is read from the first bytes as they arrive, and
 * the upload is stopped as soon as it passes its kind's limit.
 */
export const MAX_UPLOAD_BYTES_OF_KIND = {
  image: MAX_UPLOAD_BYTES,
  audio: 200 * MiB,
  video: 500 * MiB,
  document: 50 * MiB,
  captions: 2 * MiB,
} as const satisfies Record<MediaKind, number>;

/** The largest upload of any kind: the multipart parser's own limit. */
export const MAX_ANY_UPLOAD_BYTES = Math.max(...Object.values(MAX_UPLOAD_BYTES_OF_KIND));

/**
 * Largest image accepted, in pixels (all frames of an animation together). A small file can
 * declare a huge canvas (a "decompression bomb"); decoding it would exhaust memory, so images are
 * measured from their header before any pixel is decoded. 100 megapixels covers every camera.
 */
export const MAX_INPUT_PIXELS = 100_000_000;

/**
 * Widths of the generated renditions, in CSS pixels of the widest use: avatars, phones,
 * the article column at 2x, large screens. Never wider than the original.
 */
export const VARIANT_WIDTHS = [240, 480, 960, 1600] as const;

/**
 * AVIF encoder effort (0–9). At the default (4) a 12-megapixel photo took about 5 s on two
 * cores; at 2 it adds about half a second and still saves a third of WebP's bytes
 * (docs/PERFORMANCE.md, bench/media-variants.mjs).
 */
export const AVIF_EFFORT = 2;

/**
 * Most frames an animation may have. Every frame is decoded and encoded at each width, so a
 * long animation costs seconds of CPU however small its file: an 11.6 MB GIF of 200 frames took
 * 22 s. Longer ones are refused from their header (413) rather than cut to their first frame,
 * which would publish something other than what was uploaded.
 */
export const MAX_FRAMES = 100;

/**
 * Heap limit of an image worker process, in MB. Pixels live outside the JavaScript heap (in
 * libvips), which sequential decoding of one job at a time and libvips' cache being off keep
 * to a few strips of the image; the heap holds only the job's small messages.
 */
export const IMAGE_WORKER_HEAP_MB = 64;

/** An image job still running after this long is stopped (its worker is killed and replaced). */
export const IMAGE_JOB_TIMEOUT_MS = 120_000;

/** How much lower than the server an image worker runs (a nice value added to the server's). */
export const IMAGE_WORKER_NICENESS = 10;

/**
 * Longer side of a PDF's first-page preview, in pixels: the widest rendition the article
 * column uses (the preview then goes through the image pipeline like any upload).
 */
export const PDF_PREVIEW_WIDTH = 1600;

/** A PDF whose first page takes longer than this to render is refused (a crafted file can). */
export const PDF_PREVIEW_TIMEOUT_MS = 30_000;

/**
 * A sound or video file whose remux (copying its streams into a fresh file without metadata)
 * takes longer than this is refused. Copying streams reads and writes the bytes once, which
 * takes seconds for the largest video allowed; only a crafted or broken file takes longer.
 */
export const AV_REMUX_TIMEOUT_MS = 120_000;

/** Reading a remuxed file's duration with ffprobe takes longer than this only on a broken file. */
export const AV_PROBE_TIMEOUT_MS = 30_000;
