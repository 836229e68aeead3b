import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // e2e/ drives the built server (npm test builds first) in Chromium; its files set longer timeouts.
    include: [
      "test/**/*.test.ts",
      "test/**/*.test.tsx",
      "src/**/*.test.ts",
      "e2e/**/*.e2e.test.ts",
    ],
    // Store and HTTP tests run on real databases; creating a PostgreSQL database per test takes time.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Native drivers (better-sqlite3, pg) are happiest in child processes, not worker threads.
    pool: "forks",
    // Vitest's default is one worker per core less one: a single worker on a 2-core machine.
    // Most files wait on PostgreSQL, child processes or Chromium, so two share the cores well.
    maxWorkers: 2,
  },
});
