// The readers of live articles connected to this instance, by article: each is an open
// server-sent-events response. A change is rendered once (live/consumer.ts) and the same bytes
// are written to every reader of its article here; every instance does the same for its own
// readers, since each receives every change event (PostgreSQL NOTIFY, or the SQLite poll).
import type { ServerResponse } from "node:http";

/** How many readers one instance keeps connected at most (each is a socket and a little memory). */
export const LIVE_MAX_CONNECTIONS = 10_000;
/**
 * A comment line this often keeps proxies (and the browser) from closing a quiet stream, and
 * finds readers that went away without closing.
 */
export const LIVE_HEARTBEAT_MS = 20_000;
/**
 * A reader whose socket buffers more than this has stopped reading: it is dropped rather than
 * let the server hold ever more for it. Its browser reconnects and catches up.
 */
export const LIVE_MAX_BUFFERED_BYTES = 1024 * 1024;

/** The live readers of one instance. */
export interface LiveHub {
  /**
   * Adds a reader of `articleId` (a response whose event-stream headers are sent); false when
   * the instance has LIVE_MAX_CONNECTIONS already. It leaves when its connection closes.
   */
  join(articleId: string, response: ServerResponse): boolean;
  /** Whether anyone here follows the article (else a change needs no rendering). */
  follows(articleId: string): boolean;
  /** Writes one message to every reader of the article; returns how many it reached. */
  broadcast(articleId: string, message: string): number;
  /** Ends the streams of the article's readers (it is no longer public). */
  closeArticle(articleId: string): void;
  /** How many readers are connected. */
  size(): number;
  /** Ends every stream and the heartbeat (at shutdown). */
  close(): void;
}

/** Writes `message` to a reader's stream unless it has ended or its socket is gone. */
export function writeTo(response: ServerResponse, message: string): void {
  if (!response.writableEnded && !response.destroyed) response.write(message);
}

/** One server-sent event: `event`, optional `id`, and `data` as one JSON line. */
export function sseMessage(event: string, data: unknown, id?: string): string {
  return `${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Makes the live hub; the heartbeat timer does not keep the process alive. */
export function createLiveHub(
  opts: { maxConnections?: number; heartbeatMs?: number } = {},
): LiveHub {
  const max = opts.maxConnections ?? LIVE_MAX_CONNECTIONS;
  const readers = new Map<string, Set<ServerResponse>>();
  let count = 0;
  let closed = false;

  const leave = (articleId: string, response: ServerResponse) => {
    const set = readers.get(articleId);
    if (!set?.delete(response)) return;
    count -= 1;
    if (set.size === 0) readers.delete(articleId);
  };
  const write = (articleId: string, response: ServerResponse, message: string): boolean => {
    // Ended (closing) or gone: its "close" has not removed it yet, and a write now would fail.
    if (response.writableEnded || response.destroyed) return false;
    if (response.writableLength > LIVE_MAX_BUFFERED_BYTES) {
      leave(articleId, response);
      response.destroy();
      return false;
    }
    response.write(message);
    return true;
  };

  const heartbeat = setInterval(() => {
    for (const [articleId, set] of readers)
      for (const response of set) write(articleId, response, ":\n\n");
  }, opts.heartbeatMs ?? LIVE_HEARTBEAT_MS);
  heartbeat.unref();

  return {
    join(articleId, response) {
      if (closed || count >= max) return false;
      let set = readers.get(articleId);
      if (!set) {
        set = new Set();
        readers.set(articleId, set);
      }
      set.add(response);
      count += 1;
      response.once("close", () => leave(articleId, response));
      // A reader's socket failing is its own end, never the process's.
      response.on("error", () => leave(articleId, response));
      return true;
    },
    follows: (articleId) => readers.has(articleId),
    broadcast(articleId, message) {
      let reached = 0;
      for (const response of readers.get(articleId) ?? [])
        if (write(articleId, response, message)) reached += 1;
      return reached;
    },
    closeArticle(articleId) {
      for (const response of readers.get(articleId) ?? []) response.end();
    },
    size: () => count,
    close() {
      closed = true;
      clearInterval(heartbeat);
      for (const set of readers.values()) for (const response of set) response.end();
    },
  };
}
