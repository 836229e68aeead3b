// One import, in a worker thread started by `startImportWorker` (see in-worker.ts for why): it
// opens its own store, runs the importer the job names and posts its progress, then its report or
// its error. Both the command line and the admin API start imports this way.
import { parentPort, workerData } from "node:worker_threads";
import type { DatabaseConfig } from "../config.js";
import { migrateToLatest, openStore } from "../store/index.js";
import { importGhost } from "./ghost/import.js";
import type { ImportReport } from "./report.js";
import { createRunProgress } from "./run-progress.js";
import { importWordPress, type WordPressImportOptions } from "./wordpress/import.js";

/** The platforms an export file can come from. */
export type ImportPlatform = "wordpress" | "ghost";

/** What the worker is handed: where the database is, which importer, the file and the options. */
export interface ImportJob {
  database: DatabaseConfig;
  platform: ImportPlatform;
  file: string;
  options: Omit<WordPressImportOptions, "onProgress" | "now">;
  /** The admin app's import run to record progress on (none from the command line). */
  runId?: string;
}

/** What the worker posts back. */
export type ImportMessage =
  | { type: "progress"; pass: "scan" | "import"; done: number; total: number }
  | { type: "report"; report: ImportReport }
  | { type: "error"; error: { code?: string; message: string; issues?: unknown } };

const IMPORTERS: Record<ImportPlatform, typeof importWordPress> = {
  wordpress: importWordPress,
  // Takes the options it knows (no --as-draft or --accounts) and ignores the rest.
  ghost: importGhost,
};

const job = workerData as ImportJob;
const post = (message: ImportMessage) => parentPort?.postMessage(message);

try {
  const store = await openStore(job.database);
  try {
    await migrateToLatest(store);
    const run = job.runId ? createRunProgress(store, job.runId) : undefined;
    try {
      const report = await IMPORTERS[job.platform](store, job.file, {
        ...job.options,
        onProgress: (pass, done, total) => {
          post({ type: "progress", pass, done, total });
          run?.update(pass, done, total);
        },
      });
      await run?.finish();
      post({ type: "report", report });
    } finally {
      await run?.finish();
    }
  } finally {
    await store.close();
  }
} catch (caught) {
  // Our errors carry a code and a message a person can act on; a stack is for anything else.
  const e = caught as { code?: unknown; message?: unknown; issues?: unknown; stack?: unknown };
  const ours = typeof e?.code === "string" && e.code.startsWith("MH_");
  post({
    type: "error",
    error: {
      ...(ours ? { code: e.code as string, issues: e.issues } : {}),
      message: String((ours ? e.message : e?.stack) ?? caught),
    },
  });
}
