// Scheduled publishing: one job per instance that publishes scheduled articles and pages at
// their time. It follows the change events to know the next due time, and sleeps until exactly
// then instead of polling; a capped wait catches a missed event or a clock change anyway.
import { type Actor, actorCan, systemActor } from "../auth/actor.js";
import {
  type Article,
  articleChangeType,
  type ChangeConsumer,
  type ChangeEvent,
  forbidden,
} from "../content/index.js";
import {
  listDueScheduled,
  nextScheduledAt,
  publishDueArticles,
  recordChanges,
  type Store,
  transact,
} from "../store/index.js";
import { articleChanged } from "./change-events.js";

/** The longest the scheduler sleeps without looking at the next due time again. */
export const SCHEDULER_MAX_WAIT_MS = 60_000;
/** How long it waits after a failed run (the database briefly away) before trying again. */
export const SCHEDULER_RETRY_MS = 5_000;
// Timers may fire a little early by the wall clock; a due article must be due when it runs.
const SLACK_MS = 5;

/**
 * Publishes every scheduled article and page whose time has come, recording `*.published` for
 * each (so every instance's caches follow), and returns them.
 */
export async function publishDueScheduled(
  deps: { store: Store },
  actor: Actor,
  now = new Date(),
): Promise<Article[]> {
  if (!actorCan(actor, "article.publish.any")) throw forbidden("publish scheduled articles");
  return transact(deps.store, async (tx) => {
    const published = await publishDueArticles(tx, now);
    const events: ChangeEvent[] = [];
    // `scheduled` tells consumers (staff notifications) this came from the schedule, not a person.
    for (const article of published)
      events.push(
        ...(await articleChanged(tx, "published", { ...article, status: "scheduled" }, article, {
          scheduled: true,
        })),
      );
    await recordChanges(tx, events);
    return published;
  });
}

/**
 * Records `*.schedule_failed` for every scheduled article that is due but was not published
 * (the run that should have published it failed), with the error's first line as the reason,
 * so staff notifications can tell its authors. Returns how many it recorded.
 */
export async function recordScheduleFailures(
  deps: { store: Store },
  error: unknown,
  now = new Date(),
): Promise<number> {
  const raw = error instanceof Error ? error.message : String(error);
  const reason = (raw.split("\n")[0] ?? "").slice(0, 200) || "unknown error";
  return transact(deps.store, async (tx) => {
    const due = await listDueScheduled(tx, now);
    await recordChanges(
      tx,
      due.map((a) => ({
        type: articleChangeType(a.kind, "schedule_failed"),
        ids: { articleId: a.id },
        paths: [],
        data: { reason, dueAt: a.publishedAt },
      })),
    );
    return due.length;
  });
}

/** Where the scheduler logs. */
export interface SchedulerLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What the scheduler works with. */
export interface SchedulerOptions {
  store: Store;
  log: SchedulerLog;
  /** The longest wait between looks at the next due time: SCHEDULER_MAX_WAIT_MS unless set. */
  maxWaitMs?: number;
}

/**
 * Publishes scheduled articles when their time comes. It is a change consumer too: register it
 * with the dispatcher so it hears of articles scheduled, unscheduled or published on any
 * instance.
 */
export interface Scheduler extends ChangeConsumer {
  /** Publishes what is already due (e.g. it came due while the server was down), then waits for the next. */
  start(): Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /** One run now; resolves with how many articles it published. */
  runOnce(): Promise<number>;
}

/**
 * Creates the scheduler of one instance. Several instances may run one each: the store flips
 * each due article exactly once (see publishDueArticles), and its events refresh every
 * instance's pages.
 */
export function createScheduler({
  store,
  log,
  maxWaitMs = SCHEDULER_MAX_WAIT_MS,
}: SchedulerOptions): Scheduler {
  const actor = systemActor("scheduler");
  let started = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let failed = false;
  /** Bumped by each look at the next due time, so only the latest one sets the timer. */
  let looks = 0;
  let looking: Promise<void> | undefined;

  const run = async (): Promise<number> => {
    try {
      const published = await publishDueScheduled({ store }, actor);
      failed = false;
      for (const a of published)
        log.info({ articleId: a.id, slug: a.slug }, "scheduled article published");
      return published.length;
    } catch (error) {
      // A failed run (database briefly away) is retried shortly, not fatal.
      const first = !failed;
      failed = true;
      log.error({ err: error }, "scheduled publishing failed; retrying shortly");
      // Once per streak of failures, not every retry: the articles' people hear of it (when the
      // database is away this fails too, and the log line above is all there is).
      if (first)
        await recordScheduleFailures({ store }, error).catch((recordError: unknown) =>
          log.error({ err: recordError }, "recording the failed scheduled publishing failed"),
        );
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

  const setTimer = (waitMs: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tick(), waitMs);
    // The timer alone must not keep the process (or a test run) alive.
    timer.unref();
  };

  /**
   * Reads the next due time and sets the one timer for then (at most maxWaitMs ahead). After a
   * run (`ranAt`), a time still due means that run failed to publish it: retry later, not at once.
   */
  const look = async (ranAt?: number): Promise<void> => {
    const mine = ++looks;
    let wait: number;
    try {
      const next = await nextScheduledAt(store);
      if (next === undefined) wait = maxWaitMs;
      else if (failed || (ranAt !== undefined && next.getTime() <= ranAt))
        wait = SCHEDULER_RETRY_MS;
      else wait = Math.max(next.getTime() - Date.now(), 0) + SLACK_MS;
    } catch (error) {
      log.error({ err: error }, "reading the next scheduled time failed; retrying shortly");
      wait = SCHEDULER_RETRY_MS;
    }
    // A later look began meanwhile: its answer is at least as fresh.
    if (mine !== looks || !started || stopped) return;
    setTimer(Math.min(wait, maxWaitMs));
  };

  const lookAgain = (ranAt?: number) => {
    const current = look(ranAt);
    looking = current.finally(() => {
      if (looking === current) looking = undefined;
    });
    return current;
  };

  const tick = async () => {
    if (!started || stopped) return;
    const ranAt = Date.now();
    await runOnce();
    await lookAgain(ranAt);
  };

  // An article scheduled, unscheduled, published early, deleted or edited (its time moved), here
  // or on another instance: look at the next due time again. One read per batch, and not
  // awaited, so the write that recorded the events does not wait for it.
  const follows = (event: ChangeEvent) => /^(article|page)\./.test(event.type);

  return {
    name: "scheduler",
    handle(events) {
      if (started && !stopped && events.some(follows)) void lookAgain();
    },
    reset() {
      if (started && !stopped) void lookAgain();
    },
    async start() {
      if (started) return;
      started = true;
      const ranAt = Date.now();
      await runOnce();
      await lookAgain(ranAt);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
      await looking;
    },
    runOnce,
  };
}
