// What a re-run does with a post or page an earlier run imported, whichever platform it came
// from: the same source hash and no edit since means nothing to do; an edit or a deletion in
// Masthead is left alone unless --overwrite says otherwise.
import {
  getVersionedArticle,
  type ImportedRecord,
  type Store,
  type VersionedArticle,
} from "../store/index.js";

/** Write the item (replacing `existing` when there is one), or leave it, counted as `as`. */
export type RerunDecision =
  | { write: true; existing?: VersionedArticle }
  | { write: false; as: "unchanged" }
  | { write: false; as: "skipped"; reason: string };

/** Decides from the earlier run's record (if any), the item's source hash now and --overwrite. */
export async function decideRerun(
  store: Store,
  earlier: ImportedRecord | undefined,
  contentHash: string,
  overwrite: boolean,
): Promise<RerunDecision> {
  if (!earlier) return { write: true };
  if (earlier.currentVersion == null)
    return overwrite
      ? { write: true }
      : {
          write: false,
          as: "skipped",
          reason: "deleted in Masthead since the last import (use --overwrite to import it again)",
        };
  const edited = earlier.currentVersion !== earlier.targetVersion;
  if (edited && !overwrite)
    return {
      write: false,
      as: "skipped",
      reason: "edited in Masthead since the last import (use --overwrite to replace the edits)",
    };
  if (!edited && earlier.contentHash === contentHash) return { write: false, as: "unchanged" };
  return { write: true, existing: await getVersionedArticle(store, earlier.targetId) };
}
