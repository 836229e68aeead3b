// Every bad archive is refused with its own error, and leaves the database and the media folder
// exactly as they were: nothing written, never half a restore.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportToFile } from "../../src/archive/export.js";
import { restoreArchive } from "../../src/archive/restore.js";
import { TABLES } from "../../src/archive/tables.js";
import { systemActor } from "../../src/auth/actor.js";
import { ArchiveError } from "../../src/content/errors.js";
import { loadDemoPublication } from "../../src/services/demo-publication.js";
import type { Store } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { readMembers, writeMembers } from "./helpers.js";

let work: string;
let good: Buffer;
let members: Map<string, Buffer>;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "mh-archive-bad-"));
  const source = await (DATABASES[0] as (typeof DATABASES)[number]).open();
  try {
    await loadDemoPublication({ store: source, dataDir: work }, systemActor("tests"));
    const file = path.join(work, "good.tar");
    await exportToFile(source, file, { dataDir: work });
    good = await readFile(file);
    members = await readMembers(file);
  } finally {
    await source.close();
  }
}, 30_000);
afterAll(() => rm(work, { recursive: true, force: true }));

/** The archive with `change` applied to its members; the manifest is rewritten when asked. */
async function altered(
  change: (m: Map<string, Buffer>) => void,
  { rehash = false } = {},
): Promise<Buffer> {
  const copy = new Map(members);
  change(copy);
  if (rehash) {
    const manifest = JSON.parse((copy.get("manifest.json") as Buffer).toString());
    for (const member of manifest.members) {
      const bytes = copy.get(member.name) as Buffer;
      member.size = bytes.length;
      member.sha256 = createHash("sha256").update(bytes).digest("hex");
    }
    copy.set("manifest.json", Buffer.from(JSON.stringify(manifest)));
  }
  return writeMembers(copy);
}

function firstMedia(): string {
  return [...members.keys()].find((n) => n.startsWith("media/")) as string;
}

/** Tar header offset of the member after the manifest. */
function secondHeaderOffset(): number {
  const size = (members.get("manifest.json") as Buffer).length;
  return 512 + Math.ceil(size / 512) * 512;
}

const CASES: {
  name: string;
  bytes: () => Promise<Buffer> | Buffer;
  code: string;
  message: RegExp;
}[] = [
  {
    name: "a truncated archive",
    bytes: () => good.subarray(0, Math.floor(good.length / 2)),
    code: "MH_ARCHIVE_CORRUPT",
    message: /truncated/,
  },
  {
    name: "an archive cut at a member boundary",
    bytes: () => good.subarray(0, secondHeaderOffset()),
    code: "MH_ARCHIVE_CORRUPT",
    message: /missing/,
  },
  {
    name: "damaged tar bytes",
    bytes: () => {
      const bytes = Buffer.from(good);
      bytes.fill(0x41, secondHeaderOffset() + 100, secondHeaderOffset() + 160);
      return bytes;
    },
    code: "MH_ARCHIVE_CORRUPT",
    message: /damaged/,
  },
  {
    name: "damaged gzip bytes",
    bytes: () => {
      const bytes = gzipSync(good);
      bytes.fill(0xff, 12, 76);
      return bytes;
    },
    code: "MH_ARCHIVE_CORRUPT",
    message: /damaged/,
  },
  {
    name: "a truncated gzip archive",
    bytes: () => {
      const bytes = gzipSync(good);
      return bytes.subarray(0, bytes.length - 200);
    },
    code: "MH_ARCHIVE_CORRUPT",
    message: /gzip compression is damaged or cut short/,
  },
  {
    name: "a file that is not an archive",
    bytes: () =>
      Buffer.from(
        '<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>\n'.repeat(20),
      ),
    code: "MH_ARCHIVE_NOT_AN_ARCHIVE",
    message: /not a Masthead archive: it is not a tar file/,
  },
  {
    name: "a tar file without a manifest",
    bytes: () => writeMembers([["notes.txt", Buffer.from("hello")]]),
    code: "MH_ARCHIVE_NOT_AN_ARCHIVE",
    message: /first member is 'notes.txt'/,
  },
  {
    name: "an archive of a future format",
    bytes: () =>
      altered((m) => {
        const manifest = JSON.parse((m.get("manifest.json") as Buffer).toString());
        m.set(
          "manifest.json",
          Buffer.from(JSON.stringify({ ...manifest, formatVersion: 2, members: "changed" })),
        );
      }),
    code: "MH_ARCHIVE_TOO_NEW",
    message: /format 2.*Upgrade Masthead/,
  },
  {
    name: "an archive missing a media member",
    bytes: () => altered((m) => m.delete(firstMedia())),
    code: "MH_ARCHIVE_CORRUPT",
    message: /'media\/[^']+' listed in its manifest is missing/,
  },
  {
    name: "a member whose checksum does not match",
    bytes: () =>
      altered((m) => {
        const text = (m.get("data/articles.json") as Buffer).toString();
        m.set("data/articles.json", Buffer.from(text.replace("Trump", "Trunp")));
      }),
    code: "MH_ARCHIVE_CORRUPT",
    message: /checksum of 'data\/articles.json' does not match/,
  },
  {
    // Checksums agree, so the rows are written before the bad one is met: the transaction undoes them.
    name: "a malformed row in the last table",
    bytes: () =>
      altered((m) => m.set("data/users.json", Buffer.from('[\n{"email":"x@example.org"}\n]\n')), {
        rehash: true,
      }),
    code: "MH_ARCHIVE_CORRUPT",
    message: /data\/users.json, line 2: column 'created_at' is missing/,
  },
];

/** Rows per table and every file under the data directory: what must not change. */
async function state(store: Store, dataDir: string): Promise<unknown> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await store.db
      .selectFrom(table.name)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    counts[table.name] = Number(row?.n ?? 0);
  }
  const files = (await readdir(dataDir, { recursive: true }).catch(() => [])).sort();
  return { counts, files };
}

async function expectRefused(
  promise: Promise<unknown>,
  code: string,
  message: RegExp,
): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchiveError);
  expect({
    code: (error as ArchiveError).code,
    message: (error as ArchiveError).message,
  }).toMatchObject({
    code,
    message: expect.stringMatching(message),
  });
}

for (const db of DATABASES)
  describe(`restore refuses bad input on ${db.name}`, () => {
    let empty: Store;
    let full: Store;
    let emptyDir: string;
    let fullDir: string;
    beforeAll(async () => {
      [empty, full] = await Promise.all([db.open(), db.open()]);
      emptyDir = await mkdtemp(path.join(tmpdir(), "mh-archive-empty-"));
      fullDir = await mkdtemp(path.join(tmpdir(), "mh-archive-full-"));
      await loadDemoPublication({ store: full, dataDir: fullDir }, systemActor("tests"));
    }, 30_000);
    afterAll(async () => {
      await Promise.all([empty?.close(), full?.close()]);
      await rm(emptyDir, { recursive: true, force: true });
      await rm(fullDir, { recursive: true, force: true });
    });

    for (const bad of CASES)
      it(`refuses ${bad.name}, changing nothing (also with --force over content)`, async () => {
        const file = path.join(work, `${db.name}-${bad.name.replace(/\W+/g, "-")}.tar`);
        await writeFile(file, await bad.bytes());
        const before = await state(empty, emptyDir);
        await expectRefused(
          restoreArchive(empty, file, { dataDir: emptyDir }),
          bad.code,
          bad.message,
        );
        expect(await state(empty, emptyDir)).toEqual(before);
        const beforeFull = await state(full, fullDir);
        await expectRefused(
          restoreArchive(full, file, { dataDir: fullDir, force: true }),
          bad.code,
          bad.message,
        );
        expect(await state(full, fullDir)).toEqual(beforeFull);
      });

    it("refuses a database with content unless --force, changing nothing", async () => {
      const file = path.join(work, "good.tar");
      const before = await state(full, fullDir);
      await expectRefused(
        restoreArchive(full, file, { dataDir: fullDir }),
        "MH_ARCHIVE_TARGET_NOT_EMPTY",
        /already holds content \(rows in media, sections, people, articles.*--force/,
      );
      expect(await state(full, fullDir)).toEqual(before);
    });

    it("restores a gzip-compressed archive", async () => {
      const target = await db.open();
      const dir = await mkdtemp(path.join(tmpdir(), "mh-archive-gz-"));
      try {
        const file = path.join(work, `${db.name}-good.tar.gz`);
        await writeFile(file, gzipSync(good));
        const report = await restoreArchive(target, file, { dataDir: dir });
        expect(report.counts.articles).toBe(2);
        expect((await readdir(path.join(dir, "media"))).length).toBe(report.counts.mediaFiles);
      } finally {
        await target.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
