import { MAX_UPLOAD_BYTES } from "./limits.js";

/** Stable codes of the media layer's refusals. */
export type MediaErrorCode = "MH_TOO_LARGE" | "MH_UNSUPPORTED_MEDIA";

/**
 * A file the media library will not take. `statusCode` lets the HTTP layer answer 413 or 415
 * without knowing this layer.
 */
export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    readonly statusCode: 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = "MediaError";
  }
}

/** 413: the upload is bigger than the limit in bytes. */
export const fileTooLarge = (limit = MAX_UPLOAD_BYTES) =>
  new MediaError(
    "MH_TOO_LARGE",
    413,
    `the file is larger than the upload limit of ${formatBytes(limit)}; export a smaller version (e.g. 4000 pixels wide, JPEG quality 85) and upload that`,
  );

/** 413: the image declares more pixels than may safely be decoded. */
export const imageTooLarge = (width: number, height: number, frames: number, limit: number) =>
  new MediaError(
    "MH_TOO_LARGE",
    413,
    `the image is ${width}×${height} pixels${frames > 1 ? ` × ${frames} frames` : ""}, more than the limit of ${limit / 1_000_000} megapixels; scale it down and upload it again`,
  );

/** 415: the bytes are not one of the accepted image formats (whatever the name says). */
export const unsupportedMedia = (detail?: string) =>
  new MediaError(
    "MH_UNSUPPORTED_MEDIA",
    415,
    `the file is not a JPEG, PNG, WebP, AVIF or GIF image${detail ? ` (${detail})` : ""}`,
  );

/** "20 MB" for the binary megabytes of MAX_UPLOAD_BYTES; exact bytes below one megabyte. */
export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 && Number.isInteger(mb) ? `${mb} MB` : `${bytes} bytes`;
}
