// Starting an import in a worker thread, for the command line and the admin API alike: the
// import never shares an event loop with anything else (the site keeps answering during one),
// and its heap has a limit of its own.
import { Worker } from "node:worker_threads";
import { MastheadError } from "../content/errors.js";
import type { ImportReport } from "./report.js";
import type { ImportJob, ImportMessage } from "./worker.js";

export type { ImportJob, ImportPlatform } from "./worker.js";

/** An import's progress as the worker reports it: the pass, and done of total. */
export type ImportProgress = Omit<Extract<ImportMessage, { type: "progress" }>, "type">;

/** The worker stopped without a report or an error of the importer's (killed, out of memory). */
export class ImportStoppedError extends MastheadError {
  declare readonly code: "MH_IMPORT_STOPPED";
  constructor(message: string) {
    super("MH_IMPORT_STOPPED", message);
    this.name = "ImportStoppedError";
  }
}

/** A running import: its report (or the importer's error) once it ends, and a way to stop it. */
export interface ImportWorker {
  report: Promise<ImportReport>;
  /** Ends the worker at once; `report` then rejects with ImportStoppedError. */
  stop(): Promise<void>;
}

/** The import worker's heap limit: far above what a streaming import keeps alive. */
const WORKER_HEAP_MB = 1024;

/**
 * Starts `job` in a worker thread with a bounded heap. The import's live data is small (it
 * streams), but under Node's default limit (a share of the machine's memory, 4 GB here) V8 lets
 * garbage pile up before collecting: 270–290 MB at the peak of a 10,000-post import, against
 * about 200 MB with any explicit limit up to 1 GB.
 */
export function startImportWorker(
  job: ImportJob,
  onProgress: (progress: ImportProgress) => void,
): ImportWorker {
  const options = { workerData: job, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
  // Run from source (tsx, as the tests do), the worker is the .ts file, and Node 20 does not
  // hand tsx's loader on to workers: the worker registers it before loading its entry.
  const worker = import.meta.url.endsWith(".ts")
    ? new Worker(
        `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./worker.ts", import.meta.url).href)}); });`,
        { ...options, eval: true },
      )
    : new Worker(new URL("./worker.js", import.meta.url), options);
  let stopping = false;
  const report = new Promise<ImportReport>((resolve, reject) => {
    let settled = false;
    worker.on("message", (m: ImportMessage) => {
      if (m.type === "progress") onProgress({ pass: m.pass, done: m.done, total: m.total });
      else {
        settled = true;
        if (m.type === "report") resolve(m.report);
        else reject(Object.assign(new Error(m.error.message), m.error));
      }
    });
    worker.on("error", (error) => {
      settled = true;
      reject(
        (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new ImportStoppedError(`the import ran out of memory (limit ${WORKER_HEAP_MB} MB)`)
          : error,
      );
    });
    worker.on("exit", (code) => {
      if (settled) return;
      reject(
        new ImportStoppedError(
          stopping
            ? "the import was stopped"
            : `the import stopped unexpectedly (exit code ${code})`,
        ),
      );
    });
  });
  return {
    report,
    async stop() {
      stopping = true;
      await worker.terminate();
    },
  };
}
