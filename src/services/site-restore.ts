// `masthead restore`: a whole publication from an archive, into this database and media folder.
// A server may be running on the same database meanwhile (the SQLite file, or PostgreSQL with
// any number of instances): the restore tells them, in its own transaction, that every page
// they have cached is wrong now.
import { type RestoreReport, restoreArchive } from "../archive/restore.js";
import { type Actor, actorCan } from "../auth/actor.js";
import { forbidden } from "../content/index.js";
import { recordChanges, type Store } from "../store/index.js";
import { changedEverywhere } from "./change-events.js";

/**
 * Restores the archive `file` (see src/archive/restore.ts); with `force`, over the content the
 * database holds. Needs site.import. Throws ArchiveError; nothing is changed then.
 */
export async function restoreSite(
  deps: { store: Store; dataDir: string },
  actor: Actor,
  file: string,
  options: { force: boolean },
): Promise<RestoreReport> {
  if (!actorCan(actor, "site.import")) throw forbidden("restore the publication");
  return restoreArchive(deps.store, file, {
    dataDir: deps.dataDir,
    force: options.force,
    beforeCommit: (tx) => recordChanges(tx, [changedEverywhere("publication.restored")]),
  });
}
