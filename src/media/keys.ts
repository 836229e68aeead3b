import { randomUUID } from "node:crypto";
import type { VariantFormat } from "../content/index.js";
import { EXTENSION_OF, type SourceFormat } from "./detect.js";

/** The prefix of every uploaded original's storage key; /media/ never serves such a file. */
export const ORIGINAL_PREFIX = "original-";

/**
 * A fresh storage key for an uploaded original, `original-<uuid>.<ext>`. It shares nothing with
 * the media id or the renditions' keys, and the public media route refuses the prefix: public
 * pages link only renditions (which carry no metadata), while the original may still hold the
 * camera's EXIF and GPS position.
 */
export const originalKey = (format: SourceFormat): string =>
  `${ORIGINAL_PREFIX}${randomUUID()}.${EXTENSION_OF[format]}`;

/**
 * The storage key of a rendition: `<prefix>-<width>.<ext>`, e.g. `3f…-960.webp`, where one random
 * prefix is shared by all renditions of an upload.
 */
export const variantKey = (prefix: string, format: VariantFormat, width: number): string =>
  `${prefix}-${width}.${EXTENSION_OF[format]}`;
