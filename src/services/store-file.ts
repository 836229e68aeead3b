// Storing a sound, video, PDF or captions file under a fresh key, recorded in one transaction
// with its files moved into the media folder (the image path is store-image.ts). Sound and video
// are copied without their metadata (a source's location, device, name) and their duration is
// recorded; PDFs and captions are kept as sent.
import { randomUUID } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import { MediaError, type MediaItem } from "../content/index.js";
import {
  type ImageProcessor,
  processImageFile,
  remuxWithoutMetadata,
  renderPdfPreview,
  type SniffedFile,
  type Staging,
  withStaging,
} from "../media/index.js";
import {
  createMedia,
  recordChanges,
  type Store,
  type StoredMediaVariant,
  transact,
} from "../store/index.js";
import { changedOutOfSight } from "./change-events.js";
import type { AlsoRecord, ImageDetails } from "./store-image.js";

/**
 * Stores `file` (in `staging`, already recognised as `what`) as a media item. Sound and video are
 * remuxed by ffmpeg without metadata, and their duration recorded. A PDF's first page is
 * rendered with pdftoppm and goes through `process` like an uploaded image: its renditions are
 * the item's variants (the document block's preview). A captions file must be UTF-8 text.
 * Nothing is recorded or left in the media folder when any step fails. Throws MediaError 415
 * for sound or video ffmpeg cannot read, a damaged PDF or captions that are not UTF-8, and what
 * `process` throws.
 */
export async function storeStagedFile(
  store: Store,
  staging: Staging,
  file: string,
  what: SniffedFile,
  details: ImageDetails,
  uploadedBy: string | null,
  process: ImageProcessor,
  alsoRecord?: AlsoRecord,
): Promise<MediaItem> {
  if (what.kind === "captions") await mustBeUtf8(file);
  let size = { width: 0, height: 0 };
  let variants: StoredMediaVariant[] = [];
  let stored = file;
  let durationMs: number | undefined;
  if (what.kind === "audio" || what.kind === "video") {
    stored = staging.path("without-metadata");
    ({ durationMs } = await remuxWithoutMetadata(file, stored, what));
  }
  if (what.kind === "document") {
    const png = await renderPdfPreview(file, staging.path("preview"));
    const preview = await process(png, staging.dir, randomUUID());
    size = { width: preview.width, height: preview.height };
    variants = preview.renditions.map((r) => ({
      format: r.format,
      width: r.width,
      height: r.height,
      storageKey: r.key,
      bytes: r.bytes,
    }));
  }
  // Served as it is, so not an `original-` key (which /media/ refuses): `<uuid>.<ext>`.
  const key = `${randomUUID()}.${what.extension}`;
  await rename(stored, staging.path(key));
  const input = {
    storageKey: key,
    mimeType: what.mimeType,
    ...size,
    ...details,
    ...(durationMs === undefined ? {} : { durationMs }),
  };
  return transact(store, async (tx) => {
    const created = await createMedia(tx, input, { uploadedBy, variants });
    await alsoRecord?.(tx, created);
    await staging.publish([key, ...variants.map((v) => v.storageKey)]);
    await recordChanges(tx, [changedOutOfSight("media.added", { mediaId: created.id })]);
    return created;
  });
}

/**
 * Stores a sound, video, PDF or captions file held in memory (an import's copy), already
 * recognised as `what`, processed in this process: imports run in a worker of their own. See
 * storeStagedFile.
 */
export async function storeFile(
  store: Store,
  dataDir: string,
  bytes: Buffer,
  what: SniffedFile,
  details: ImageDetails,
  uploadedBy: string | null,
  alsoRecord?: AlsoRecord,
): Promise<MediaItem> {
  return withStaging(dataDir, async (staging) => {
    const file = staging.path("upload");
    await writeFile(file, bytes);
    return storeStagedFile(
      store,
      staging,
      file,
      what,
      details,
      uploadedBy,
      processImageFile,
      alsoRecord,
    );
  });
}

async function mustBeUtf8(file: string): Promise<void> {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(await readFile(file));
  } catch {
    throw new MediaError(
      "MH_UNSUPPORTED_MEDIA",
      "the captions file is not UTF-8 text; save it as WebVTT in UTF-8 and upload it again",
    );
  }
}
