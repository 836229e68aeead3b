import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { missingPostgresDatabaseUrl, PG_TEST_URL } from "../helpers/databases.js";
import { rejectionOf } from "../helpers/errors.js";

describe("openStore on SQLite", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "masthead-open-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates the missing folders and opens the file in WAL mode with foreign keys on", async () => {
    const store = await openStore({ kind: "sqlite", file: path.join(dir, "a", "b", "m.db") });
    try {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
      expect(store.dialect).toBe("sqlite");
      expect(mode.rows[0]?.journal_mode).toBe("wal");
      expect(fk.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await store.close();
    }
  });

  it("reports MH_DB_UNREACHABLE when the parent folder is a file", async () => {
    const file = path.join(dir, "not-a-folder");
    await writeFile(file, "x");
    const error = await rejectionOf(openStore({ kind: "sqlite", file: path.join(file, "m.db") }));
    expect(error.code).toBe("MH_DB_UNREACHABLE");
    expect(error.message).toContain(path.join(file, "m.db"));
  });

  it("closing twice is harmless", async () => {
    const store = await openStore({ kind: "sqlite", file: path.join(dir, "twice.db") });
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});

describe("openStore on PostgreSQL", () => {
  it("reports MH_DB_UNREACHABLE naming host, port and database when no server answers", async () => {
    const error = await rejectionOf(
      openStore({ kind: "postgres", url: "postgres://postgres:s3cret@127.0.0.1:1/x" }),
    );
    expect(error.code).toBe("MH_DB_UNREACHABLE");
    expect(error.message).toContain("127.0.0.1:1");
    expect(error.message).toContain("'x'");
    expect(error.message).not.toContain("s3cret");
  });

  // Needs a live server to be missing a database on; under CI=true the URL is required, so it runs.
  it.skipIf(PG_TEST_URL === undefined)(
    "reports MH_DB_UNREACHABLE when the database does not exist",
    async () => {
      const url = missingPostgresDatabaseUrl(PG_TEST_URL as string);
      const name = new URL(url).pathname.slice(1);
      const error = await rejectionOf(openStore({ kind: "postgres", url }));
      expect(error.code).toBe("MH_DB_UNREACHABLE");
      expect(error.message).toContain(`'${name}' does not exist`);
    },
  );

  it.skipIf(PG_TEST_URL === undefined)(
    "prefetches scattered pages on every connection, unless the operator chose a value",
    async () => {
      const url = PG_TEST_URL as string;
      const setting = async (storeUrl: string) => {
        const store = await openStore({ kind: "postgres", url: storeUrl });
        try {
          // Several at once, so the pool opens several connections.
          const rows = await Promise.all(
            Array.from({ length: 4 }, () =>
              sql<{ value: string }>`
                select current_setting('effective_io_concurrency') as value,
                  pg_sleep(0.05)::text`.execute(store.db),
            ),
          );
          return [...new Set(rows.map((r) => r.rows[0]?.value))];
        } finally {
          await store.close();
        }
      };
      expect(await setting(url)).toEqual(["64"]);
      const chosen = new URL(url);
      chosen.searchParams.set("options", "-c effective_io_concurrency=8");
      expect(await setting(chosen.href)).toEqual(["8"]);
    },
  );
});
