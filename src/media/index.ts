// The media layer: turns uploaded bytes into a checked image and its responsive renditions,
// sound and video into files without metadata, and places files in the media folder all or
// nothing. Imports only the domain (src/content).
export { type RemuxedFile, remuxWithoutMetadata } from "./av-remux.js";
export { EXTENSION_OF, MIME_TYPE_OF, type SourceFormat, sniffFormat } from "./detect.js";
export {
  type MediaFile,
  mediaDirOf,
  removeMediaFiles,
  type Staging,
  SWEEP_GRACE_MS,
  type SweepResult,
  saveMediaFiles,
  stagingDirOf,
  sweepMediaFiles,
  withStaging,
} from "./files.js";
export {
  BUSY_RETRY_AFTER_SECONDS,
  createImagePool,
  type ImagePool,
  type ImagePoolOptions,
  type ImageProcessor,
} from "./image-pool.js";
export { ORIGINAL_PREFIX, originalKey, variantKey } from "./keys.js";
export {
  AV_PROBE_TIMEOUT_MS,
  AV_REMUX_TIMEOUT_MS,
  AVIF_EFFORT,
  IMAGE_JOB_TIMEOUT_MS,
  IMAGE_WORKER_HEAP_MB,
  IMAGE_WORKER_NICENESS,
  MAX_ANY_UPLOAD_BYTES,
  MAX_FRAMES,
  MAX_INPUT_PIXELS,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_BYTES_OF_KIND,
  PDF_PREVIEW_TIMEOUT_MS,
  PDF_PREVIEW_WIDTH,
  VARIANT_WIDTHS,
} from "./limits.js";
export { renderPdfPreview } from "./pdf-preview.js";
export { type PlannedVariant, planVariants, variantFormats, variantWidths } from "./plan.js";
export {
  type ProcessedImage,
  type ProcessedImageFile,
  processImage,
  processImageFile,
  type Rendition,
  type RenditionFile,
} from "./process.js";
export {
  SNIFF_BYTES,
  type SniffedFile,
  sniffFile,
  sniffPath,
  unsupportedUpload,
} from "./sniff-file.js";
