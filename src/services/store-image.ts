// Storing an image: the one write path for uploads (admin API) and imports (CLI).
import { randomUUID } from "node:crypto";
import type { MediaInput, MediaItem } from "../content/index.js";
import {
  type MediaFile,
  originalKey,
  processImage,
  saveMediaFiles,
  variantKey,
} from "../media/index.js";
import { createMedia, type Store, transact } from "../store/index.js";

/** What a person says about an image: its alt text, description (optional) and credit. */
export type ImageDetails = Pick<MediaInput, "alt" | "description" | "credit">;

/**
 * Generates the image's renditions, then stores the original and every rendition and records
 * them in one transaction, with `alsoRecord` (e.g. an import's note of where it came from) in
 * the same one: on any failure, no file and no row remain. Throws MediaError (415, 413) for
 * bytes that are not an accepted image, ContentInvalidError for bad details.
 */
export async function storeImage(
  store: Store,
  dataDir: string,
  bytes: Buffer,
  details: ImageDetails,
  uploadedBy: string | null,
  alsoRecord?: (tx: Store, item: MediaItem) => Promise<void>,
): Promise<MediaItem> {
  const image = await processImage(bytes);
  const original = originalKey(image.format);
  // Renditions share one random prefix, unrelated to the original's key (see originalKey).
  const prefix = randomUUID();
  const variants = image.renditions.map((r) => ({
    format: r.format,
    width: r.width,
    height: r.height,
    storageKey: variantKey(prefix, r.format, r.width),
    bytes: r.data.length,
    data: r.data,
  }));
  const files: MediaFile[] = [
    { key: original, data: bytes },
    ...variants.map((v) => ({ key: v.storageKey, data: v.data })),
  ];
  const input = {
    storageKey: original,
    mimeType: image.mimeType,
    width: image.width,
    height: image.height,
    ...details,
  };
  return saveMediaFiles(dataDir, files, (publish) =>
    transact(store, async (tx) => {
      const created = await createMedia(tx, input, {
        uploadedBy,
        variants: variants.map(({ data: _data, ...v }) => v),
      });
      await alsoRecord?.(tx, created);
      await publish();
      return created;
    }),
  );
}
