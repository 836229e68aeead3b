import { describe, expect, it } from "vitest";
import { createPageCache, etagOf } from "../../src/site/page-cache.js";

describe("page cache", () => {
  it("holds the page's bytes with a quoted etag of them", () => {
    const cache = createPageCache();
    const entry = cache.set("/articles/a", "<p>é</p>");
    expect(cache.get("/articles/a")).toBe(entry);
    expect(entry.body.equals(Buffer.from("<p>é</p>"))).toBe(true);
    expect(entry.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(entry.etag).toBe(etagOf("<p>é</p>"));
    expect(cache.set("/articles/b", "<p>other</p>").etag).not.toBe(entry.etag);
  });

  it("misses a path it never stored", () => {
    expect(createPageCache().get("/nope")).toBeUndefined();
  });

  it("invalidating a listing drops it and its further pages, nothing else", () => {
    const cache = createPageCache();
    for (const p of [
      "/",
      "/page/2",
      "/sections/news",
      "/sections/news/page/3",
      "/sections/newsroom",
    ])
      cache.set(p, p);
    cache.invalidate("/sections/news");
    expect(cache.get("/sections/news")).toBeUndefined();
    expect(cache.get("/sections/news/page/3")).toBeUndefined();
    expect(cache.get("/sections/newsroom")).toBeDefined();
    cache.invalidate("/");
    expect(cache.get("/")).toBeUndefined();
    expect(cache.get("/page/2")).toBeUndefined();
    expect(cache.get("/sections/newsroom")).toBeDefined();
  });

  it("a path ending in / or * is a prefix", () => {
    const cache = createPageCache();
    for (const p of ["/authors/a", "/authors/b", "/trackers/t"]) cache.set(p, p);
    cache.invalidate("/authors/");
    expect(cache.size).toBe(1);
    cache.invalidate("*");
    expect(cache.size).toBe(0);
  });

  it("clear() drops everything", () => {
    const cache = createPageCache();
    cache.set("/a", "a");
    cache.set("/b", "b");
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it("an entry expires after its time to live", () => {
    let now = 1000;
    const cache = createPageCache({ ttlMs: 50, now: () => now });
    cache.set("/a", "a");
    now = 1049;
    expect(cache.get("/a")).toBeDefined();
    now = 1050;
    expect(cache.get("/a")).toBeUndefined();
  });

  it("an expired entry is kept for getStale, with when it was stored", () => {
    let now = 1000;
    const cache = createPageCache({ ttlMs: 50, now: () => now });
    const entry = cache.set("/a", "a");
    now = 5000;
    expect(cache.get("/a")).toBeUndefined();
    expect(cache.getStale("/a")).toBe(entry);
    expect(entry.storedAt).toBe(1000);
    expect(cache.ageOf(entry)).toBe(4);
  });

  it("an invalidated entry is not kept as stale", () => {
    const cache = createPageCache();
    cache.set("/articles/a", "a");
    cache.invalidate("/articles/a");
    expect(cache.getStale("/articles/a")).toBeUndefined();
  });

  it("stale entries count toward maxBytes, the least recently used dropped first", () => {
    let now = 0;
    // Each entry here is 3 bytes: a 2-character path and a 1-byte body.
    const cache = createPageCache({ maxBytes: 6, ttlMs: 10, now: () => now });
    cache.set("/1", "1");
    cache.set("/2", "2");
    now = 100;
    cache.set("/3", "3");
    expect(cache.size).toBe(2);
    expect(cache.getStale("/1")).toBeUndefined();
    expect(cache.getStale("/2")).toBeDefined();
  });

  it("keeps at most maxBytes, dropping the least recently used first", () => {
    const cache = createPageCache({ maxBytes: 6 });
    cache.set("/1", "1");
    cache.set("/2", "2");
    // Reading /1 makes /2 the least recently used.
    expect(cache.get("/1")).toBeDefined();
    cache.set("/3", "3");
    expect(cache.get("/2")).toBeUndefined();
    expect(cache.get("/1")).toBeDefined();
    expect(cache.get("/3")).toBeDefined();
    expect(cache.bytes).toBe(6);
  });

  it("counts bytes, not pages: one large page pushes out several small ones", () => {
    const cache = createPageCache({ maxBytes: 1000 });
    for (let i = 0; i < 10; i++) cache.set(`/p${i}`, "x".repeat(50));
    cache.set("/big", "y".repeat(800));
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    expect(cache.get("/big")).toBeDefined();
    expect(cache.get("/p0")).toBeUndefined();
    expect(cache.get("/p9")).toBeDefined();
    cache.invalidate("/big");
    cache.clear();
    expect(cache.bytes).toBe(0);
  });
});
