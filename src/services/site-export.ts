// The admin app's "Download export": the archive `masthead export` writes, streamed as the
// response instead of to a file.
import { Transform } from "node:stream";
import { exportArchive } from "../archive/export.js";
import type { Store } from "../store/index.js";

/** An export on its way out: the name to save it under and the archive's bytes. */
export interface ExportDownload {
  fileName: string;
  stream: Transform;
}

/**
 * Starts the export of `store`'s publication and resolves once its first bytes are ready, so a
 * failure before any byte (a media file missing) is an error answer, not a cut download. A
 * failure later ends the stream with the error (and is passed to `onLateError`): the download
 * fails rather than ending as a short file.
 */
export async function exportDownload(
  store: Store,
  dataDir: string,
  onLateError: (error: unknown) => void,
): Promise<ExportDownload> {
  let started!: () => void;
  const firstBytes = new Promise<void>((resolve) => {
    started = resolve;
  });
  const stream = new Transform({
    transform(chunk, _encoding, callback) {
      started();
      callback(null, chunk);
    },
  });
  const done = exportArchive(store, { dataDir }, stream);
  await Promise.race([firstBytes, done]);
  done.catch((error) => {
    onLateError(error);
    stream.destroy(error as Error);
  });
  const date = new Date().toISOString().slice(0, 10);
  return { fileName: `masthead-${date}.tar`, stream };
}
