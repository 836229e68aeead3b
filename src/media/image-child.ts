// Entry of an image worker process. Image work runs in child processes, not worker threads:
// threads share the server's libuv pool, which sharp's jobs would fill while file serving and
// password hashing wait behind them. This file only lowers the process's priority, then loads
// the jobs (and with them sharp and libvips).
import { readdirSync } from "node:fs";
import { getPriority, setPriority } from "node:os";
import { IMAGE_WORKER_NICENESS } from "./limits.js";

/**
 * Lowers every thread of this process to `niceness` above the server's. On Linux a priority
 * belongs to a thread, and new threads (libuv's pool, libvips' workers) inherit their creator's:
 * lowering the threads that exist before sharp is loaded lowers everything that runs later.
 */
function lowerPriority(niceness: number): void {
  const target = Math.min(19, getPriority() + niceness);
  let threads: number[] = [];
  try {
    threads = readdirSync("/proc/self/task").map(Number);
  } catch {
    // Not Linux: the process's priority is the only one there is.
  }
  for (const id of [0, ...threads]) {
    try {
      setPriority(id, target);
    } catch {
      // A thread that has ended in the meantime.
    }
  }
}

lowerPriority(IMAGE_WORKER_NICENESS);
await import("./image-jobs.js");
