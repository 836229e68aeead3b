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
    // Importing the server's modules cost most files more than their tests (test/content: 58 s
    // of imports for 9 s of tests), so a worker imports them once and runs file after file. No
    // file stubs globals or mocks modules, and each test opens its own store, app or site; what
    // must still happen per file is in the setup file.
    isolate: false,
    setupFiles: ["test/helpers/per-file.ts"],
  },
});
