// The one dispatcher of change events in an instance: it reads the outbox after where each
// consumer has got to and hands them the events in order. It is woken by this process's own
// commits (Store.afterChanges, awaited before the write answers), by PostgreSQL's NOTIFY from
// other instances and processes, and by a poll that is the only wake-up on SQLite and a safety
// net on PostgreSQL.
import { randomUUID } from "node:crypto";
import type { DatabaseConfig } from "../config.js";
import type { ChangeConsumer, RecordedChange } from "../content/index.js";
import {
  closeChangeCursor,
  listenForChanges,
  openChangeCursor,
  pruneChanges,
  readChangesAfter,
  type Store,
  saveChangeCursor,
} from "../store/index.js";

/** Where the dispatcher logs. */
export interface ChangeLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Options of a dispatcher. */
export interface DispatcherOptions {
  store: Store;
  database: DatabaseConfig;
  consumers: readonly ChangeConsumer[];
  log: ChangeLog;
  /** How often the outbox is read without a wake-up: default 250 ms on SQLite, 5 s on PostgreSQL. */
  pollMs?: number;
  /** How often the cursor is saved and the outbox pruned: default 30 s. */
  housekeepingMs?: number;
  /** Events read at once: memory stays bounded however far behind an instance is. */
  batchSize?: number;
}

/** A running dispatcher. */
export interface ChangeDispatcher {
  /** Opens this instance's cursor at the newest event and starts listening. */
  start(): Promise<void>;
  /** Stops listening, delivers nothing more and removes the cursor. */
  stop(): Promise<void>;
  /** Delivers everything committed so far; resolves when every consumer that can has it. */
  catchUp(): Promise<void>;
  /** Saves the cursor and prunes the outbox now (else every housekeepingMs). */
  housekeeping(): Promise<void>;
  /** The position every consumer has reached (for tests and the bench). */
  readonly position: number;
}

const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 30_000;

interface ConsumerState {
  consumer: ChangeConsumer;
  position: number;
  failures: number;
  retryAt: number;
}

/** Creates the dispatcher of one instance. */
export function createChangeDispatcher(options: DispatcherOptions): ChangeDispatcher {
  const { store, database, log } = options;
  const pollMs = options.pollMs ?? (database.kind === "sqlite" ? 250 : 5_000);
  const housekeepingMs = options.housekeepingMs ?? 30_000;
  const batchSize = options.batchSize ?? 500;
  const reader = `instance:${randomUUID()}`;
  const states: ConsumerState[] = options.consumers.map((consumer) => ({
    consumer,
    position: 0,
    failures: 0,
    retryAt: 0,
  }));
  let started = false;
  let stopped = false;
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const timers: NodeJS.Timeout[] = [];
  let signal: { close(): Promise<void> } | undefined;

  const slowest = () => Math.min(...states.map((s) => s.position));

  /** Hands `events` to one consumer; a failure backs it off without holding the others. */
  const offer = async (state: ConsumerState, events: readonly RecordedChange[]) => {
    const fresh = events.filter((e) => e.position > state.position);
    const last = fresh[fresh.length - 1];
    if (last === undefined) return;
    try {
      await state.consumer.handle(fresh);
      state.position = last.position;
      state.failures = 0;
    } catch (error) {
      state.failures += 1;
      const wait = Math.min(RETRY_FIRST_MS * 2 ** (state.failures - 1), RETRY_MAX_MS);
      state.retryAt = Date.now() + wait;
      log.error(
        {
          err: error,
          consumer: state.consumer.name,
          position: fresh[0]?.position,
          retryInMs: wait,
        },
        "a change consumer failed; its events are offered again later",
      );
    }
  };

  const deliver = async () => {
    for (;;) {
      const now = Date.now();
      const ready = states.filter((s) => s.retryAt <= now);
      if (ready.length === 0) return;
      const from = Math.min(...ready.map((s) => s.position));
      const events = await readChangesAfter(store, from, batchSize);
      if (events.length === 0) return;
      // Each consumer on its own: one that throws neither blocks the others nor this loop.
      await Promise.all(ready.map((s) => offer(s, events)));
      if (events.length < batchSize) return;
    }
  };

  const catchUp = (): Promise<void> => {
    if (!started || stopped) return Promise.resolve();
    // A run in progress may have read before the caller's commit: one more after it, shared by
    // every caller that arrives meanwhile.
    if (running) {
      next ??= running.then(() => {
        next = undefined;
        return catchUp();
      });
      return next;
    }
    running = (async () => {
      try {
        await deliver();
      } catch (error) {
        // The database is away: the next wake-up (reconnect, poll) tries again.
        log.warn({ err: error }, "reading the change events failed; retrying at the next wake-up");
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const restart = async () => {
    const position = await openChangeCursor(store, reader);
    for (const s of states) {
      try {
        await s.consumer.reset();
      } catch (error) {
        log.error({ err: error, consumer: s.consumer.name }, "a change consumer failed to reset");
      }
      s.position = position;
      s.failures = 0;
      s.retryAt = 0;
    }
  };

  const housekeeping = async () => {
    try {
      if (!(await saveChangeCursor(store, reader, slowest()))) {
        log.warn(
          { reader },
          "this instance was away longer than the change events are kept for it; starting its caches over",
        );
        await restart();
      }
      await pruneChanges(store);
    } catch (error) {
      log.warn({ err: error }, "change housekeeping failed; retrying later");
    }
  };

  /**
   * This process's own commit. A read under way (often woken by this very commit's NOTIFY) may
   * bring its events; otherwise, when every consumer has had everything just before them, they
   * are handed over as written instead of being read back (a round trip on every save). In any
   * other case the outbox is read as for any other wake-up.
   */
  const onCommit = async (changes: readonly RecordedChange[]): Promise<void> => {
    const first = changes[0]?.position;
    const last = changes[changes.length - 1]?.position;
    if (first === undefined || last === undefined) return catchUp();
    while (running) await running;
    if (!started || stopped || states.every((s) => s.position >= last)) return;
    const now = Date.now();
    const direct =
      changes.every((c, i) => c.position === first + i) &&
      states.every((s) => s.position === first - 1 && s.retryAt <= now);
    if (!direct) return catchUp();
    running = Promise.all(states.map((s) => offer(s, changes)))
      .then(() => undefined)
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  return {
    async start() {
      if (started) return;
      const position = await openChangeCursor(store, reader);
      for (const s of states) s.position = position;
      started = true;
      store.afterChanges?.add(onCommit);
      signal = listenForChanges(database, {
        onChange: () => void catchUp(),
        onConnected: () => void catchUp(),
        onLost: (error) =>
          log.warn({ err: error }, "lost the change listener's connection; reconnecting"),
      });
      const poll = setInterval(() => void catchUp(), pollMs);
      const keep = setInterval(() => void housekeeping(), housekeepingMs);
      for (const t of [poll, keep]) {
        t.unref();
        timers.push(t);
      }
    },
    async stop() {
      if (!started || stopped) return;
      stopped = true;
      store.afterChanges?.delete(onCommit);
      for (const t of timers) clearInterval(t);
      await signal?.close();
      await running;
      await closeChangeCursor(store, reader).catch(() => {});
    },
    catchUp,
    housekeeping,
    get position() {
      return slowest();
    },
  };
}
