// The media library's editorial jobs: uploading an image, editing its alt text, description and
// credit, and deleting it. See docs/ADMIN_API.md, "Media".
import { type Actor, actorCan } from "../auth/actor.js";
import { forbidden, NotFoundError, StaleError } from "../content/index.js";
import { articleOrPagePath } from "../content/public-paths.js";
import {
  type ImageProcessor,
  removeMediaFiles,
  type Staging,
  sniffPath,
  unsupportedUpload,
} from "../media/index.js";
import {
  deleteMedia,
  getArticlesByIds,
  getMediaRecord,
  type MediaDetailsChange,
  type MediaRecord,
  type MediaUsage,
  mediaUsage,
  recordChanges,
  type Store,
  transact,
  updateMediaDetails,
} from "../store/index.js";
import { changedOutOfSight } from "./change-events.js";
import { storeStagedFile } from "./store-file.js";
import { type AlsoRecord, type ImageDetails, storeStagedImage } from "./store-image.js";

/** An upload as the route read it: the file in its staging folder and its checked details. */
export interface StagedUpload {
  staging: Staging;
  file: string;
  details: ImageDetails;
}

/**
 * Stores an uploaded image (renditions made by `process`, in the image workers), sound, video,
 * PDF (its first page rendered as the preview) or WebVTT file as the actor's, told apart by its
 * first bytes, and returns its record. Records media.added (no page shows a new image yet). Throws
 * MH_FORBIDDEN without media.upload, MediaError for bytes that are not an accepted file,
 * ContentInvalidError for bad details; nothing stays then.
 * @example const record = await uploadMedia({ store, process: images.process }, actor, upload);
 */
export async function uploadMedia(
  deps: { store: Store; process: ImageProcessor },
  actor: Actor,
  upload: StagedUpload,
): Promise<MediaRecord> {
  if (!actorCan(actor, "media.upload")) throw forbidden("upload media");
  let record: MediaRecord | undefined;
  const readBack: AlsoRecord = async (tx, created) => {
    record = await getMediaRecord(tx, created.id);
  };
  const what = await sniffPath(upload.file);
  if (!what) throw unsupportedUpload();
  const { staging, file, details } = upload;
  const item =
    what.kind === "image"
      ? await storeStagedImage(
          deps.store,
          staging,
          file,
          details,
          actor.userId,
          deps.process,
          readBack,
        )
      : await storeStagedFile(
          deps.store,
          staging,
          file,
          what,
          details,
          actor.userId,
          deps.process,
          readBack,
        );
  if (!record) throw new NotFoundError("media item", item.id);
  return record;
}

/** A media item as edited, with where it is used. */
export interface EditedMedia {
  saved: MediaRecord;
  usage: MediaUsage;
}

/**
 * Changes a media item's alt text, description and credit if it is still at `version` (the one
 * the editor read; undefined is refused as stale, naming the current one). Uploaders may edit
 * their own images, media.edit.any anyone's. Records media.updated with the pages of the
 * published articles that use it: they print its credit line, and its alt text where a block has
 * none. Throws MH_FORBIDDEN, NotFoundError, StaleError or ContentInvalidError.
 * @example await editMediaDetails({ store }, actor, id, { alt: "A heron" }, 3);
 */
export async function editMediaDetails(
  deps: { store: Store },
  actor: Actor,
  id: string,
  change: MediaDetailsChange,
  version: number | undefined,
): Promise<EditedMedia> {
  if (!actorCan(actor, "media.upload")) throw forbidden("edit media details");
  return transact(deps.store, async (tx) => {
    const current = await getMediaRecord(tx, id);
    if (!current) throw new NotFoundError("media item", id);
    if (!actorCan(actor, "media.edit.any") && current.uploadedBy !== actor.userId)
      throw forbidden("edit media someone else uploaded");
    if (version === undefined) throw new StaleError("media item", id, current.version, false);
    const result = await updateMediaDetails(tx, id, change, version);
    if ("staleVersion" in result) throw new StaleError("media item", id, result.staleVersion);
    const usage = await mediaUsage(tx, id);
    const shown = await getArticlesByIds(
      tx,
      usage.articles.filter((a) => a.status === "published").map((a) => a.id),
    );
    const paths = shown.filter((a) => a.status === "published").map(articleOrPagePath);
    await recordChanges(tx, [{ type: "media.updated", ids: { mediaId: id }, paths }]);
    return { saved: result.saved, usage };
  });
}

/** A deleted media item, and the files of it that could not be removed. */
export interface DeletedMedia {
  record: MediaRecord;
  filesLeft: string[];
}

/**
 * Deletes a media item no article or person uses, then its files (once the rows are gone: a
 * failure leaves an unreferenced file, never a record pointing at a missing one). Records
 * media.deleted (no page showed it). Throws MH_FORBIDDEN without media.delete, NotFoundError, or
 * MediaInUseError naming where it is used.
 * @example const { filesLeft } = await deleteMediaItem({ store, dataDir }, actor, id);
 */
export async function deleteMediaItem(
  deps: { store: Store; dataDir: string },
  actor: Actor,
  id: string,
): Promise<DeletedMedia> {
  if (!actorCan(actor, "media.delete")) throw forbidden("delete media");
  const record = await transact(deps.store, async (tx) => {
    const deleted = await deleteMedia(tx, id);
    await recordChanges(tx, [changedOutOfSight("media.deleted", { mediaId: id })]);
    return deleted;
  });
  const filesLeft = await removeMediaFiles(deps.dataDir, [
    record.storageKey,
    ...record.variants.map((v) => v.storageKey),
  ]);
  return { record, filesLeft };
}
