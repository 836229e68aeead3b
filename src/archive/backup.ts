// `masthead backup`: a dated archive, and on SQLite an online copy of the database file, in one
// folder that keeps the newest few of each.
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { sql } from "kysely";
import { ArchiveError } from "../content/errors.js";
import type { Store } from "../store/index.js";
import { describeIoError } from "./describe-io-error.js";
import { exportToFile } from "./export.js";

/** How many backups of each kind are kept unless told otherwise. */
export const DEFAULT_KEEP = 7;

/** Only files named this way are ever deleted: nothing else in the folder is touched. */
const BACKUP_NAME = /^masthead-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.(tar|db)$/;

/** What a backup needs. */
export interface BackupOptions {
  dataDir: string;
  /** Where backups go; default `<dataDir>/backups`. */
  dir?: string;
  /** How many of each kind to keep, the newest; default 7. */
  keep?: number;
  /** The moment the backup is named after (tests). */
  now?: Date;
}

/** What a backup wrote and deleted. */
export interface BackupReport {
  archive: string;
  /** The SQLite copy; absent on PostgreSQL (use pg_dump there as well, see docs/OPERATIONS.md). */
  database?: string;
  /** Older backups deleted to keep the newest N. */
  removed: string[];
}

/** `masthead-2026-12-02T01-22-09Z`: sorts by time, and has no ':' (awkward on some systems). */
export function backupBaseName(now: Date): string {
  return `masthead-${now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "-")}`;
}

/**
 * Writes a dated archive (and, on SQLite, a VACUUM INTO copy) into the backup folder, then deletes
 * the oldest backups beyond `keep` of each kind. Throws ArchiveError MH_ARCHIVE_WRITE_FAILED
 * (nothing partial is left behind; older backups are then kept).
 */
export async function backup(store: Store, opts: BackupOptions): Promise<BackupReport> {
  const dir = opts.dir ?? path.join(opts.dataDir, "backups");
  const keep = opts.keep ?? DEFAULT_KEEP;
  if (!Number.isInteger(keep) || keep < 1)
    throw new ArchiveError(
      "MH_ARCHIVE_WRITE_FAILED",
      `--keep must be a whole number of at least 1; got ${keep}`,
    );
  await mkdir(dir, { recursive: true }).catch((error) => {
    throw new ArchiveError(
      "MH_ARCHIVE_WRITE_FAILED",
      `cannot create the backup folder ${dir}: ${describeIoError(error)}`,
      { cause: error },
    );
  });
  const base = path.join(dir, backupBaseName(opts.now ?? new Date()));
  const existing = await readdir(dir);
  if (existing.includes(`${path.basename(base)}.tar`))
    throw new ArchiveError(
      "MH_ARCHIVE_WRITE_FAILED",
      `a backup named ${base}.tar already exists; wait a second and run the backup again`,
    );
  const archive = `${base}.tar`;
  await exportToFile(store, archive, { dataDir: opts.dataDir });
  let database: string | undefined;
  if (store.dialect === "sqlite") {
    database = `${base}.db`;
    await vacuumInto(store, database);
  }
  return { archive, database, removed: await prune(dir, keep) };
}

/**
 * An online, consistent copy of the SQLite database (readers and writers go on meanwhile), through
 * a `.partial` name so a failed copy never looks like a backup.
 */
async function vacuumInto(store: Store, file: string): Promise<void> {
  const partial = `${file}.partial`;
  await rm(partial, { force: true });
  try {
    await sql`vacuum into ${partial}`.execute(store.db);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw new ArchiveError(
      "MH_ARCHIVE_WRITE_FAILED",
      `could not copy the SQLite database to ${file}: ${describeIoError(error)}; the archive ` +
        "beside it is complete",
      { cause: error },
    );
  }
}

/** Deletes all but the newest `keep` backups of each kind; returns what it deleted. */
async function prune(dir: string, keep: number): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => BACKUP_NAME.test(n));
  const removed: string[] = [];
  for (const ext of [".tar", ".db"]) {
    const ofKind = names
      .filter((n) => n.endsWith(ext))
      .sort()
      .reverse();
    for (const name of ofKind.slice(keep)) {
      await rm(path.join(dir, name), { force: true });
      removed.push(path.join(dir, name));
    }
  }
  return removed;
}
