// A small pool of image worker processes (see image-child.ts) with a concurrency limit and a
// bounded queue. workerpool forks the processes, keeps them between jobs and replaces one that
// dies; this module adds the admission limit and turns the pool's failures into MediaErrors.
import { fileURLToPath } from "node:url";
import workerpool from "workerpool";
import { imageFailed, MediaError, type MediaErrorCode, uploadsBusy } from "../content/errors.js";
import { IMAGE_JOB_TIMEOUT_MS, IMAGE_WORKER_HEAP_MB } from "./limits.js";
import type { ProcessedImageFile } from "./process.js";

/** Runs processImageFile somewhere: in this process (imports) or in a worker process (uploads). */
export type ImageProcessor = (
  file: string,
  outDir: string,
  prefix: string,
) => Promise<ProcessedImageFile>;

/** How many image jobs run at once, and how many may wait. */
export interface ImagePoolOptions {
  /** Worker processes, each running one job at a time (at least 1). */
  workers: number;
  /** Jobs that may wait for a worker; one more is refused with 503 MH_UPLOADS_BUSY. */
  queue: number;
  /** A job running longer is stopped and its worker replaced (default IMAGE_JOB_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** The image worker processes of one server. */
export interface ImagePool {
  process: ImageProcessor;
  /** Stops the worker processes; jobs still running fail. */
  close(): Promise<void>;
}

/** Seconds a refused upload is told to wait: about one job's time. */
export const BUSY_RETRY_AFTER_SECONDS = 10;

const MEDIA_CODES: MediaErrorCode[] = ["MH_TOO_LARGE", "MH_UNSUPPORTED_MEDIA"];

/** Starts a pool; its worker processes are forked on the first jobs, not before. */
export function createImagePool(options: ImagePoolOptions): ImagePool {
  const fromSource = import.meta.url.endsWith(".ts");
  const script = fileURLToPath(
    new URL(fromSource ? "./image-child.ts" : "./image-child.js", import.meta.url),
  );
  const pool = workerpool.pool(script, {
    workerType: "process",
    maxWorkers: Math.max(1, options.workers),
    forkOpts: {
      // glibc gives each thread that allocates its own arena, which libvips' threads leave
      // fragmented; two arenas is what sharp's docs advise for a long-lived process. glibc also
      // raises its mmap threshold after large frees, so the next job's big buffers come from the
      // heap and stay there: a fixed threshold hands them back when freed (three 100-megapixel
      // PNGs in one worker peaked at 212 MB without it, 149 MB with it).
      env: { ...process.env, MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "131072" },
      // Run from source (the tests), the worker is TypeScript too.
      execArgv: [
        ...(fromSource ? ["--import", "tsx"] : []),
        `--max-old-space-size=${IMAGE_WORKER_HEAP_MB}`,
      ],
    },
  });
  const capacity = Math.max(1, options.workers) + Math.max(0, options.queue);
  const timeoutMs = options.timeoutMs ?? IMAGE_JOB_TIMEOUT_MS;
  let inFlight = 0;
  return {
    async process(file, outDir, prefix) {
      if (inFlight >= capacity) throw uploadsBusy(BUSY_RETRY_AFTER_SECONDS);
      inFlight += 1;
      try {
        return (await pool
          .exec("processImageFile", [file, outDir, prefix])
          .timeout(timeoutMs)) as ProcessedImageFile;
      } catch (error) {
        throw jobError(error, timeoutMs);
      } finally {
        inFlight -= 1;
      }
    },
    async close() {
      await pool.terminate(true);
    },
  };
}

/** A job's failure as a MediaError: the worker's own refusals as they were, anything else 422. */
function jobError(error: unknown, timeoutMs: number): MediaError {
  const e = error as { name?: string; code?: string; message?: string };
  if (e.code && (MEDIA_CODES as string[]).includes(e.code))
    return new MediaError(e.code as MediaErrorCode, e.message ?? "");
  if (e.name === "TimeoutError")
    return imageFailed(`it took longer than ${Math.round(timeoutMs / 1000)} s`);
  const signal = /signalCode: `([A-Z0-9]+)`/.exec(e.message ?? "")?.[1];
  return imageFailed(
    signal ? `the image worker was stopped by ${signal}` : "the image worker exited",
  );
}
