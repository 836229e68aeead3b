// PostgreSQL's LISTEN/NOTIFY as a doorbell for the change outbox: a commit with events notifies
// CHANGES_CHANNEL (see recordChanges), and each instance keeps one connection listening. The
// notification carries nothing; the outbox is the truth, so a bell missed while the connection
// was down costs only the wait until it is back, when the reader catches up from its position.
import pg from "pg";
import type { DatabaseConfig } from "../config.js";
import { CHANGES_CHANNEL } from "./change-log.js";

/** What a listener reports. */
export interface ChangeSignalHandlers {
  /** Some transaction with events committed. */
  onChange(): void;
  /** The listening connection is (again) up: anything may have been missed before it. */
  onConnected(): void;
  /** The connection failed or dropped; it is retried. */
  onLost(error: unknown): void;
}

/** A running listener. */
export interface ChangeSignal {
  /** Stops listening and closes the connection. */
  close(): Promise<void>;
}

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 2_000;

/**
 * Listens for committed changes. On SQLite there is no bell (readers poll the outbox), so this
 * does nothing. On PostgreSQL it reconnects by itself, sooner at first, and says when it is back.
 */
export function listenForChanges(
  database: DatabaseConfig,
  handlers: ChangeSignalHandlers,
): ChangeSignal {
  if (database.kind !== "postgres") return { close: async () => {} };
  let closed = false;
  let client: pg.Client | undefined;
  let retryMs = RETRY_FIRST_MS;
  let timer: NodeJS.Timeout | undefined;

  const retry = (error: unknown) => {
    if (closed || timer) return;
    handlers.onLost(error);
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  const connect = async () => {
    const c = new pg.Client({
      connectionString: database.url,
      connectionTimeoutMillis: 5_000,
      // A silent network (a cable cut, not a reset) is noticed by the kernel's keepalive.
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
    });
    client = c;
    c.on("notification", () => handlers.onChange());
    // An error on an idle connection, or its end, is the drop: start again.
    // Only the current connection's end matters: an old one ending after a retry is no news.
    c.on("error", (error) => {
      void c.end().catch(() => {});
      if (client === c) retry(error);
    });
    c.on("end", () => {
      if (client === c) retry(new Error("the change listener's connection ended"));
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      client = undefined;
      void c.end().catch(() => {});
      retry(error);
      return;
    }
    if (closed) return void c.end().catch(() => {});
    retryMs = RETRY_FIRST_MS;
    handlers.onConnected();
  };

  void connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
