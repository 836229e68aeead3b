// Imports started from the admin app: one row per run with its options, progress and, once done,
// its whole report. At most one run is active per publication; a run whose process died stops
// writing its heartbeat and is marked failed (interrupted) by the next look at the runs.
import { randomUUID } from "node:crypto";
import { type Selectable, sql } from "kysely";
import { MastheadError } from "../content/errors.js";
import { toCount, toIso } from "./columns.js";
import { adapterFor } from "./dialect/index.js";
import type { ImportRunsTable } from "./schema.js";
import { inTransaction, type Store } from "./store.js";

/** Where a run is: waiting for its worker, importing, finished with a report, or stopped. */
export type ImportRunStatus = "queued" | "running" | "done" | "failed";

/** What the person asked for when starting the run. */
export interface ImportRunOptions {
  dryRun: boolean;
  asDraft: boolean;
  overwrite: boolean;
  /** Download images from the old site (the file has their addresses, not their bytes). */
  fetchMedia: boolean;
}

/** The importer's last progress: which pass, done of total, and when that pass began. */
export interface ImportRunProgress {
  pass: "scan" | "import";
  done: number;
  total: number;
  passStartedAt: string;
  updatedAt: string;
}

/** One import run as the admin API shows it. `report` is the importer's ImportReport, as stored. */
export interface ImportRun {
  id: string;
  platform: string;
  fileName: string;
  fileSize: number;
  uploadId: string;
  options: ImportRunOptions;
  status: ImportRunStatus;
  progress: ImportRunProgress | null;
  report: unknown | null;
  error: { code: string | null; message: string } | null;
  startedBy: { id: string; name: string | null } | null;
  startedAt: string;
  /** When the run last showed it was alive; long ago for an active run means its process died. */
  heartbeatAt: string;
  finishedAt: string | null;
}

/** What starting a run records. */
export interface NewImportRun {
  platform: string;
  fileName: string;
  fileSize: number;
  uploadId: string;
  options: ImportRunOptions;
  startedBy: string | null;
}

/** Another import is queued or running: one at a time per publication. Nothing was written. */
export class ImportRunningError extends MastheadError {
  declare readonly code: "MH_CONFLICT";
  constructor(readonly running: ImportRun) {
    super(
      "MH_CONFLICT",
      `an import is already running (${running.fileName}, started ${running.startedAt}${running.startedBy?.name ? ` by ${running.startedBy.name}` : ""}); wait for it to finish, then start this one`,
    );
    this.name = "ImportRunningError";
  }
}

/** What a run whose process stopped answering is marked failed with. */
export const INTERRUPTED = {
  code: "MH_IMPORT_INTERRUPTED",
  message:
    "the import was interrupted (the server stopped while it ran); run it again: it resumes, since items already imported are not duplicated",
} as const;

const ACTIVE: ImportRunStatus[] = ["queued", "running"];

type RunRow = Omit<Selectable<ImportRunsTable>, "report"> & {
  report?: unknown;
  started_by_name: string | null;
};

function toRun(store: Store, row: RunRow): ImportRun {
  const json = adapterFor(store.dialect).readJson;
  return {
    id: row.id,
    platform: row.platform,
    fileName: row.file_name,
    fileSize: toCount(row.file_size),
    uploadId: row.upload_id,
    options: json(row.options) as ImportRunOptions,
    status: row.status as ImportRunStatus,
    progress: row.progress === null ? null : (json(row.progress) as ImportRunProgress),
    report: row.report === undefined || row.report === null ? null : json(row.report),
    error: row.error === null ? null : { code: row.error_code, message: row.error },
    startedBy:
      row.started_by === null ? null : { id: row.started_by, name: row.started_by_name ?? null },
    startedAt: toIso(row.started_at),
    heartbeatAt: toIso(row.heartbeat_at),
    finishedAt: row.finished_at === null ? null : toIso(row.finished_at),
  };
}

function selectRuns(store: Store, withReport: boolean) {
  const columns = [
    "r.id",
    "r.platform",
    "r.file_name",
    "r.file_size",
    "r.upload_id",
    "r.options",
    "r.status",
    "r.progress",
    "r.error_code",
    "r.error",
    "r.started_by",
    "r.started_at",
    "r.heartbeat_at",
    "r.finished_at",
  ] as const;
  return store.db
    .selectFrom("import_runs as r")
    .leftJoin("users as u", "u.id", "r.started_by")
    .select([...columns, "u.name as started_by_name"])
    .$if(withReport, (q) => q.select("r.report"));
}

/**
 * Marks failed (interrupted) every queued or running run whose heartbeat is older than
 * `staleBefore`: its process died. Returns how many it marked.
 */
export async function failStaleImportRuns(store: Store, staleBefore: string): Promise<number> {
  const result = await store.db
    .updateTable("import_runs")
    .set({
      status: "failed",
      error_code: INTERRUPTED.code,
      error: INTERRUPTED.message,
      finished_at: sql<string>`heartbeat_at`,
    })
    .where("status", "in", ACTIVE)
    .where("heartbeat_at", "<", staleBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The queued or running run, if any (after marking stale ones failed). */
export async function activeImportRun(
  store: Store,
  staleBefore: string,
): Promise<ImportRun | undefined> {
  await failStaleImportRuns(store, staleBefore);
  const row = await selectRuns(store, false)
    .where("r.status", "in", ACTIVE)
    .orderBy("r.started_at", "desc")
    .executeTakeFirst();
  return row ? toRun(store, row) : undefined;
}

/**
 * Records a new run as queued, unless another is active: throws ImportRunningError then. The
 * check and the insert are one transaction, serialised with any other start.
 */
export async function createImportRun(
  store: Store,
  input: NewImportRun,
  staleBefore: string,
  now = new Date().toISOString(),
): Promise<ImportRun> {
  const id = randomUUID();
  await inTransaction(store, async (trx) => {
    await adapterFor(store.dialect).serializeOn(trx, "import_runs");
    const tx = { ...store, db: trx };
    const running = await activeImportRun(tx, staleBefore);
    if (running) throw new ImportRunningError(running);
    await trx
      .insertInto("import_runs")
      .values({
        id,
        platform: input.platform,
        file_name: input.fileName,
        file_size: input.fileSize,
        upload_id: input.uploadId,
        options: JSON.stringify(input.options),
        status: "queued",
        progress: null,
        report: null,
        error_code: null,
        error: null,
        started_by: input.startedBy,
        started_at: now,
        heartbeat_at: now,
        finished_at: null,
      })
      .execute();
  });
  return (await getImportRun(store, id)) as ImportRun;
}

/** Notes that a run is alive, with its latest progress when given; it is then running. */
export async function recordImportProgress(
  store: Store,
  id: string,
  progress?: ImportRunProgress,
  now = new Date().toISOString(),
): Promise<void> {
  await store.db
    .updateTable("import_runs")
    .set({
      status: "running",
      heartbeat_at: now,
      ...(progress ? { progress: JSON.stringify(progress) } : {}),
    })
    .where("id", "=", id)
    .where("status", "in", ACTIVE)
    .execute();
}

/** Ends a run: done with its report, or failed with the error. */
export async function finishImportRun(
  store: Store,
  id: string,
  outcome: { report: unknown } | { error: { code: string | null; message: string } },
  now = new Date().toISOString(),
): Promise<void> {
  await store.db
    .updateTable("import_runs")
    .set(
      "report" in outcome
        ? { status: "done", report: JSON.stringify(outcome.report), finished_at: now }
        : {
            status: "failed",
            error_code: outcome.error.code,
            error: outcome.error.message,
            finished_at: now,
          },
    )
    .set({ heartbeat_at: now })
    .where("id", "=", id)
    .execute();
}

/** One run with its report, or undefined. */
export async function getImportRun(store: Store, id: string): Promise<ImportRun | undefined> {
  const row = await selectRuns(store, true).where("r.id", "=", id).executeTakeFirst();
  return row ? toRun(store, row) : undefined;
}

/** The newest runs first, without their reports (which can be long). */
export async function listImportRuns(store: Store, limit = 50): Promise<ImportRun[]> {
  const rows = await selectRuns(store, false)
    .orderBy("r.started_at", "desc")
    .orderBy("r.id")
    .limit(limit)
    .execute();
  return rows.map((row) => toRun(store, row));
}
