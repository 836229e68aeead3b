// Storing an image: the one write path for uploads (admin API) and imports (CLI).
import { randomUUID } from "node:crypto";
import { rename, writeFile } from "node:fs/promises";
import type { MediaInput, MediaItem } from "../content/index.js";
import {
  type ImageProcessor,
  originalKey,
  processImageFile,
  type Staging,
  withStaging,
} from "../media/index.js";
import { createMedia, recordChanges, type Store, transact } from "../store/index.js";
import { changedOutOfSight } from "./change-events.js";

/** What a person says about an image: its alt text, description (optional) and credit. */
export type ImageDetails = Pick<MediaInput, "alt" | "description" | "credit">;

/** Records something else in the transaction that records the image (e.g. an import's note). */
export type AlsoRecord = (tx: Store, item: MediaItem) => Promise<void>;

/**
 * Stores an image already written to `file` in `staging`: generates its renditions there with
 * `process` (in a worker process for uploads), then records the item and its renditions and
 * moves the files into the media folder in one transaction, with `alsoRecord` in the same one,
 * recording media.added (no page shows a new image until an article uses it). On any failure no row remains, and withStaging removes the files. Throws MediaError (415, 413,
 * 422, 503) for bytes that are not an accepted image or could not be processed,
 * ContentInvalidError for bad details.
 */
export async function storeStagedImage(
  store: Store,
  staging: Staging,
  file: string,
  details: ImageDetails,
  uploadedBy: string | null,
  process: ImageProcessor,
  alsoRecord?: AlsoRecord,
): Promise<MediaItem> {
  // Renditions share one random prefix, unrelated to the original's key (see originalKey).
  const image = await process(file, staging.dir, randomUUID());
  const original = originalKey(image.format);
  await rename(file, staging.path(original));
  const input = {
    storageKey: original,
    mimeType: image.mimeType,
    width: image.width,
    height: image.height,
    ...details,
  };
  const variants = image.renditions.map((r) => ({
    format: r.format,
    width: r.width,
    height: r.height,
    storageKey: r.key,
    bytes: r.bytes,
  }));
  return transact(store, async (tx) => {
    const created = await createMedia(tx, input, { uploadedBy, variants });
    await alsoRecord?.(tx, created);
    await staging.publish([original, ...variants.map((v) => v.storageKey)]);
    await recordChanges(tx, [changedOutOfSight("media.added", { mediaId: created.id })]);
    return created;
  });
}

/**
 * Stores an image held in memory (an import's download), processed in this process: imports
 * already run in a worker of their own. See storeStagedImage.
 */
export async function storeImage(
  store: Store,
  dataDir: string,
  bytes: Buffer,
  details: ImageDetails,
  uploadedBy: string | null,
  alsoRecord?: AlsoRecord,
): Promise<MediaItem> {
  return withStaging(dataDir, async (staging) => {
    const file = staging.path("upload");
    await writeFile(file, bytes);
    return storeStagedImage(
      store,
      staging,
      file,
      details,
      uploadedBy,
      processImageFile,
      alsoRecord,
    );
  });
}
