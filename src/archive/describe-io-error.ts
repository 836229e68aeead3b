// The archive code's messages name the file-system failure in words: the CLI prints them as they
// are, so "no space left on device (ENOSPC)" tells the operator what to fix.

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
