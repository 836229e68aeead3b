// Images (and sound files) of a WordPress export as media items: the file from a copy of
// wp-content/uploads (or, when asked, downloaded), stored through the same pipeline as an upload.
// A file that cannot be had is reported: readers' pages never hot-link the old site.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { htmlToText } from "../../content/html-text.js";
import { MAX_MEDIA_DESCRIPTION } from "../../content/index.js";
import type { ImportedRecord, Store } from "../../store/index.js";
import { createImageImporter, downloadImage, type ImageBytes, reportMissing } from "../images.js";
import type { ImportReport } from "../report.js";
import { originalImageUrl } from "./content.js";
import { type AttachmentInfo, type ScanResult, stripScheme } from "./scan.js";

/** Where images come from and whether anything is written. */
export interface MediaOptions {
  store: Store;
  dataDir: string;
  source: string;
  scan: ScanResult;
  /** A copy of the old site's wp-content/uploads. */
  mediaDir?: string;
  fetchMedia: boolean;
  dryRun: boolean;
  report: ImportReport;
  /** Media imported by earlier runs, by source id. */
  imported: Map<string, ImportedRecord>;
}

/** A resolved image: the media item's id and what the attachment says about it. */
export interface ResolvedImage {
  mediaId: string;
  attachment?: AttachmentInfo;
}

/** Turns images named in content (by attachment id or URL) into media ids, once each. */
export interface MediaResolver {
  /**
   * The media item for an image (or, with kind "audio", a sound file, whose bytes must sniff as
   * sound), or null when its file cannot be had (then reported).
   */
  resolve(
    ref: { attachmentId?: string; src: string },
    usedBy: string,
    kind?: "audio",
  ): Promise<ResolvedImage | null>;
}

/** A resolver for one import run: the importers' shared image step, keyed on attachment or URL. */
export function createMediaResolver(opts: MediaOptions): MediaResolver {
  const images = createImageImporter(opts);
  const missing = new Map<string, ImportReport["mediaMissing"][number]>();
  return {
    async resolve(ref, usedBy, kind) {
      const attachment = findAttachment(opts.scan, ref);
      const url = attachment?.url || ref.src;
      if (!url) {
        reportMissing(
          opts.report,
          missing,
          `attachment ${ref.attachmentId ?? "?"}`,
          usedBy,
          "the export names an attachment it does not contain",
        );
        return null;
      }
      const mediaId = await images.mediaIdOf(
        {
          sourceId: attachment
            ? `attachment:${attachment.id}`
            : `url:${stripScheme(originalImageUrl(url))}`,
          url: originalImageUrl(url),
          read: () => readImageBytes(opts, url),
          ...(kind ? { kind } : {}),
          details: {
            alt: (attachment?.alt ?? "").slice(0, 500),
            description: descriptionOf(attachment),
            credit: {
              creator: (attachment?.credit ?? "").slice(0, 200),
              sourceName: "",
              license: "all-rights-reserved",
            },
          },
        },
        usedBy,
      );
      return mediaId === null ? null : { mediaId, attachment };
    },
  };
}

function findAttachment(scan: ScanResult, ref: { attachmentId?: string; src: string }) {
  if (ref.attachmentId) {
    const byId = scan.attachments.get(ref.attachmentId);
    if (byId) return byId;
  }
  if (!ref.src) return undefined;
  const original = originalImageUrl(ref.src);
  for (const candidate of [ref.src, original]) {
    const id =
      scan.attachmentByUrl.get(stripScheme(candidate)) ??
      scan.attachmentByUrl.get(`uploads/${uploadsPath(candidate) ?? ""}`);
    if (id) return scan.attachments.get(id);
  }
  return undefined;
}

/** The part of an uploads URL below `uploads/` (or multisite `files/`), e.g. "2019/05/a.jpg". */
function uploadsPath(url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, "http://old.invalid").pathname);
  } catch {
    return null;
  }
  const m = /\/(?:wp-content\/uploads|files)\/(.+)$/.exec(pathname);
  return m?.[1] ?? null;
}

/**
 * An attachment's description (its post content, HTML as WordPress keeps it) as the plain text
 * a media item holds, cut to the longest the library takes.
 */
export function descriptionOf(attachment: AttachmentInfo | undefined): string {
  let text = htmlToText(attachment?.description ?? "").slice(0, MAX_MEDIA_DESCRIPTION);
  // A cut between the halves of a surrogate pair (an emoji) would leave half a character.
  if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  return text.trim();
}

async function readImageBytes(opts: MediaOptions, url: string): Promise<ImageBytes> {
  const original = originalImageUrl(url);
  if (opts.mediaDir) {
    for (const candidate of new Set([original, url])) {
      const rel = uploadsPath(candidate);
      if (!rel || rel.split("/").includes("..")) continue;
      try {
        return { bytes: await readFile(path.join(opts.mediaDir, rel)) };
      } catch {
        // Not there: try the next name, then the network if allowed.
      }
    }
  }
  if (opts.fetchMedia) return downloadImage(original);
  return {
    reason: opts.mediaDir
      ? `not found in ${opts.mediaDir}`
      : "no --media-dir given and --fetch-media not set",
  };
}
