// Images of a Ghost export as media items: the file from a copy of Ghost's content/images (or,
// when asked, downloaded), through the importers' shared image step.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ImageDetails } from "../../services/store-image.js";
import type { ImportedRecord, Store } from "../../store/index.js";
import { createImageImporter, downloadImage, type ImageBytes } from "../images.js";
import type { ImportReport } from "../report.js";
import { ghostImagePath, isSiteRelative } from "./map.js";

/** Where images come from and whether anything is written. */
export interface GhostMediaOptions {
  store: Store;
  dataDir: string;
  source: string;
  /** A copy of the old site's content/images. */
  mediaDir?: string;
  fetchMedia: boolean;
  dryRun: boolean;
  report: ImportReport;
  /** Media imported by earlier runs, by source id. */
  imported: Map<string, ImportedRecord>;
}

/** Turns Ghost image addresses into media ids, once each. */
export interface GhostMediaResolver {
  /** The media item for an image, or null when its file cannot be had (then reported). */
  resolve(src: string, details: ImageDetails, usedBy: string): Promise<string | null>;
}

/** A resolver for one import run. */
export function createGhostMediaResolver(opts: GhostMediaOptions): GhostMediaResolver {
  const images = createImageImporter(opts);
  return {
    resolve(src, details, usedBy) {
      const rel = ghostImagePath(src);
      const url = src.trim().replace(/^__GHOST_URL__/, "");
      return images.mediaIdOf(
        {
          sourceId: rel ? `image:${rel}` : `url:${url.replace(/^https?:\/\//i, "")}`,
          url: rel ? `/content/images/${rel}` : url,
          read: () => readBytes(opts, src, rel),
          details,
        },
        usedBy,
      );
    },
  };
}

async function readBytes(
  opts: GhostMediaOptions,
  src: string,
  rel: string | null,
): Promise<ImageBytes> {
  if (rel && opts.mediaDir) {
    try {
      return { bytes: await readFile(path.join(opts.mediaDir, rel)) };
    } catch {
      // Not there: the network, if allowed.
    }
  }
  if (opts.fetchMedia) {
    if (isSiteRelative(src))
      return {
        reason:
          "the export names the image relative to the old site, whose address it does not hold: copy content/images and give --media-dir",
      };
    return downloadImage(src.trim());
  }
  return {
    reason:
      rel && opts.mediaDir
        ? `not found in ${opts.mediaDir}`
        : rel
          ? "no --media-dir given (a copy of Ghost's content/images)"
          : "an image on another site, and --fetch-media not set",
  };
}
