import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
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
export const stagingDirOf = (dataDir: string): string => path.join(dataDir, "media-staging");

/**
 * This process among all that may share the data directory: host, process id and a random id
 * (a restarted container's server often gets the same process id as the one that died).
 */
const OWNER = [encodeURIComponent(hostname()), process.pid, randomUUID().slice(0, 8)].join("~");

/** The file in a staging folder that lists the keys being moved into the media folder. */
const PUBLISHING = "publishing.json";

/** One upload's staging folder, named after the process that owns it (see sweepMediaFiles). */
export interface Staging {
  dir: string;
  /** The path of `name` in the folder. */
  path(name: string): string;
  /**
   * Moves the files `keys` (already in the folder) into the media folder; called inside the
   * transaction that records them, just before it commits. The keys are listed in the folder
   * first, so that a process killed between this and the commit leaves a note of what the
   * start-up sweep must check.
   */
  publish(keys: readonly string[]): Promise<void>;
}

/**
 * Gives `work` a fresh staging folder and removes it afterwards. If `work` fails, files it
 * published are removed again: an upload ends either fully stored and recorded, or without a
 * trace (and if the process is killed instead, the start-up sweep removes the trace).
 */
export async function withStaging<T>(
  dataDir: string,
  work: (staging: Staging) => Promise<T>,
): Promise<T> {
  const mediaDir = mediaDirOf(dataDir);
  const dir = path.join(stagingDirOf(dataDir), `${OWNER}~${randomUUID()}`);
  const published: string[] = [];
  const staging: Staging = {
    dir,
    path: (name) => path.join(dir, name),
    async publish(keys) {
      await writeFile(path.join(dir, PUBLISHING), JSON.stringify(keys));
      for (const key of keys) {
        const target = path.join(mediaDir, key);
        await rename(path.join(dir, key), target);
        published.push(target);
      }
    },
  };
  try {
    await mkdir(dir, { recursive: true });
    await mkdir(mediaDir, { recursive: true });
    return await work(staging);
  } catch (error) {
    await Promise.all(published.map((p) => rm(p, { force: true })));
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Writes `files` into a staging folder, then runs `record(publish)`, which records them (e.g. in
 * one database transaction) and calls `publish()` to move them into the media folder before it
 * commits. If anything fails, the staged and published files are removed again.
 */
export async function saveMediaFiles<T>(
  dataDir: string,
  files: readonly MediaFile[],
  record: (publish: () => Promise<void>) => Promise<T>,
): Promise<T> {
  return withStaging(dataDir, async (staging) => {
    await Promise.all(files.map((f) => writeFile(staging.path(f.key), f.data)));
    return record(() => staging.publish(files.map((f) => f.key)));
  });
}

/**
 * How long a staging folder or an unrecorded media file is left alone when nothing shows that
 * its process died: another instance on another host may be about to commit it.
 */
export const SWEEP_GRACE_MS = 60 * 60_000;

/** What the start-up sweep removed. */
export interface SweepResult {
  /** Staging folders removed (names). */
  staging: string[];
  /** Media files removed (keys) that no record pointed to. */
  files: string[];
}

/** Names of uploads and renditions as storage keys make them (demo files and others are kept). */
const SWEEPABLE =
  /^(original-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(-\d+)?\.[a-z]+$/;

/**
 * Removes what uploads interrupted by a crash left behind: staging folders of processes that are
 * gone (this host's, by process id) or older than SWEEP_GRACE_MS (any host's), and media files
 * that no record points to and that either such a folder was publishing or are older than the
 * grace period. `referenced(keys)` answers which of `keys` a record points to; a file a record
 * points to is never removed. Safe with several instances on one data directory: a live
 * instance's folders and fresh files are left alone.
 */
export async function sweepMediaFiles(
  dataDir: string,
  referenced: (keys: readonly string[]) => Promise<Set<string>>,
  now = Date.now(),
): Promise<SweepResult> {
  const result: SweepResult = { staging: [], files: [] };
  const abandonedKeys = new Set<string>();
  const liveKeys = new Set<string>();
  const stagingDir = stagingDirOf(dataDir);
  for (const name of await listDir(stagingDir)) {
    const dir = path.join(stagingDir, name);
    const keys = await publishingKeys(dir);
    if (ownerIsGone(name) || now - (await changedAt(dir)) > SWEEP_GRACE_MS) {
      for (const key of keys) abandonedKeys.add(key);
      await rm(dir, { recursive: true, force: true });
      result.staging.push(name);
    } else {
      for (const key of keys) liveKeys.add(key);
    }
  }
  const mediaDir = mediaDirOf(dataDir);
  const candidates: string[] = [];
  for (const key of await listDir(mediaDir)) {
    if (!SWEEPABLE.test(key) || liveKeys.has(key)) continue;
    if (
      abandonedKeys.has(key) ||
      now - (await changedAt(path.join(mediaDir, key))) > SWEEP_GRACE_MS
    )
      candidates.push(key);
  }
  const kept = await referenced(candidates);
  for (const key of candidates.filter((k) => !kept.has(k))) {
    await rm(path.join(mediaDir, key), { force: true });
    result.files.push(key);
  }
  return result;
}

/** True when a staging folder's name says its process is gone: this host, and no such process. */
function ownerIsGone(name: string): boolean {
  const [host, pid, instance] = name.split("~");
  if (host === undefined || pid === undefined || instance === undefined) return false;
  if (decodeURIComponent(host) !== hostname()) return false;
  if (Number(pid) === process.pid) return `${host}~${pid}~${instance}` !== OWNER;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** The keys a staging folder was moving into the media folder, if it got that far. */
async function publishingKeys(dir: string): Promise<string[]> {
  try {
    const keys: unknown = JSON.parse(await readFile(path.join(dir, PUBLISHING), "utf8"));
    return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === "string") : [];
  } catch {
    return [];
  }
}

/**
 * When a file or folder last changed: its status change time, which a rename sets and no
 * archive tool can set back (a restored or copied file's modification time may be years old).
 */
async function changedAt(file: string): Promise<number> {
  try {
    const s = await stat(file);
    return Math.max(s.ctimeMs, s.mtimeMs);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
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
