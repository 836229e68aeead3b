// The import itself, in a worker thread started by `masthead import` (see import.ts for why): it
// opens its own store, runs the import and posts its progress, then its report or its error.
import { parentPort, workerData } from "node:worker_threads";
import type { DatabaseConfig } from "../config.js";
import { importWordPress, type WordPressImportOptions } from "../importers/wordpress/import.js";
import { migrateToLatest, openStore } from "../store/index.js";

/** What the command hands the worker. */
export interface ImportJob {
  database: DatabaseConfig;
  file: string;
  options: Omit<WordPressImportOptions, "onProgress" | "now">;
}

/** What the worker posts back. */
export type ImportMessage =
  | { type: "progress"; pass: "scan" | "import"; done: number; total: number }
  | { type: "report"; report: Awaited<ReturnType<typeof importWordPress>> }
  | { type: "error"; error: { code?: string; message: string; issues?: unknown } };

const job = workerData as ImportJob;
const post = (message: ImportMessage) => parentPort?.postMessage(message);

try {
  const store = await openStore(job.database);
  try {
    await migrateToLatest(store);
    const report = await importWordPress(store, job.file, {
      ...job.options,
      onProgress: (pass, done, total) => post({ type: "progress", pass, done, total }),
    });
    post({ type: "report", report });
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
