// The store's exports split in two (src/store/reads.ts for the HTTP layers and the CLI,
// src/store/writes.ts for the services; see writes-only-through-services in
// .dependency-cruiser.cjs). The names say which side a function belongs to, so a write that
// lands in reads.ts by mistake is caught here.
import { describe, expect, it } from "vitest";
import * as reads from "../../src/store/reads.js";
import * as writes from "../../src/store/writes.js";

// Verbs of writing, as the store names its functions.
const WRITE_VERB =
  /^(add|block|claim|clear|close|confirm|consume|create|defer|delete|duringBulk|fail|finish|forget|inTransaction|insert|mark|moderate|open|prune|publish|put|queue|record|redirectMoved|refresh|reindex|release|remove|replace|reschedule|restore|revoke|save|set|suppress|touch|transact|transition|unblock|unmark|unsuppress|update|void)/;
// Named like a write, but only open a connection, bring the schema up to date, or read which
// articles were published in a time window, or which addresses are suppressed.
const NOT_WRITES = new Set([
  "openStore",
  "migrateToLatest",
  "publishedArticleIdsBetween",
  "suppressedAmong",
  "suppressionKey",
]);

const functions = (module: object) =>
  Object.entries(module)
    .filter(([, value]) => typeof value === "function" && !/^[A-Z]/.test(value.name))
    .map(([name]) => name);

describe("the store's reads and writes", () => {
  it("reads.ts exports no function named like a write", () => {
    expect(
      functions(reads).filter((name) => WRITE_VERB.test(name) && !NOT_WRITES.has(name)),
    ).toEqual([]);
  });

  it("writes.ts exports only functions named like writes", () => {
    expect(functions(writes).filter((name) => !WRITE_VERB.test(name))).toEqual([]);
  });
});
