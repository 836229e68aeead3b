// `masthead restore`: an archive into a database without content. The whole archive is read and
// checked first (manifest, every checksum; media files land in a staging folder); then every row
// is written in one transaction; the media files move into place only after it commits. Any
// failure before the commit leaves the database and the media folder as they were.
import { createHash, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, rename, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import type { Kysely } from "kysely";
import tar from "tar-stream";
import { ArchiveError } from "../content/errors.js";
import { mediaDirOf, removeMediaFiles } from "../media/index.js";
import { type Database, reindexAllArticles, type Store, transact } from "../store/index.js";
import { touchRedirects } from "../store/redirect-index.js";
import { describeIoError } from "./describe-io-error.js";
import {
  type ArchiveManifest,
  type ArchiveMember,
  FORMAT_VERSION,
  MANIFEST_MEMBER,
  ManifestSchema,
  MEDIA_PREFIX,
  tableMember,
} from "./format.js";
import { deserializeRow, exportedColumns, TABLES, type TableSpec } from "./tables.js";

/** A member as tar-stream hands it over. */
type TarEntry = tar.Extract extends AsyncIterable<infer E> ? E : never;

/** A manifest larger than this is not one (a wrong file read as a tar). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** Bound parameters per insert, under SQLite's limit (32,766) and PostgreSQL's (65,535). */
const MAX_PARAMETERS = 30_000;

/** What a restore needs besides the database and the archive. */
export interface RestoreOptions {
  /** The data directory; media files are written to its media folder. */
  dataDir: string;
  /** Replace the content of a database that has some. */
  force?: boolean;
  /**
   * Runs last inside the restore's transaction, so what it writes (the change event that tells
   * running servers to drop their pages) commits with the restored rows or not at all.
   */
  beforeCommit?: (tx: Store) => Promise<void>;
}

/** What a restore did. */
export interface RestoreReport {
  formatVersion: number;
  /** The Masthead release and the moment of the export restored. */
  masthead: string;
  exportedAt: string;
  /** Rows per table, and `mediaFiles`. */
  counts: Record<string, number>;
  /** Whether content was there before and was replaced (--force). */
  replaced: boolean;
  /** Published articles indexed for search. */
  searchDocuments: number;
  /** Accounts able to sign in only once they have chosen a password. */
  accountsWithoutPassword: { email: string; name: string; role: string }[];
}

/**
 * Restores the archive `file` into `store` and the media folder of `opts.dataDir`.
 * Throws ArchiveError: MH_ARCHIVE_TARGET_NOT_EMPTY, MH_ARCHIVE_NOT_AN_ARCHIVE,
 * MH_ARCHIVE_TOO_NEW, MH_ARCHIVE_CORRUPT, MH_ARCHIVE_WRITE_FAILED; nothing is changed then.
 */
export async function restoreArchive(
  store: Store,
  file: string,
  opts: RestoreOptions,
): Promise<RestoreReport> {
  const force = opts.force ?? false;
  const before = await tablesWithRows(store.db);
  if (before.length > 0 && !force) throw notEmpty(before);
  const staging = path.join(opts.dataDir, "media-staging", `restore-${randomUUID()}`);
  try {
    const manifest = await verifyArchive(file, staging);
    const staged = new Set(
      manifest.members.filter((m) => m.name.startsWith(MEDIA_PREFIX)).map((m) => mediaKey(m.name)),
    );
    const result = await transact(store, async (tx) => {
      const present = await tablesWithRows(tx.db);
      if (present.length > 0 && !force) throw notEmpty(present);
      const replacedKeys = present.length > 0 ? await deleteContent(tx.db) : [];
      await writeRows(tx.db, file, manifest, staged);
      await reindexAllArticles(tx);
      const indexed = await tx.db
        .selectFrom("search_documents")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst();
      const searchDocuments = Number(indexed?.n ?? 0);
      await touchRedirects(tx.db);
      const accountsWithoutPassword = await tx.db
        .selectFrom("users")
        .select(["email", "name", "role"])
        .where("password_hash", "is", null)
        .where("disabled_at", "is", null)
        .orderBy("email")
        .execute();
      await opts.beforeCommit?.(tx);
      return { replacedKeys, searchDocuments, accountsWithoutPassword };
    });
    const mediaDir = mediaDirOf(opts.dataDir);
    await mkdir(mediaDir, { recursive: true });
    for (const key of staged) await rename(path.join(staging, key), path.join(mediaDir, key));
    await removeMediaFiles(
      opts.dataDir,
      result.replacedKeys.filter((k) => !staged.has(k)),
    );
    return {
      formatVersion: manifest.formatVersion,
      masthead: manifest.masthead,
      exportedAt: manifest.exportedAt,
      counts: manifest.counts,
      replaced: before.length > 0,
      searchDocuments: result.searchDocuments,
      accountsWithoutPassword: result.accountsWithoutPassword,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
    // The shared staging folder goes too once empty (an upload in progress keeps it).
    await rmdir(path.dirname(staging)).catch(() => {});
  }
}

/**
 * Reads the whole archive once: the manifest first (a Masthead archive of a format this release
 * reads), then every member against its size and checksum, in the manifest's order. Media files
 * are written to `staging`. Returns the manifest.
 */
export async function verifyArchive(file: string, staging: string): Promise<ArchiveManifest> {
  let manifest: ArchiveManifest | undefined;
  let position = 0;
  await mkdir(staging, { recursive: true });
  await readArchive(file, async (name, entry) => {
    if (manifest === undefined) {
      manifest = await readManifest(file, name, entry);
      return;
    }
    const expected = expectMember(manifest, position, name);
    position += 1;
    const target = name.startsWith(MEDIA_PREFIX) ? path.join(staging, mediaKey(name)) : undefined;
    const { size, sha256 } = await hashEntry(entry, target);
    checkMember(expected, size, sha256);
  });
  if (manifest === undefined)
    throw new ArchiveError(
      "MH_ARCHIVE_NOT_AN_ARCHIVE",
      `${file} is an empty tar file, not a Masthead archive (made by 'masthead export')`,
    );
  const missing = manifest.members[position];
  if (missing !== undefined) throw missingMember(missing.name, manifest.members.length - position);
  return manifest;
}

/** Runs `each` on every member of the tar (gzip-compressed or not) at `file`, in order. */
async function readArchive(
  file: string,
  each: (name: string, entry: TarEntry) => Promise<void>,
): Promise<void> {
  const gzipped = await startsWithGzipMagic(file);
  const extract = tar.extract();
  const source = createReadStream(file);
  const feeding = (
    gzipped ? pipeline(source, createGunzip(), extract) : pipeline(source, extract)
  ).catch((error) => {
    extract.destroy(error);
  });
  let members = 0;
  let current: string | undefined;
  try {
    for await (const entry of extract) {
      current = entry.header.name;
      members += 1;
      if (entry.header.type !== "file")
        throw new ArchiveError(
          members === 1 ? "MH_ARCHIVE_NOT_AN_ARCHIVE" : "MH_ARCHIVE_CORRUPT",
          `${file}: member '${current}' is a ${entry.header.type}, not a file; a Masthead ` +
            "archive holds only files",
        );
      await each(current, entry);
      entry.resume();
    }
  } catch (error) {
    source.destroy();
    if (error instanceof ArchiveError) throw error;
    throw unreadable(file, error, members, current, gzipped);
  } finally {
    await feeding;
  }
}

async function startsWithGzipMagic(file: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw new ArchiveError(
      "MH_ARCHIVE_NOT_AN_ARCHIVE",
      `cannot read ${file}: ${describeIoError(error)}`,
      { cause: error },
    );
  }
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** What went wrong reading the tar, in words: truncated, damaged, or not a tar at all. */
function unreadable(
  file: string,
  error: unknown,
  members: number,
  current: string | undefined,
  gzipped: boolean,
): ArchiveError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException)?.code ?? "";
  const after = current === undefined ? "" : ` (after member '${current}')`;
  if (
    gzipped &&
    (code.startsWith("Z_") || /unexpected end of file|incorrect header/i.test(message))
  )
    return new ArchiveError(
      "MH_ARCHIVE_CORRUPT",
      `${file}: its gzip compression is damaged or cut short${after}: ${message}. Use another ` +
        "copy of the archive",
      { cause: error },
    );
  if (/unexpected end of data/i.test(message))
    return new ArchiveError(
      "MH_ARCHIVE_CORRUPT",
      `${file} ends in the middle of a member${after}: the archive is truncated (an interrupted ` +
        "copy or download?). Use a complete copy",
      { cause: error },
    );
  if (members === 0)
    return new ArchiveError(
      "MH_ARCHIVE_NOT_AN_ARCHIVE",
      `${file} is not a Masthead archive: it is not a tar file (${message}). Restore a file ` +
        "made by 'masthead export' or 'masthead backup'",
      { cause: error },
    );
  return new ArchiveError(
    "MH_ARCHIVE_CORRUPT",
    `${file} is damaged${after}: ${message}. Use another copy of the archive`,
    { cause: error },
  );
}

async function readManifest(file: string, name: string, entry: TarEntry): Promise<ArchiveManifest> {
  if (name !== MANIFEST_MEMBER)
    throw new ArchiveError(
      "MH_ARCHIVE_NOT_AN_ARCHIVE",
      `${file} is a tar file but not a Masthead archive: its first member is '${name}', not ` +
        `${MANIFEST_MEMBER}. Restore a file made by 'masthead export' or 'masthead backup'`,
    );
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of entry) {
    size += (chunk as Buffer).length;
    if (size > MAX_MANIFEST_BYTES) throw corrupt(`${MANIFEST_MEMBER} is too large to be one`);
    chunks.push(chunk as Buffer);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw corrupt(`${MANIFEST_MEMBER} is not valid JSON`);
  }
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1)
    throw new ArchiveError(
      "MH_ARCHIVE_NOT_AN_ARCHIVE",
      `${file} is not a Masthead archive: its ${MANIFEST_MEMBER} has no formatVersion`,
    );
  if (version > FORMAT_VERSION)
    throw new ArchiveError(
      "MH_ARCHIVE_TOO_NEW",
      `${file} is in archive format ${version}, written by a newer Masthead ` +
        `(${String((raw as { masthead?: unknown }).masthead ?? "unknown")}); this one reads ` +
        `format ${FORMAT_VERSION} and older. Upgrade Masthead, then restore again`,
    );
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success)
    throw corrupt(
      `${MANIFEST_MEMBER} is malformed (${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
        .join("; ")})`,
    );
  const manifest = parsed.data;
  const names = new Set<string>();
  for (const member of manifest.members) {
    if (names.has(member.name)) throw corrupt(`${MANIFEST_MEMBER} lists '${member.name}' twice`);
    names.add(member.name);
    if (member.name.startsWith(MEDIA_PREFIX)) mediaKey(member.name);
    else if (!TABLES.some((t) => tableMember(t.name) === member.name))
      throw corrupt(
        `${MANIFEST_MEMBER} lists '${member.name}', which is no member of format ${FORMAT_VERSION}`,
      );
  }
  for (const table of TABLES)
    if (!table.addedTable && !names.has(tableMember(table.name)))
      throw corrupt(`${MANIFEST_MEMBER} does not list ${tableMember(table.name)}`);
  return manifest;
}

/** The manifest's entry for the member at `position`, which must be `name`. */
function expectMember(manifest: ArchiveManifest, position: number, name: string): ArchiveMember {
  const expected = manifest.members[position];
  if (expected?.name === name) return expected;
  const later = manifest.members.findIndex((m, i) => i > position && m.name === name);
  if (expected !== undefined && later > position)
    throw missingMember(expected.name, later - position);
  throw corrupt(`it holds a member '${name}' that its ${MANIFEST_MEMBER} does not list there`);
}

function checkMember(expected: ArchiveMember, size: number, sha256: string): void {
  if (size !== expected.size || sha256 !== expected.sha256)
    throw corrupt(
      `the checksum of '${expected.name}' does not match its manifest (${size} bytes, sha256 ` +
        `${sha256.slice(0, 12)}…; expected ${expected.size} bytes, ${expected.sha256.slice(0, 12)}…)`,
    );
}

/** Reads a member through, hashing it, and writing it to `target` when given. */
async function hashEntry(
  entry: TarEntry,
  target: string | undefined,
): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  const out = target === undefined ? undefined : createWriteStream(target);
  try {
    for await (const chunk of entry as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      if (out && !out.write(chunk)) await once(out, "drain");
    }
    if (out)
      await new Promise<void>((resolve, reject) =>
        out.end((e?: Error | null) => (e ? reject(e) : resolve())),
      );
  } catch (error) {
    out?.destroy();
    if (target === undefined || (error as NodeJS.ErrnoException).syscall === undefined) throw error;
    throw new ArchiveError(
      "MH_ARCHIVE_WRITE_FAILED",
      `could not stage the archive's media files in ${path.dirname(target)}: ` +
        `${describeIoError(error)}. Nothing was restored`,
      { cause: error },
    );
  }
  return { size, sha256: hash.digest("hex") };
}

/** The storage key of a media member, refused when it could name a file outside the folder. */
function mediaKey(name: string): string {
  const key = name.slice(MEDIA_PREFIX.length);
  if (key === "" || key === "." || key === ".." || /[/\\\0]/.test(key))
    throw corrupt(`the media member name '${name}' is not a storage key`);
  return key;
}

/** Inserts every table's rows from the archive (read a second time), in the archive's order. */
async function writeRows(
  db: Kysely<Database>,
  file: string,
  manifest: ArchiveManifest,
  staged: ReadonlySet<string>,
): Promise<void> {
  const byMember = new Map(TABLES.map((t) => [tableMember(t.name), t]));
  const expected = new Map(manifest.members.map((m) => [m.name, m]));
  await readArchive(file, async (name, entry) => {
    const table = byMember.get(name);
    if (table === undefined) return;
    const hash = createHash("sha256");
    let size = 0;
    const hashed = async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    };
    const rows = await insertTable(
      db,
      table,
      name,
      hashed(entry as AsyncIterable<Buffer>),
      manifest.includesCredentials,
      staged,
    );
    // Read once already; checked again in case the file changed between the two reads.
    checkMember(expected.get(name) as ArchiveMember, size, hash.digest("hex"));
    const count = manifest.counts[table.name];
    if (count !== undefined && count !== rows)
      throw corrupt(`${name} holds ${rows} rows where its manifest counts ${count}`);
  });
}

async function insertTable(
  db: Kysely<Database>,
  table: TableSpec,
  member: string,
  source: AsyncIterable<Buffer>,
  includesCredentials: boolean,
  staged: ReadonlySet<string>,
): Promise<number> {
  const columns = exportedColumns(table, includesCredentials).length;
  const batchSize = Math.max(1, Math.min(500, Math.floor(MAX_PARAMETERS / columns)));
  const parents: [string, string][] = [];
  let batch: Record<string, unknown>[] = [];
  let line = 0;
  let rows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db
      .insertInto(table.name)
      .values(batch as never)
      .execute();
    batch = [];
  };
  for await (const text of lines(source)) {
    line += 1;
    const trimmed = text.endsWith(",") ? text.slice(0, -1) : text;
    if (trimmed === "[" || trimmed === "]" || trimmed === "[]" || trimmed === "") continue;
    const where = `${member}, line ${line}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw corrupt(`${where} is not a JSON row`);
    }
    const row = deserializeRow(table, parsed, where, includesCredentials);
    if (
      (table.name === "media" || table.name === "media_variants") &&
      !staged.has(String(row.storage_key))
    )
      throw corrupt(`${where} names the media file '${row.storage_key}', which the archive lacks`);
    if (table.selfReference !== undefined && row[table.selfReference] !== null) {
      parents.push([String(row.id), String(row[table.selfReference])]);
      row[table.selfReference] = null;
    }
    batch.push(row);
    rows += 1;
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  for (const [id, parent] of parents)
    await db
      .updateTable(table.name as "sections")
      .set({ [table.selfReference as "parent_id"]: parent })
      .where("id", "=", id)
      .execute();
  return rows;
}

/**
 * The member's text, line by line (a row is one line: JSON escapes newlines in strings). Split
 * on the bytes, which a newline never occurs inside of in UTF-8, and decoded a line at a time.
 */
async function* lines(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  for await (const chunk of source) {
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, end);
      yield (pending.length === 0 ? piece : Buffer.concat([...pending, piece])).toString("utf8");
      pending = [];
      start = end + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) yield Buffer.concat(pending).toString("utf8");
}

/** The archive's tables that hold at least one row. */
async function tablesWithRows(db: Kysely<Database>): Promise<string[]> {
  const found: string[] = [];
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table.name)
      .select((eb) => eb.lit(1).as("one"))
      .limit(1)
      .executeTakeFirst();
    if (row !== undefined) found.push(table.name);
  }
  return found;
}

/**
 * Deletes the content a --force restore replaces, children before parents, and returns the
 * storage keys of its media files (removed once the restore has committed). Sessions, API keys
 * and links of the accounts go with them (their foreign keys cascade).
 */
async function deleteContent(db: Kysely<Database>): Promise<string[]> {
  const keys = [
    ...(await db.selectFrom("media").select("storage_key").execute()),
    ...(await db.selectFrom("media_variants").select("storage_key").execute()),
  ].map((r) => r.storage_key);
  await db.deleteFrom("search_documents").execute();
  await db.deleteFrom("preview_links").execute();
  for (const table of [...TABLES].reverse()) await db.deleteFrom(table.name).execute();
  return keys;
}

function notEmpty(tables: string[]): ArchiveError {
  return new ArchiveError(
    "MH_ARCHIVE_TARGET_NOT_EMPTY",
    `the database already holds content (rows in ${tables.join(", ")}); restore into a fresh ` +
      "database (made by 'masthead init' without --demo), or add --force to replace all of its " +
      "content and accounts with the archive's",
  );
}

function missingMember(name: string, count: number): ArchiveError {
  return corrupt(
    `the member '${name}' listed in its manifest is missing${count > 1 ? ` (and ${count - 1} more)` : ""}: ` +
      "the archive is truncated or was assembled by hand",
  );
}

function corrupt(why: string): ArchiveError {
  return new ArchiveError(
    "MH_ARCHIVE_CORRUPT",
    `the archive is damaged: ${why}. Nothing was restored; use another copy of the archive`,
  );
}
