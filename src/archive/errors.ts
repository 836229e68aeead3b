// The one error the archive code throws. The CLI prints its message as it is, so the message says
// what is wrong, with which file or member, and what to do about it.

/** Stable codes of archive failures; the CLI and the admin API map them to exits and statuses. */
export type ArchiveErrorCode =
  /** Not a tar file, or a tar file without a Masthead manifest. */
  | "MH_ARCHIVE_NOT_AN_ARCHIVE"
  /** A Masthead archive from a newer Masthead, in a format this one cannot read. */
  | "MH_ARCHIVE_TOO_NEW"
  /** Cut short, bad bytes, a checksum that does not match, a member missing or malformed. */
  | "MH_ARCHIVE_CORRUPT"
  /** The database holds content and --force was not given. */
  | "MH_ARCHIVE_TARGET_NOT_EMPTY"
  /** The export could not read what it must put in the archive (e.g. a media file is gone). */
  | "MH_ARCHIVE_SOURCE_INCOMPLETE"
  /** Writing the archive or a backup failed (e.g. the disk is full). */
  | "MH_ARCHIVE_WRITE_FAILED";

/** A failure of export, restore or backup: nothing was written, or what was written is removed. */
export class ArchiveError extends Error {
  constructor(
    readonly code: ArchiveErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ArchiveError";
  }
}

/** "no space left on device (ENOSPC)" from a file-system error, else its message. */
export function describeIoError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ENOSPC: "no space left on device",
    EDQUOT: "disk quota exceeded",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "read-only file system",
    ENOENT: "no such file or directory",
    EISDIR: "is a directory",
  };
  if (typeof e?.code === "string" && reasons[e.code]) return `${reasons[e.code]} (${e.code})`;
  return e instanceof Error ? e.message : String(error);
}
