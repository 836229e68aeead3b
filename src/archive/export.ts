// `masthead export`: every content table and media file of a publication as one tar archive.
// The manifest comes first and holds every member's checksum, so rows are first spooled to
// temporary files (one read of the database, in one snapshot) and only then written out.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, rename, rm, rmdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type Kysely, sql } from "kysely";
import tar from "tar-stream";
import { ArchiveError } from "../content/errors.js";
import { mediaDirOf } from "../media/index.js";
import { openSqlite } from "../store/dialect/index.js";
import type { Database, Dialect, Store } from "../store/index.js";
import { describeIoError } from "./describe-io-error.js";
import {
  type ArchiveManifest,
  type ArchiveMember,
  FORMAT_VERSION,
  MANIFEST_MEMBER,
  MASTHEAD_VERSION,
  mediaMember,
  tableMember,
} from "./format.js";
import { exportedColumns, isTextColumn, serializeRow, TABLES, type TableSpec } from "./tables.js";

/** Rows read per query: bounds memory (a page of article revisions is a few MB). */
const PAGE_ROWS = 1000;

/** What an export needs besides the database. */
export interface ExportOptions {
  /** The data directory; media files are read from its media folder. */
  dataDir: string;
  /** Also write accounts' password hashes. */
  includeCredentials?: boolean;
}

/** A member spooled to a temporary file (rows) or read from the media folder (files). */
interface PendingMember extends ArchiveMember {
  file: string;
}

/**
 * Writes the archive of `store`'s publication to `out` (ending it) and returns its manifest.
 * Throws ArchiveError: MH_ARCHIVE_SOURCE_INCOMPLETE (a media file is missing),
 * MH_ARCHIVE_WRITE_FAILED (`out` or the temporary files failed, e.g. ENOSPC).
 */
export async function exportArchive(
  store: Store,
  opts: ExportOptions,
  out: NodeJS.WritableStream,
): Promise<ArchiveManifest> {
  const exportedAt = new Date().toISOString();
  const includeCredentials = opts.includeCredentials ?? false;
  const spool = path.join(opts.dataDir, "export-staging", randomUUID());
  try {
    await mkdir(spool, { recursive: true }).catch((error) => {
      throw spoolFailed(spool, error);
    });
    const counts: Record<string, number> = {};
    const members: PendingMember[] = [];
    const mediaKeys: string[] = [];
    await inSnapshot(store, async (db, dialect) => {
      for (const [i, table] of TABLES.entries()) {
        const file = path.join(spool, `${i}.json`);
        const written = await spoolTable(db, dialect, table, includeCredentials, file, (row) => {
          if (table.name === "media" || table.name === "media_variants")
            mediaKeys.push(String(row.storage_key));
        });
        counts[table.name] = written.rows;
        members.push({
          name: tableMember(table.name),
          file,
          size: written.size,
          sha256: written.sha256,
        });
      }
    });
    const mediaDir = mediaDirOf(opts.dataDir);
    // Sorted by code unit, which is the same wherever the rows came from.
    for (const key of [...new Set(mediaKeys)].sort()) {
      const file = path.join(mediaDir, key);
      const { size, sha256 } = await hashFile(file).catch((error) => {
        throw new ArchiveError(
          "MH_ARCHIVE_SOURCE_INCOMPLETE",
          `the media file '${key}' recorded in the database cannot be read from ${mediaDir}: ` +
            `${describeIoError(error)}. Put the file back (from a copy of the media folder) or ` +
            "delete the media item in the admin, then export again",
          { cause: error },
        );
      });
      members.push({ name: mediaMember(key), file, size, sha256 });
    }
    counts.mediaFiles = members.length - TABLES.length;
    const manifest: ArchiveManifest = {
      formatVersion: FORMAT_VERSION,
      masthead: MASTHEAD_VERSION,
      exportedAt,
      includesCredentials: includeCredentials,
      counts,
      members: members.map(({ name, size, sha256 }) => ({ name, size, sha256 })),
    };
    await writeTar(manifest, members, out);
    return manifest;
  } finally {
    await rm(spool, { recursive: true, force: true });
    // The shared folder goes too once empty (another export in progress keeps it).
    await rmdir(path.dirname(spool)).catch(() => {});
  }
}

/**
 * Exports to `file` through `file.partial`, renamed only once complete and on disk, so a failed
 * or interrupted export never leaves a file that looks like an archive.
 */
export async function exportToFile(
  store: Store,
  file: string,
  opts: ExportOptions,
): Promise<ArchiveManifest> {
  const partial = `${file}.partial`;
  try {
    const manifest = await exportArchive(store, opts, createWriteStream(partial));
    const handle = await open(partial, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
    return manifest;
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof ArchiveError) throw error;
    throw writeFailed(file, error);
  }
}

/**
 * Runs `read` on one consistent view of the database, so rows written meanwhile cannot leave a
 * link pointing at a row the archive lacks. On SQLite a second connection holds the read
 * transaction: the store's own connection is the only one a server has, and would otherwise
 * wait for the whole export.
 */
async function inSnapshot(
  store: Store,
  read: (db: Kysely<Database>, dialect: Dialect) => Promise<void>,
): Promise<void> {
  if (store.dialect === "postgres") {
    await store.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .setAccessMode("read only")
      .execute((trx) => read(trx, "postgres"));
    return;
  }
  const [main] = (await sql<{ name: string; file: string }>`pragma database_list`.execute(store.db))
    .rows;
  if (!main?.file || store.db.isTransaction) {
    await store.db.transaction().execute((trx) => read(trx, "sqlite"));
    return;
  }
  const own = await openSqlite(main.file);
  try {
    await own.transaction().execute((trx) => read(trx, "sqlite"));
  } finally {
    await own.destroy();
  }
}

/** Writes one table's rows, in key order, as a JSON array with one row per line. */
async function spoolTable(
  db: Kysely<Database>,
  dialect: Dialect,
  table: TableSpec,
  includeCredentials: boolean,
  file: string,
  onRow: (row: Record<string, unknown>) => void,
): Promise<{ rows: number; size: number; sha256: string }> {
  const columns = exportedColumns(table, includeCredentials);
  const stream = createWriteStream(file);
  const hash = createHash("sha256");
  let size = 0;
  const write = async (text: string) => {
    const bytes = Buffer.from(text);
    hash.update(bytes);
    size += bytes.length;
    if (!stream.write(bytes)) await drained(stream);
  };
  let rows = 0;
  try {
    await write("[");
    for await (const page of pages(db, dialect, table, columns)) {
      let text = "";
      for (const row of page) {
        text += `${rows === 0 ? "\n" : ",\n"}${serializeRow(table, columns, row)}`;
        rows += 1;
        onRow(row);
      }
      await write(text);
    }
    await write(rows === 0 ? "]\n" : "\n]\n");
    await new Promise<void>((resolve, reject) =>
      stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  } catch (error) {
    stream.destroy();
    if (error instanceof ArchiveError) throw error;
    if ((error as NodeJS.ErrnoException).syscall !== undefined) throw spoolFailed(file, error);
    throw error;
  }
  return { rows, size, sha256: hash.digest("hex") };
}

/**
 * The table's rows in pages, by keyset on its key. Text keys compare byte by byte (`collate "C"`
 * on PostgreSQL, SQLite's default), so the order does not depend on the server's locale.
 * PostgreSQL's indexes follow the database's collation, so a page ordered `collate "C"` is a
 * sort of every row after the last key: done on the keys alone (an index-only scan, no row
 * bodies), then the page's rows are fetched by key. Ordering whole rows that way took 0.3 s a
 * page of comments at 15,000.
 */
async function* pages(
  db: Kysely<Database>,
  dialect: Dialect,
  table: TableSpec,
  columns: readonly string[],
): AsyncGenerator<Record<string, unknown>[]> {
  const keyExpr = table.key.map((k) =>
    dialect === "postgres" && isTextColumn(table, k) ? sql`${sql.ref(k)} collate "C"` : sql.ref(k),
  );
  const keyRefs = sql.join(table.key.map((k) => sql.ref(k)));
  const select = sql.join([...new Set([...columns, ...table.key])].map((c) => sql.ref(c)));
  const tuple = (values: unknown[]) => sql`(${sql.join(values.map((v) => sql.val(v)))})`;
  let after: unknown[] | undefined;
  for (;;) {
    const where = after === undefined ? sql`` : sql`where (${sql.join(keyExpr)}) > ${tuple(after)}`;
    let rows: Record<string, unknown>[];
    if (dialect === "sqlite") {
      ({ rows } = await sql<Record<string, unknown>>`
        select ${select} from ${sql.table(table.name)} ${where}
        order by ${sql.join(keyExpr)} limit ${PAGE_ROWS}`.execute(db));
    } else {
      const keys = (
        await sql<Record<string, unknown>>`
          select ${keyRefs} from ${sql.table(table.name)} ${where}
          order by ${sql.join(keyExpr)} limit ${PAGE_ROWS}`.execute(db)
      ).rows.map((r) => table.key.map((k) => r[k]));
      if (keys.length === 0) return;
      // Joined to the keys as a VALUES list: an IN list of composite keys made PostgreSQL test
      // every key against every row of the index range.
      const typed = (values: unknown[]) =>
        sql`(${sql.join(
          values.map((v, i) =>
            isTextColumn(table, table.key[i] as string)
              ? sql`cast(${v} as text)`
              : sql`cast(${v} as bigint)`,
          ),
        )})`;
      const names = table.key.map((_, i) => `k${i}`);
      const fetched = (
        await sql<Record<string, unknown>>`
          select ${sql.join([...new Set([...columns, ...table.key])].map((c) => sql.ref(`t.${c}`)))}
          from (values ${sql.join(keys.map(typed))}) as k(${sql.join(names.map((n) => sql.id(n)))})
          join ${sql.table(table.name)} as t
            on ${sql.join(
              table.key.map((c, i) => sql`${sql.ref(`t.${c}`)} = ${sql.ref(`k.${names[i]}`)}`),
              sql` and `,
            )}`.execute(db)
      ).rows;
      const byKey = new Map(fetched.map((r) => [JSON.stringify(table.key.map((k) => r[k])), r]));
      rows = keys.map((k) => byKey.get(JSON.stringify(k)) as Record<string, unknown>);
    }
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE_ROWS) return;
    const last = rows[rows.length - 1] as Record<string, unknown>;
    after = table.key.map((k) => last[k]);
  }
}

/** Writes the manifest, then every member, as a tar stream into `out`. */
async function writeTar(
  manifest: ArchiveManifest,
  members: readonly PendingMember[],
  out: NodeJS.WritableStream,
): Promise<void> {
  const pack = tar.pack();
  const mtime = new Date(manifest.exportedAt);
  const sink = pipeline(pack, out as Writable);
  const fill = (async () => {
    const head = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await addEntry(pack, { name: MANIFEST_MEMBER, size: head.length, mtime }, head);
    for (const member of members)
      await addEntry(pack, { name: member.name, size: member.size, mtime }, member.file);
    pack.finalize();
  })();
  // When `out` fails (a full disk), the pack is destroyed too, which ends the entry in progress.
  const [written, filled] = await Promise.allSettled([
    sink.catch((error) => {
      pack.destroy(error);
      throw error;
    }),
    fill,
  ]);
  if (written.status === "rejected") throw writeFailed("the archive", written.reason);
  if (filled.status === "rejected") {
    const error = filled.reason;
    if (error instanceof ArchiveError) throw error;
    throw writeFailed("the archive", error);
  }
}

async function addEntry(
  pack: tar.Pack,
  header: { name: string; size: number; mtime: Date },
  content: Buffer | string,
): Promise<void> {
  if (Buffer.isBuffer(content)) {
    await new Promise<void>((resolve, reject) =>
      pack.entry({ ...header, mode: 0o644 }, content, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    return;
  }
  const entry = pack.entry({ ...header, mode: 0o644 });
  // A file that changed size since it was hashed makes tar-stream fail the entry: never a
  // member that disagrees with the manifest.
  await pipeline(createReadStream(content), entry);
}

async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const info = await stat(file);
  if (!info.isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { size: info.size, sha256: hash.digest("hex") };
}

function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      stream.off("error", fail);
      resolve();
    };
    const fail = (error: Error) => {
      stream.off("drain", done);
      reject(error);
    };
    stream.once("drain", done);
    stream.once("error", fail);
  });
}

function spoolFailed(where: string, error: unknown): ArchiveError {
  return new ArchiveError(
    "MH_ARCHIVE_WRITE_FAILED",
    `the export could not write its temporary files in ${path.dirname(where)}: ` +
      `${describeIoError(error)}. It needs about the archive's size free in the data directory`,
    { cause: error },
  );
}

function writeFailed(what: string, error: unknown): ArchiveError {
  return new ArchiveError(
    "MH_ARCHIVE_WRITE_FAILED",
    `could not write ${what === "the archive" ? what : `the archive ${what}`}: ` +
      `${describeIoError(error)}; the export stopped and left no archive behind`,
    { cause: error },
  );
}
