import { randomUUID } from "node:crypto";
import { mkdir, rename, rm, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

/** A file to place in the media folder. */
export interface MediaFile {
  /** Its name in the media folder (a storage key). */
  key: string;
  data: Uint8Array;
}

/** The folder the public site serves as /media/: `<dataDir>/media`. */
export const mediaDirOf = (dataDir: string): string => path.join(dataDir, "media");

/**
 * Where uploads are written before they are committed: beside the media folder (so a rename
 * moves them, on the same file system), never inside it (so nothing half-written is served).
 */
const stagingDirOf = (dataDir: string): string => path.join(dataDir, "media-staging");

/**
 * Writes `files` into a staging folder, then runs `record(publish)`, which records them (e.g. in
 * one database transaction) and calls `publish()` to move them into the media folder before it
 * commits. If anything fails, the staged and published files are removed again: an upload ends
 * either fully stored and recorded, or without a trace.
 */
export async function saveMediaFiles<T>(
  dataDir: string,
  files: readonly MediaFile[],
  record: (publish: () => Promise<void>) => Promise<T>,
): Promise<T> {
  const mediaDir = mediaDirOf(dataDir);
  const staging = path.join(stagingDirOf(dataDir), randomUUID());
  const published: string[] = [];
  try {
    await mkdir(staging, { recursive: true });
    await mkdir(mediaDir, { recursive: true });
    await Promise.all(files.map((f) => writeFile(path.join(staging, f.key), f.data)));
    return await record(async () => {
      for (const f of files) {
        const target = path.join(mediaDir, f.key);
        await rename(path.join(staging, f.key), target);
        published.push(target);
      }
    });
  } catch (error) {
    await Promise.all(published.map((p) => rm(p, { force: true })));
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Removes files from the media folder; a file already gone is not an error. Returns the keys
 * that could not be removed (e.g. permissions), so the caller can log them.
 */
export async function removeMediaFiles(
  dataDir: string,
  keys: readonly string[],
): Promise<string[]> {
  const mediaDir = mediaDirOf(dataDir);
  const failed: string[] = [];
  await Promise.all(
    keys.map(async (key) => {
      try {
        await unlink(path.join(mediaDir, key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") failed.push(key);
      }
    }),
  );
  return failed;
}
