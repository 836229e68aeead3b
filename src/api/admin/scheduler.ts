import type { FastifyBaseLogger } from "fastify";
import type { PageCache } from "../../site/index.js";
import { publishDueArticles, type Store } from "../../store/index.js";
import { invalidateArticles } from "./invalidate.js";

/** How often scheduled articles are looked for, by default. */
export const SCHEDULER_INTERVAL_MS = 5_000;

/** Publishes scheduled articles when their time comes. */
export interface Scheduler {
  /** Publishes what is already due (e.g. it came due while the server was down), then every interval. */
  start(): Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /** One run now; resolves with how many articles it published. */
  runOnce(): Promise<number>;
}

/** What the scheduler works with. */
export interface SchedulerOptions {
  store: Store;
  pageCache: PageCache;
  log: FastifyBaseLogger;
  intervalMs?: number;
}

/**
 * Creates the scheduler of one instance. Several instances may run one each: the store flips
 * each due article exactly once (see publishDueArticles). The page cache of other instances
 * catches up within its TTL.
 */
export function createScheduler({
  store,
  pageCache,
  log,
  intervalMs = SCHEDULER_INTERVAL_MS,
}: SchedulerOptions): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  const run = async (): Promise<number> => {
    try {
      const published = await publishDueArticles(store);
      await invalidateArticles({ store, pageCache }, published);
      for (const a of published)
        log.info({ articleId: a.id, slug: a.slug }, "scheduled article published");
      return published.length;
    } catch (error) {
      // A failed run (database briefly away) is retried at the next tick, not fatal.
      log.error({ err: error }, "scheduled publishing failed; retrying at the next run");
      return 0;
    }
  };

  const runOnce = () => {
    // Runs never overlap: a slow database must not pile them up.
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    async start() {
      await runOnce();
      timer ??= setInterval(() => void runOnce(), intervalMs);
      // The timer alone must not keep the process (or a test run) alive.
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
    runOnce,
  };
}
