// An admin-started import's progress, written to its run by the worker itself: the worker has
// its own connection, so these writes queue behind its own transactions instead of making the
// site's thread wait for the database (SQLite's lock is taken synchronously).
import { type ImportRunProgress, recordImportProgress, type Store } from "../store/index.js";

/** A run writes its progress at most this often, and proves it is alive at least this often. */
const PROGRESS_EVERY_MS = 1000;
const HEARTBEAT_EVERY_MS = 5000;

/** What the worker tells a run as the importer goes. */
export interface RunProgress {
  update(pass: "scan" | "import", done: number, total: number): void;
  /** Writes the latest progress now and stops the heartbeat. */
  finish(): Promise<void>;
}

/** Records progress and a heartbeat on import run `runId` (see STALE_AFTER_MS in the service). */
export function createRunProgress(store: Store, runId: string): RunProgress {
  let latest: ImportRunProgress | undefined;
  let written: ImportRunProgress | undefined;
  let lastWrite = 0;
  let writing = Promise.resolve();
  let finishing: Promise<void> | undefined;
  const write = (force = false) => {
    const now = Date.now();
    const changed = latest !== written;
    if (!force && now - lastWrite < (changed ? PROGRESS_EVERY_MS : HEARTBEAT_EVERY_MS)) return;
    lastWrite = now;
    const progress = latest;
    written = progress;
    // One write at a time, in order; a failed one is retried by the next.
    writing = writing
      .then(() => recordImportProgress(store, runId, progress))
      .catch(() => {
        written = undefined;
      });
  };
  const heartbeat = setInterval(() => write(), HEARTBEAT_EVERY_MS);
  write(true);
  return {
    update(pass, done, total) {
      const now = new Date().toISOString();
      latest = {
        pass,
        done,
        total,
        passStartedAt: latest?.pass === pass ? latest.passStartedAt : now,
        updatedAt: now,
      };
      write();
    },
    finish() {
      finishing ??= (async () => {
        clearInterval(heartbeat);
        write(true);
        await writing;
      })();
      return finishing;
    },
  };
}
