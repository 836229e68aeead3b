// The media library's limits, in one place so the API, its docs and its tests agree.

/** Largest upload accepted, in bytes (20 MiB): a full-size photo from a modern camera fits. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

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
