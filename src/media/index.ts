// The media layer: turns uploaded bytes into a checked image and its responsive renditions, and
// places files in the media folder all or nothing. Imports only the domain (src/content).
export { EXTENSION_OF, MIME_TYPE_OF, type SourceFormat, sniffFormat } from "./detect.js";
export {
  fileTooLarge,
  formatBytes,
  imageTooLarge,
  MediaError,
  type MediaErrorCode,
  unsupportedMedia,
} from "./errors.js";
export {
  type MediaFile,
  mediaDirOf,
  removeMediaFiles,
  saveMediaFiles,
} from "./files.js";
export { ORIGINAL_PREFIX, originalKey, variantKey } from "./keys.js";
export { AVIF_EFFORT, MAX_INPUT_PIXELS, MAX_UPLOAD_BYTES, VARIANT_WIDTHS } from "./limits.js";
export { type PlannedVariant, planVariants, variantFormats, variantWidths } from "./plan.js";
export { type ProcessedImage, processImage, type Rendition } from "./process.js";
