import { randomUUID } from "node:crypto";
import type { VariantFormat } from "../content/index.js";
import { EXTENSION_OF, type SourceFormat } from "./detect.js";

/**
 * A fresh storage key for an uploaded original, `<uuid>.<ext>`. It shares nothing with the media
 * id or the renditions' keys: public pages link only renditions (which carry no metadata), so
 * the original, which may still hold the camera's EXIF and GPS position, cannot be derived from
 * anything a reader sees.
 */
export const originalKey = (format: SourceFormat): string =>
  `${randomUUID()}.${EXTENSION_OF[format]}`;

/**
 * The storage key of a rendition: `<prefix>-<width>.<ext>`, e.g. `3f…-960.webp`, where one random
 * prefix is shared by all renditions of an upload.
 */
export const variantKey = (prefix: string, format: VariantFormat, width: number): string =>
  `${prefix}-${width}.${EXTENSION_OF[format]}`;
