import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import { migrateToLatest, openStore } from "../../src/store/index.js";

/** The address the app takes for a request from `remoteAddress` claiming `forwardedFor`. */
async function seenAddress(trustProxy: string | undefined, remoteAddress: string) {
  const store = await openStore({ kind: "sqlite", file: ":memory:" });
  await migrateToLatest(store);
  const app = await buildServer({
    config: loadConfig({ MASTHEAD_TRUST_PROXY: trustProxy }),
    store,
    logLevel: "silent",
  });
  app.get("/test-ip", (request) => ({ ip: request.ip }));
  try {
    const res = await app.inject({
      url: "/test-ip",
      remoteAddress,
      headers: { "x-forwarded-for": "203.0.113.9" },
    });
    return res.json().ip as string;
  } finally {
    await app.close();
    await store.close();
  }
}

// Views deduplication and rate limits count per address: a reader must not choose their own.
describe("X-Forwarded-For", () => {
  it("is believed by default only from a proxy on the same machine", async () => {
    expect(await seenAddress(undefined, "127.0.0.1")).toBe("203.0.113.9");
    expect(await seenAddress(undefined, "198.51.100.4")).toBe("198.51.100.4");
  });

  it("is believed from the configured proxies, and never when trust is off", async () => {
    expect(await seenAddress("10.0.0.0/8", "10.1.2.3")).toBe("203.0.113.9");
    expect(await seenAddress("10.0.0.0/8", "127.0.0.1")).toBe("127.0.0.1");
    expect(await seenAddress("false", "127.0.0.1")).toBe("127.0.0.1");
  });
});
