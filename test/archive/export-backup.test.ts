// A failing disk leaves no partial archive; the archive's tables match the database's; backups
// keep the newest N and nothing else is touched.
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backup } from "../../src/archive/backup.js";
import { exportArchive, exportToFile } from "../../src/archive/export.js";
import { restoreArchive } from "../../src/archive/restore.js";
import { LEFT_OUT, TABLES } from "../../src/archive/tables.js";
import { systemActor } from "../../src/auth/actor.js";
import { ArchiveError } from "../../src/content/errors.js";
import { loadDemoPublication } from "../../src/services/demo-publication.js";
import { openStore, type Store } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";

async function failure(promise: Promise<unknown>): Promise<ArchiveError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchiveError);
  return error as ArchiveError;
}

for (const db of DATABASES)
  describe(`export and backup on ${db.name}`, () => {
    let store: Store;
    let dataDir: string;
    beforeAll(async () => {
      store = await db.open();
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-archive-eb-"));
      await loadDemoPublication({ store, dataDir }, systemActor("tests"));
    }, 30_000);
    afterAll(async () => {
      await store?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it("describes every column of every table it keeps, and names every table it leaves out", async () => {
      const tables =
        db.name === "sqlite"
          ? await sql<{ table_name: string; column_name: string }>`
              select m.name as table_name, p.name as column_name
              from sqlite_schema m join pragma_table_info(m.name) p
              where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like 'search_fts%'
                and m.name not like 'kysely_%'`.execute(store.db)
          : await sql<{ table_name: string; column_name: string }>`
              select table_name, column_name from information_schema.columns
              where table_schema = 'public' and table_name not like 'kysely_%'`.execute(store.db);
      const columns = new Map<string, string[]>();
      for (const r of tables.rows)
        columns.set(r.table_name, [...(columns.get(r.table_name) ?? []), r.column_name]);
      for (const [table, names] of columns) {
        const spec = TABLES.find((t) => t.name === table);
        if (spec === undefined) {
          expect({ table, leftOut: table in LEFT_OUT }).toEqual({ table, leftOut: true });
          continue;
        }
        expect({ table, columns: names.sort() }).toEqual({
          table,
          columns: Object.keys(spec.columns).sort(),
        });
      }
    });

    it("a disk that fills while writing the archive: a clear error, no partial file", async () => {
      const full = new Writable({
        write(_chunk, _encoding, callback) {
          callback(
            Object.assign(new Error("ENOSPC: no space left on device, write"), {
              code: "ENOSPC",
              syscall: "write",
            }),
          );
        },
      });
      const error = await failure(exportArchive(store, { dataDir }, full));
      expect(error.code).toBe("MH_ARCHIVE_WRITE_FAILED");
      expect(error.message).toMatch(/no space left on device \(ENOSPC\)/);

      // The file's .partial is /dev/full, whose every write fails with ENOSPC.
      const dir = await mkdtemp(path.join(tmpdir(), "mh-archive-full-"));
      const file = path.join(dir, "site.tar");
      await symlink("/dev/full", `${file}.partial`);
      const onFile = await failure(exportToFile(store, file, { dataDir }));
      expect(onFile.message).toMatch(/no space left on device \(ENOSPC\)/);
      expect(await readdir(dir)).toEqual([]);
      expect(existsSync(path.join(dataDir, "export-staging"))).toBe(false);
      await rm(dir, { recursive: true, force: true });
    });

    it("a media file gone from the media folder: says which, writes nothing", async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "mh-archive-missing-"));
      const row = await store.db
        .selectFrom("media")
        .select("storage_key")
        .executeTakeFirstOrThrow();
      const moved = path.join(dir, "moved");
      const { rename } = await import("node:fs/promises");
      await rename(path.join(dataDir, "media", row.storage_key), moved);
      try {
        const error = await failure(exportToFile(store, path.join(dir, "site.tar"), { dataDir }));
        expect(error.code).toBe("MH_ARCHIVE_SOURCE_INCOMPLETE");
        expect(error.message).toContain(row.storage_key);
        expect(await readdir(dir)).toEqual(["moved"]);
      } finally {
        await rename(moved, path.join(dataDir, "media", row.storage_key));
        await rm(dir, { recursive: true, force: true });
      }
    });

    it("backup keeps the newest N of each kind and touches nothing else", async () => {
      const dir = path.join(dataDir, "backups");
      await import("node:fs/promises").then((fs) => fs.mkdir(dir, { recursive: true }));
      await writeFile(path.join(dir, "notes.txt"), "mine");
      await writeFile(path.join(dir, "masthead-old-copy.tar"), "also mine");
      const times = ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"];
      const reports = [];
      for (const t of times)
        reports.push(await backup(store, { dataDir, keep: 2, now: new Date(t) }));
      const kinds = db.name === "sqlite" ? [".db", ".tar"] : [".tar"];
      const expected = [
        "masthead-old-copy.tar",
        ...["2026-01-02T00-00-00Z", "2026-01-03T00-00-00Z"].flatMap((d) =>
          kinds.map((k) => `masthead-${d}${k}`),
        ),
        "notes.txt",
      ].sort();
      expect((await readdir(dir)).sort()).toEqual(expected);
      expect(reports[2]?.removed.map((f) => path.basename(f)).sort()).toEqual(
        kinds.map((k) => `masthead-2026-01-01T00-00-00Z${k}`).sort(),
      );
      // Both restore: the archive anywhere, the SQLite copy by opening it.
      const target = await db.open();
      const targetDir = await mkdtemp(path.join(tmpdir(), "mh-archive-bk-"));
      try {
        const report = await restoreArchive(target, reports[2]?.archive as string, {
          dataDir: targetDir,
        });
        expect(report.counts.articles).toBe(2);
      } finally {
        await target.close();
        await rm(targetDir, { recursive: true, force: true });
      }
      if (db.name === "sqlite") {
        const copy = await openStore({ kind: "sqlite", file: reports[2]?.database as string });
        const rows = await copy.db.selectFrom("articles").select("id").execute();
        expect(rows.length).toBe(2);
        await copy.close();
      } else expect(reports[2]?.database).toBeUndefined();
      await unlink(path.join(dir, "notes.txt"));
    }, 30_000);

    it("a second export while one runs still gives the same members", async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "mh-archive-twice-"));
      try {
        const [a, b] = await Promise.all([
          exportToFile(store, path.join(dir, "a.tar"), { dataDir }),
          exportToFile(store, path.join(dir, "b.tar"), { dataDir }),
        ]);
        expect(a.members).toEqual(b.members);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
