// Imports started from the admin app: the uploaded file kept on disk, the run recorded in the
// database, the importer run in a worker thread (the one the CLI uses) so the site's event loop
// never waits for it, and its progress and report written back to the run as it goes.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type Actor, actorCan } from "../auth/actor.js";
import type { DatabaseConfig } from "../config.js";
import { forbidden, MastheadError, NotFoundError, tooLarge } from "../content/index.js";
import { GhostExportError } from "../importers/ghost/ghost-error.js";
import { type ReadSummary, readGhostExport } from "../importers/ghost/reader.js";
import { scanGhost } from "../importers/ghost/scan.js";
import { sniffGhostHead } from "../importers/ghost/sniff.js";
import {
  type ImportPlatform,
  type ImportWorker,
  startImportWorker,
} from "../importers/in-worker.js";
import { readWxr } from "../importers/wordpress/wxr.js";
import {
  activeImportRun,
  createImportRun,
  failStaleImportRuns,
  finishImportRun,
  getImportRun,
  type ImportRun,
  ImportRunningError,
  type ImportRunOptions,
  INTERRUPTED,
  listImportRuns,
  recordChanges,
  type Store,
  transact,
} from "../store/index.js";
import { importFinished } from "./import-file.js";

/** Largest export file accepted from the admin app: 2 GiB (a 10,000-post WXR is about 100 MB). */
export const MAX_IMPORT_BYTES = 2 * 1024 ** 3;

/**
 * A queued or running run silent for this long belongs to a process that died (a running one
 * writes a heartbeat every 5 s: see importers/run-progress.ts).
 */
export const STALE_AFTER_MS = 60_000;

/** Refusals of the import service, with the API's codes. */
export class ImportRunError extends MastheadError {
  declare readonly code: "MH_IMPORT_INVALID" | "MH_CONFLICT";
  constructor(code: "MH_IMPORT_INVALID" | "MH_CONFLICT", message: string) {
    super(code, message);
    this.name = "ImportRunError";
  }
}

/** An uploaded export file saved under the data directory, not yet (or again) imported. */
export interface SavedUpload {
  uploadId: string;
  fileName: string;
  size: number;
  /** Where it is: imports/uploads/<uploadId>/<file name>. */
  file: string;
}

/** A run as the API shows it: the stored run and whether its file is kept to be run again. */
export interface ImportRunView extends ImportRun {
  /** The uploaded file is still on disk: the run can be repeated (a dry run imported for real). */
  fileKept: boolean;
}

/** What the service needs of the app. */
export interface ImportServiceDeps {
  store: Store;
  dataDir: string;
  /** The database the worker opens for itself (the same as `store`'s). */
  database: DatabaseConfig;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** The admin app's imports: one service per server process. */
export interface ImportService {
  /** Throws ImportRunningError (409) when a run is active: checked before a long upload is read. */
  ensureIdle(): Promise<void>;
  /** Streams an uploaded file to disk (never into memory); throws when it exceeds `maxBytes`. */
  saveUpload(stream: Readable, fileName: string): Promise<SavedUpload>;
  /** Removes a saved upload that will not be run (its request was refused). */
  discardUpload(upload: SavedUpload): Promise<void>;
  /**
   * Checks the file is a WordPress (or Ghost) export, records a run and starts it; the run is
   * returned queued. When a real run ends, done or failed, it records import.finished: every
   * instance drops its cached pages. Needs site.import. Throws ImportRunError MH_IMPORT_INVALID
   * (nothing recorded, upload removed) or ImportRunningError.
   */
  start(upload: SavedUpload, options: ImportRunOptions, actor: Actor): Promise<ImportRunView>;
  /**
   * Runs the file of an earlier run again with new options (a dry run for real, a resume), as
   * `start` does. Throws NotFoundError, ImportRunError MH_CONFLICT or ImportRunningError.
   */
  rerun(id: string, options: ImportRunOptions, actor: Actor): Promise<ImportRunView>;
  /** The newest runs. Needs site.import and the right to see drafts (reports name them). */
  list(actor: Actor): Promise<ImportRunView[]>;
  /** One run with its report, as `list`; throws NotFoundError. */
  get(actor: Actor, id: string): Promise<ImportRunView>;
  /** At start: runs left active by a process that died are marked failed (interrupted). */
  recover(): Promise<void>;
  /** At shutdown: stops this process's run (marked failed, interrupted) and waits for it. */
  close(): Promise<void>;
}

/** Creates the import service of one server process. */
export function createImportService(deps: ImportServiceDeps): ImportService {
  const { store, dataDir } = deps;
  const uploadsDir = path.join(dataDir, "imports", "uploads");
  let current: { id: string; worker: ImportWorker; finished: Promise<void> } | undefined;
  let closing = false;

  const staleBefore = () => new Date(Date.now() - STALE_AFTER_MS).toISOString();

  /**
   * Marks runs whose process died as failed (interrupted). What they wrote before is live, so
   * any such run also counts as a finished import: every instance drops its pages.
   */
  const failStale = (limit: string) =>
    transact(store, async (tx) => {
      if ((await failStaleImportRuns(tx, limit)) > 0)
        await recordChanges(tx, [importFinished({}, { failed: true, interrupted: true })]);
    });

  async function view(run: ImportRun): Promise<ImportRunView> {
    const kept = await stat(uploadFile(run)).then(
      (s) => s.isFile(),
      () => false,
    );
    return { ...run, fileKept: kept };
  }

  function uploadFile(run: Pick<ImportRun, "uploadId" | "fileName">): string {
    return path.join(uploadsDir, run.uploadId, safeName(run.fileName));
  }

  /** Runs that look active but stopped answering are marked failed before being shown. */
  async function fresh<T extends ImportRun | ImportRun[]>(read: () => Promise<T>): Promise<T> {
    const found = await read();
    const limit = staleBefore();
    const runs = Array.isArray(found) ? found : [found];
    const stale = runs.some(
      (r) => (r.status === "queued" || r.status === "running") && r.heartbeatAt < limit,
    );
    if (!stale) return found;
    await failStale(limit);
    return read();
  }

  async function launch(
    run: ImportRun,
    platform: ImportPlatform,
    file: string,
  ): Promise<ImportRunView> {
    const worker = startImportWorker(
      {
        database: deps.database,
        platform,
        file,
        options: {
          dataDir,
          dryRun: run.options.dryRun,
          asDraft: run.options.asDraft,
          overwrite: run.options.overwrite,
          fetchMedia: run.options.fetchMedia ?? false,
        },
        // The worker writes the run's progress and heartbeat on its own connection.
        runId: run.id,
      },
      () => undefined,
    );
    /** The run's outcome and, for a real run, its event: items it wrote are live, even when it failed. */
    const finish = (outcome: Parameters<typeof finishImportRun>[2]) =>
      transact(store, async (tx) => {
        await finishImportRun(tx, run.id, outcome);
        if (!run.options.dryRun)
          await recordChanges(tx, [
            importFinished({ importRunId: run.id }, { platform, failed: "error" in outcome }),
          ]);
      });
    const finished = worker.report.then(
      async (report) => {
        if (!run.options.dryRun)
          // Imported: nothing left to run again, and exports can be large. Removed before the
          // run shows as done, so a done import never offers to run again.
          await rm(path.join(uploadsDir, run.uploadId), { recursive: true, force: true });
        await finish({ report });
        deps.log?.info({ run: run.id, dryRun: run.options.dryRun }, "import finished");
      },
      async (error: { code?: string; message?: string }) => {
        await finish({
          error: closing
            ? INTERRUPTED
            : {
                code: error.code ?? null,
                message: withoutPath(error, file).message ?? String(error),
              },
        });
        deps.log?.error({ err: error, run: run.id }, "import failed");
      },
    );
    const entry = {
      id: run.id,
      worker,
      finished: finished
        .catch((error) => deps.log?.error({ err: error, run: run.id }, "import run not saved"))
        .finally(() => {
          if (current?.id === run.id) current = undefined;
        }),
    };
    current = entry;
    return view(run);
  }

  return {
    async ensureIdle() {
      const running = await activeImportRun(store, staleBefore());
      if (running) throw new ImportRunningError(running);
    },

    async saveUpload(stream, fileName) {
      const uploadId = randomUUID();
      const dir = path.join(uploadsDir, uploadId);
      await mkdir(dir, { recursive: true });
      const name = fileName || "export";
      const file = path.join(dir, safeName(name));
      const partial = `${file}.part`;
      try {
        await pipeline(stream, createWriteStream(partial));
        if ((stream as { truncated?: boolean }).truncated) throw importTooLarge();
        await rename(partial, file);
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      return { uploadId, fileName: name, size: (await stat(file)).size, file };
    },

    async discardUpload(upload) {
      await rm(path.join(uploadsDir, upload.uploadId), { recursive: true, force: true });
    },

    async start(upload, options, actor) {
      let run: ImportRun;
      let platform: ImportPlatform;
      try {
        mayImport(actor);
        platform = await checkExportFile(upload.file).catch((error) => {
          throw withoutPath(error, upload.file);
        });
        refuseOptions(platform, options, upload.fileName);
        run = await createImportRun(
          store,
          {
            platform,
            fileName: upload.fileName,
            fileSize: upload.size,
            uploadId: upload.uploadId,
            options,
            startedBy: actor.userId,
          },
          staleBefore(),
        );
      } catch (error) {
        await this.discardUpload(upload);
        throw error;
      }
      // Only the newest file is kept to be run again: older uploads go.
      const others = await readdir(uploadsDir).catch(() => [] as string[]);
      await Promise.all(
        others
          .filter((id) => id !== upload.uploadId)
          .map((id) => rm(path.join(uploadsDir, id), { recursive: true, force: true })),
      );
      return launch(run, platform, upload.file);
    },

    async rerun(id, options, actor) {
      mayImport(actor);
      const before = await getImportRun(store, id);
      if (!before) throw new NotFoundError("import run", id);
      const file = uploadFile(before);
      const kept = await stat(file).catch(() => undefined);
      if (!kept)
        throw new ImportRunError(
          "MH_CONFLICT",
          `the file of this run (${before.fileName}) is no longer kept: it is removed once imported or when another file is uploaded; upload it again`,
        );
      refuseOptions(before.platform as ImportPlatform, options, before.fileName);
      const run = await createImportRun(
        store,
        {
          platform: before.platform,
          fileName: before.fileName,
          fileSize: before.fileSize,
          uploadId: before.uploadId,
          options,
          startedBy: actor.userId,
        },
        staleBefore(),
      );
      return launch(run, before.platform as ImportPlatform, file);
    },

    async list(actor) {
      maySeeRuns(actor);
      const runs = await fresh(() => listImportRuns(store));
      return Promise.all(runs.map(view));
    },

    async get(actor, id) {
      maySeeRuns(actor);
      const run = await fresh(async () => {
        const found = await getImportRun(store, id);
        if (!found) throw new NotFoundError("import run", id);
        return found;
      });
      return view(run);
    },

    async recover() {
      await failStale(staleBefore());
    },

    async close() {
      closing = true;
      const entry = current;
      if (!entry) return;
      await entry.worker.stop();
      await entry.finished;
    },
  };
}

function mayImport(actor: Actor): void {
  if (!actorCan(actor, "site.import")) throw forbidden("import content");
}

/**
 * Refuses an actor who may not see unpublished articles: a run's report names the drafts the
 * import made.
 */
function maySeeRuns(actor: Actor): void {
  if (!actorCan(actor, "site.import")) throw forbidden("see imports");
  if (!actorCan(actor, "article.read.unpublished"))
    throw forbidden(
      "see imports: it shows unpublished articles (an API key needs the article.read.unpublished permission too)",
    );
}

/**
 * Which importer reads the file, from its first bytes (JSON: Ghost; anything else: WordPress,
 * whose reader names what a wrong file is), and that it can. Each reader reads only up to the
 * export's first record (WordPress: the site; Ghost: its meta), so a file that is not an export
 * is refused now with the importer's own message rather than by a run that fails at once.
 */
async function checkExportFile(file: string): Promise<ImportPlatform> {
  const head = await readHead(file, 4096);
  const start = new TextDecoder("latin1")
    .decode(head)
    .replace(/^\xEF\xBB\xBF/, "")
    .trimStart();
  if (!start.startsWith("{")) {
    for await (const _record of readWxr(file)) break;
    return "wordpress";
  }
  const refuse = sniffGhostHead(head);
  if (refuse) throw new GhostExportError(file, refuse);
  const summary: ReadSummary = { rows: new Map(), sawMeta: false, sawData: false };
  for await (const token of readGhostExport(file, new Set(), summary))
    if (token.type === "meta") return "ghost";
  // No meta at all: the scan gives its own verdict on what the file is.
  await scanGhost(file);
  return "ghost";
}

/** The CLI's refusal of options a platform's importer does not take, as a 422. */
function refuseOptions(platform: ImportPlatform, options: ImportRunOptions, fileName: string) {
  if (platform === "ghost" && options.asDraft)
    throw new ImportRunError(
      "MH_IMPORT_INVALID",
      `${fileName}: importing everything as drafts is for WordPress exports only; a Ghost import keeps each post's status`,
    );
}

/** The importers name the file by the path they were given: people know it by its own name. */
function withoutPath<E extends { message?: string }>(error: E, file: string): E {
  if (typeof error?.message === "string" && error.message.includes(file))
    error.message = error.message.replaceAll(file, path.basename(file));
  return error;
}

async function readHead(file: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A file name safe on any disk, keeping what a person recognises (the importers quote it). */
function safeName(name: string): string {
  const base = path.basename(name.replaceAll("\\", "/")).replace(/[^\p{L}\p{N}._-]+/gu, "_");
  return base.replace(/^\.+/, "").slice(0, 120) || "export";
}

function importTooLarge(): Error {
  return tooLarge(
    `the file is larger than ${MAX_IMPORT_BYTES / 1024 ** 3} GB, the most an upload may be`,
  );
}
