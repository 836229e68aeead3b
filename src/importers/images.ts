// Images of any platform's export as media items, stored through the same pipeline as an
// upload, once each per run: an image used by many posts is read and stored once, and an image
// whose file cannot be had is reported once with every item that uses it. Readers' pages never
// hot-link the old site.
import { createHash, randomUUID } from "node:crypto";
import { MAX_UPLOAD_BYTES, sniffFile } from "../media/index.js";
import { storeFile } from "../services/store-file.js";
import { type AlsoRecord, type ImageDetails, storeImage } from "../services/store-image.js";
import { type ImportedRecord, recordImported, type Store } from "../store/index.js";
import type { ImportReport } from "./report.js";

/** Where images are stored and whether anything is written. */
export interface ImageStoreOptions {
  store: Store;
  dataDir: string;
  source: string;
  dryRun: boolean;
  report: ImportReport;
  /** Media imported by earlier runs, by source id. */
  imported: Map<string, ImportedRecord>;
}

/** The bytes of an image, or why they cannot be had. */
export type ImageBytes = { bytes: Buffer } | { reason: string };

/** One image to import: its source id (unique within the run), the URL to report, how to read it. */
export interface ImageSource {
  sourceId: string;
  url: string;
  read(): Promise<ImageBytes>;
  details: ImageDetails;
  /** A sound file (an audio block's) rather than an image: its bytes must sniff as audio. */
  kind?: "audio";
}

/** Imports images once each; reports the ones that cannot be had. */
export interface ImageImporter {
  /** The media id for `image`, or null when its file cannot be had (reported, with `usedBy`). */
  mediaIdOf(image: ImageSource, usedBy: string): Promise<string | null>;
}

/** An image importer for one run. */
export function createImageImporter(opts: ImageStoreOptions): ImageImporter {
  const done = new Map<string, Promise<{ mediaId: string } | { reason: string }>>();
  const missing = new Map<string, ImportReport["mediaMissing"][number]>();
  return {
    async mediaIdOf(image, usedBy) {
      let pending = done.get(image.sourceId);
      if (!pending) {
        pending = importImage(opts, image);
        done.set(image.sourceId, pending);
      }
      const result = await pending;
      if ("mediaId" in result) return result.mediaId;
      reportMissing(opts.report, missing, image.url, usedBy, result.reason);
      return null;
    },
  };
}

/** Adds `usedBy` to the report's entry for `url`, making the entry on first use. */
export function reportMissing(
  report: ImportReport,
  missing: Map<string, ImportReport["mediaMissing"][number]>,
  url: string,
  usedBy: string,
  reason: string,
): void {
  const entry = missing.get(url);
  if (entry) {
    if (!entry.usedBy.includes(usedBy)) entry.usedBy.push(usedBy);
    return;
  }
  const fresh = { url, usedBy: [usedBy], reason };
  missing.set(url, fresh);
  report.mediaMissing.push(fresh);
}

async function importImage(
  opts: ImageStoreOptions,
  image: ImageSource,
): Promise<{ mediaId: string } | { reason: string }> {
  const earlier = opts.imported.get(image.sourceId);
  if (earlier) {
    opts.report.counts.media.unchanged++;
    return { mediaId: earlier.targetId };
  }
  const got = await image.read();
  if ("reason" in got) {
    opts.report.counts.media.skipped++;
    return got;
  }
  // A sound file is told by its first bytes, as an upload is (never by its name).
  const sound = image.kind === "audio" ? sniffFile(got.bytes) : undefined;
  if (image.kind === "audio" && sound?.kind !== "audio") {
    opts.report.counts.media.skipped++;
    return { reason: "the file is not a sound file Masthead can play" };
  }
  if (opts.dryRun) {
    opts.report.counts.media.imported++;
    return { mediaId: randomUUID() };
  }
  const record: AlsoRecord = (tx, created) =>
    recordImported(tx, opts.source, [
      {
        kind: "media",
        sourceId: image.sourceId,
        targetId: created.id,
        targetVersion: null,
        contentHash: createHash("sha256").update(got.bytes).digest("hex"),
      },
    ]);
  try {
    const item = sound
      ? await storeFile(opts.store, opts.dataDir, got.bytes, sound, image.details, null, record)
      : await storeImage(opts.store, opts.dataDir, got.bytes, image.details, null, record);
    opts.report.counts.media.imported++;
    return { mediaId: item.id };
  } catch (error) {
    opts.report.counts.media.skipped++;
    const what = sound ? "a sound file" : "an image";
    return { reason: `the file is not ${what} Masthead can use: ${(error as Error).message}` };
  }
}

/** Downloads an image from the old site (or wherever its URL points), within the upload limit. */
export async function downloadImage(url: string): Promise<ImageBytes> {
  if (!/^https?:\/\//i.test(url)) return { reason: "not a web address" };
  try {
    const response = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(30_000) });
    if (!response.ok) return { reason: `download answered ${response.status}` };
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > MAX_UPLOAD_BYTES) return { reason: "larger than the upload limit" };
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_UPLOAD_BYTES) return { reason: "larger than the upload limit" };
    return { bytes };
  } catch (error) {
    return { reason: `download failed: ${(error as Error).message}` };
  }
}
