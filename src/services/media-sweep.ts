// The start-up sweep of the media folder: what uploads interrupted by a crash left behind.
import { type SweepResult, sweepMediaFiles } from "../media/index.js";
import { referencedStorageKeys, type Store } from "../store/index.js";

/**
 * Removes abandoned staging folders and media files no record points to (see sweepMediaFiles
 * for which, and why it is safe beside other running instances). Run before the server listens,
 * so no orphan of a crash is ever served.
 */
export async function sweepOrphanMedia(
  store: Store,
  dataDir: string,
  now = Date.now(),
): Promise<SweepResult> {
  return sweepMediaFiles(dataDir, (keys) => referencedStorageKeys(store, keys), now);
}
