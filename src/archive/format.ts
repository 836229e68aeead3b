// The archive's format: which members it has, in which order, and what the manifest says. A
// change to what a member holds or how it is written is a new FORMAT_VERSION.
import { readFileSync } from "node:fs";
import { z } from "zod";

/** The format this Masthead writes, and the newest it reads. */
export const FORMAT_VERSION = 1;

/** The first member of every archive. */
export const MANIFEST_MEMBER = "manifest.json";

/** The member holding a table's rows: `data/<table>.json`. */
export const tableMember = (table: string): string => `data/${table}.json`;

/** The member holding a media file: `media/<storageKey>`. */
export const mediaMember = (storageKey: string): string => `${MEDIA_PREFIX}${storageKey}`;

/** Where media members start. */
export const MEDIA_PREFIX = "media/";

/** What the manifest says of each other member, in archive order. */
const MemberSchema = z.object({
  name: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** `manifest.json`, the archive's table of contents. */
export const ManifestSchema = z.object({
  /** Always present, also in formats to come: read before anything else is trusted. */
  formatVersion: z.number().int().positive(),
  /** The Masthead release that wrote it. */
  masthead: z.string(),
  exportedAt: z.iso.datetime(),
  /** Whether accounts carry their password hashes (export --include-credentials). */
  includesCredentials: z.boolean(),
  /** Rows per table, and `mediaFiles`: how many media members follow the tables. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  members: z.array(MemberSchema),
});

/** The parsed manifest of an archive. */
export type ArchiveManifest = z.infer<typeof ManifestSchema>;

/** One member's entry in the manifest. */
export type ArchiveMember = z.infer<typeof MemberSchema>;

/** The Masthead release running, from package.json (found beside src/ and dist/ alike). */
export const MASTHEAD_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
})();
