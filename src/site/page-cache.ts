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
  /** Most pages kept; the oldest are dropped first. */
  maxEntries?: number;
  /**
   * How long an entry lives. Explicit invalidation keeps pages exact on this instance; the TTL
   * bounds staleness where invalidation cannot reach (scheduled publishing, other instances).
   * An expired entry is not served while fresh, but kept (within maxEntries) for `getStale`.
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
}

/** The ETag of a body: a short strong hash. */
export function etagOf(body: Buffer | string): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** Creates a page cache. */
export function createPageCache(options: PageCacheOptions = {}): PageCache {
  const maxEntries = options.maxEntries ?? 2000;
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order, so its first key is the oldest entry.
  const entries = new Map<string, CachedPage>();

  const dropPrefix = (prefix: string) => {
    for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
  };

  return {
    get(path) {
      const hit = entries.get(path);
      // Kept when expired: the next render replaces it, or an outage serves it (getStale).
      if (hit === undefined || hit.expires <= now()) return undefined;
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
      entries.delete(path);
      entries.set(path, entry);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      return entry;
    },
    invalidate(pathOrPrefix) {
      if (pathOrPrefix.endsWith("*")) return dropPrefix(pathOrPrefix.slice(0, -1));
      if (pathOrPrefix.endsWith("/") && pathOrPrefix !== "/") return dropPrefix(pathOrPrefix);
      entries.delete(pathOrPrefix);
      // The home page continues at /page/N, every other listing at <path>/page/N.
      dropPrefix(pathOrPrefix === "/" ? "/page/" : `${pathOrPrefix}/page/`);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
