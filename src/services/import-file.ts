// An import run now, from a file on this machine (`masthead import`): the importer works in a
// worker thread on its own connection, and once it has written, every instance is told that any
// page may show something different.
import { type Actor, actorCan } from "../auth/actor.js";
import type { DatabaseConfig } from "../config.js";
import { type ChangeEvent, forbidden } from "../content/index.js";
import { type ImportJob, type ImportProgress, startImportWorker } from "../importers/in-worker.js";
import type { ImportReport } from "../importers/report.js";
import { recordChanges, type Store, transact } from "../store/index.js";
import { changedEverywhere } from "./change-events.js";

/** The store the finish is recorded through, and the database the worker opens for itself. */
export interface ImportFileDeps {
  store: Store;
  database: DatabaseConfig;
}

/**
 * The event of an import that wrote content: it may touch any page (articles, people, sections,
 * tags, redirects), so every cached page goes. Recorded when the run ends, failed ones too: what
 * it wrote before failing is live.
 */
export function importFinished(ids: ChangeEvent["ids"], data: ChangeEvent["data"]): ChangeEvent {
  return { ...changedEverywhere("import.finished", ids), ...(data ? { data } : {}) };
}

/**
 * Imports `job.file` with the importer of `job.platform` and returns its report; a dry run writes
 * nothing and records nothing. Needs site.import. Throws the importer's errors (MH_IMPORT_INVALID…)
 * or ImportStoppedError.
 */
export async function importFile(
  deps: ImportFileDeps,
  actor: Actor,
  job: Omit<ImportJob, "database" | "runId">,
  onProgress: (progress: ImportProgress) => void = () => undefined,
): Promise<ImportReport> {
  if (!actorCan(actor, "site.import")) throw forbidden("import content");
  const recordFinished = (failed: boolean) =>
    transact(deps.store, (tx) =>
      recordChanges(tx, [importFinished({}, { platform: job.platform, failed })]),
    );
  let report: ImportReport;
  try {
    report = await startImportWorker({ ...job, database: deps.database }, onProgress).report;
  } catch (error) {
    // The importer's error is the one to report, even if the database is why it failed.
    if (!job.options.dryRun) await recordFinished(true).catch(() => undefined);
    throw error;
  }
  if (!report.dryRun) await recordFinished(false);
  return report;
}
