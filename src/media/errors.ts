import { MAX_UPLOAD_BYTES } from "./limits.js";

/** Stable codes of the media layer's refusals. */
export type MediaErrorCode =
  | "MH_TOO_LARGE"
  | "MH_UNSUPPORTED_MEDIA"
  | "MH_IMAGE_FAILED"
  | "MH_UPLOADS_BUSY";

/**
 * A file the media library will not take, or cannot take now. `statusCode` lets the HTTP layer
 * answer without knowing this layer; `retryAfterSeconds` is set when trying again later helps.
 */
export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    readonly statusCode: 413 | 415 | 422 | 503,
    message: string,
    readonly retryAfterSeconds?: number,
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

/** 413: the animation has more frames than MAX_FRAMES. */
export const tooManyFrames = (frames: number, limit: number) =>
  new MediaError(
    "MH_TOO_LARGE",
    413,
    `the animation has ${frames} frames, more than the limit of ${limit}; shorten it (or upload a still image or a video) and try again`,
  );

/** 422: the image worker stopped (killed, out of memory, timed out) before the job finished. */
export const imageFailed = (why: string) =>
  new MediaError(
    "MH_IMAGE_FAILED",
    422,
    `processing the image stopped before it finished (${why}); nothing was stored. Try again, and if it fails again upload a smaller image`,
  );

/** 503: every image worker is busy and the queue is full. */
export const uploadsBusy = (retryAfterSeconds: number) =>
  new MediaError(
    "MH_UPLOADS_BUSY",
    503,
    `the server is processing as many images as it can take; try again in ${retryAfterSeconds} seconds`,
    retryAfterSeconds,
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
