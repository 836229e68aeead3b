import { createHash } from "node:crypto";

/** A rendered page ready to send as is. */
export interface CachedPage {
  body: Buffer;
  /** Strong validator: a hash of the bytes, quoted as HTTP wants it. */
  etag: string;
  /** Date.now() after which the entry is treated as missing, unless the database is down. */
  expires: number;
  /** Date.now() when it was rendered: a stale copy's Age header. */
  storedAt: number;
}

/** Options of a page cache. */
export interface PageCacheOptions {
  /**
   * Most bytes of pages kept (bodies and keys); past it the least recently used go first.
   * Default 64 MiB: about 2,000 article pages.
   */
  maxBytes?: number;
  /**
   * How long an entry lives. Change events keep pages exact on every instance; the TTL is only a
   * safety net. An expired entry is not served while fresh, but kept (within maxBytes) for
   * `getStale`.
   */
  ttlMs?: number;
  /** Clock, replaceable in tests. */
  now?: () => number;
}

/** An in-memory cache of rendered GET pages keyed by path. */
export interface PageCache {
  /** The live entry for `path`, if any. */
  get(path: string): CachedPage | undefined;
  /**
   * The entry for `path` even when expired: what to serve when the page cannot be rendered
   * because the database is down (stale-if-error). Invalidated pages are gone from here too.
   */
  getStale(path: string): CachedPage | undefined;
  /** Whole seconds since `entry` was stored, by the cache's clock: an HTTP Age header. */
  ageOf(entry: CachedPage): number;
  /** Stores the HTML of `path` and returns the entry (with its etag). */
  set(path: string, html: string): CachedPage;
  /**
   * Drops cached pages. A path ending in "/" or "*" is a prefix ("/sections/" drops every
   * section page); any other path drops that page and its `/page/N` continuations.
   */
  invalidate(pathOrPrefix: string): void;
  /** Drops everything, stale entries included. */
  clear(): void;
  /** How many entries are held. */
  readonly size: number;
  /** How many bytes they hold (bodies and keys). */
  readonly bytes: number;
}

/** The ETag of a body: a short strong hash. */
export function etagOf(body: Buffer | string): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** Creates a page cache. */
export function createPageCache(options: PageCacheOptions = {}): PageCache {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: a hit moves its entry to the end, so the first key is the
  // least recently used.
  const entries = new Map<string, CachedPage>();
  let bytes = 0;
  // The most recently used key: a run of hits on one page (the hot article) moves nothing.
  let newest: string | undefined;
  const sizeOf = (path: string, entry: CachedPage) => entry.body.length + path.length;

  const drop = (path: string) => {
    const entry = entries.get(path);
    if (entry === undefined) return;
    entries.delete(path);
    bytes -= sizeOf(path, entry);
  };
  const dropPrefix = (prefix: string) => {
    for (const key of entries.keys()) if (key.startsWith(prefix)) drop(key);
  };

  return {
    get(path) {
      const hit = entries.get(path);
      // Kept when expired: the next render replaces it, or an outage serves it (getStale).
      if (hit === undefined || hit.expires <= now()) return undefined;
      if (path !== newest) {
        entries.delete(path);
        entries.set(path, hit);
        newest = path;
      }
      return hit;
    },
    getStale(path) {
      return entries.get(path);
    },
    ageOf(entry) {
      return Math.max(0, Math.floor((now() - entry.storedAt) / 1000));
    },
    set(path, html) {
      const body = Buffer.from(html);
      const at = now();
      const entry: CachedPage = { body, etag: etagOf(body), expires: at + ttlMs, storedAt: at };
      drop(path);
      entries.set(path, entry);
      newest = path;
      bytes += sizeOf(path, entry);
      for (const oldest of entries.keys()) {
        if (bytes <= maxBytes) break;
        drop(oldest);
      }
      return entry;
    },
    invalidate(pathOrPrefix) {
      if (pathOrPrefix.endsWith("*")) return dropPrefix(pathOrPrefix.slice(0, -1));
      if (pathOrPrefix.endsWith("/") && pathOrPrefix !== "/") return dropPrefix(pathOrPrefix);
      drop(pathOrPrefix);
      // The home page continues at /page/N, every other listing at <path>/page/N.
      dropPrefix(pathOrPrefix === "/" ? "/page/" : `${pathOrPrefix}/page/`);
    },
    clear() {
      entries.clear();
      bytes = 0;
    },
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
  };
}
