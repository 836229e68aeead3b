// Which driver errors mean "the database cannot be used right now" (503 MH_DB_UNREACHABLE) and
// which are the query's own fault (kept as they are). The outage HTTP test sees the errors a real
// stop produces; these are the shapes it cannot produce here (a black-holed host, a server out of
// connections or starting up, a lock held past the busy timeout mid-transaction).
import { describe, expect, it } from "vitest";
import { adapterFor } from "../../src/store/dialect/index.js";

const withCode = (code: string, message = "driver error") =>
  Object.assign(new Error(message), { code });

const CASES = {
  postgres: {
    unreachable: [
      withCode("ECONNREFUSED"),
      withCode("ETIMEDOUT"),
      withCode("57P01", "terminating connection due to administrator command"),
      withCode("57P03", "the database system is starting up"),
      withCode("53300", "sorry, too many clients already"),
      withCode("08006", "connection failure"),
      new Error("Connection terminated unexpectedly"),
      new Error("Connection terminated due to connection timeout"),
      new Error("timeout exceeded when trying to connect"),
      new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]),
    ],
    kept: [
      withCode("23505", "duplicate key value violates unique constraint"),
      withCode("22P05", "unsupported Unicode escape sequence"),
      withCode("42P01", "relation does not exist"),
      withCode("3D000", "database does not exist"),
      new Error("something else"),
    ],
  },
  sqlite: {
    unreachable: [
      withCode("SQLITE_BUSY"),
      withCode("SQLITE_BUSY_SNAPSHOT"),
      withCode("SQLITE_IOERR_WRITE"),
      withCode("SQLITE_CANTOPEN"),
    ],
    kept: [
      withCode("SQLITE_CONSTRAINT_UNIQUE"),
      withCode("SQLITE_ERROR"),
      withCode("SQLITE_FULL"),
      withCode("SQLITE_CORRUPT"),
      withCode("SQLITE_BUSYNESS"),
    ],
  },
} as const;

for (const dialect of ["postgres", "sqlite"] as const)
  describe(`${dialect}: what counts as unreachable`, () => {
    const adapter = adapterFor(dialect);
    it.each(CASES[dialect].unreachable.map((e) => [e.message, (e as { code?: string }).code, e]))(
      "unreachable: %s (%s)",
      (_message, _code, error) => {
        expect(adapter.isUnreachable(error)).toBe(true);
      },
    );
    it.each(CASES[dialect].kept.map((e) => [e.message, (e as { code?: string }).code, e]))(
      "the query's own error: %s (%s)",
      (_message, _code, error) => {
        expect(adapter.isUnreachable(error)).toBe(false);
      },
    );
  });
