// The first pass over a WXR file: everything small enough to keep (the site, authors, terms,
// what each attachment is, pages' parents) so the second pass can import one post at a time.
import type { WxrAuthor, WxrItem, WxrSite, WxrTerm } from "./records.js";
import { readWxr } from "./wxr.js";

/** An attachment as the importer needs it to make a media item. */
export interface AttachmentInfo {
  id: string;
  url: string;
  title: string;
  alt: string;
  /** The caption (the attachment's excerpt). */
  caption: string;
  /** The description (the attachment's content). */
  description: string;
  /** A photographer's credit, from a plugin field WordPress does not have itself. */
  credit: string;
}

/** What the first pass learnt. */
export interface ScanResult {
  site: WxrSite;
  authors: WxrAuthor[];
  terms: WxrTerm[];
  attachments: Map<string, AttachmentInfo>;
  /** Attachment ids by their file's URL, originals and every size WordPress made. */
  attachmentByUrl: Map<string, string>;
  /** Pages by id, with their slug and parent, for nested page paths. */
  pages: Map<string, { slug: string; parentId: string }>;
  /** Posts and pages to import (the progress bar's total). */
  itemCount: number;
  /** Item ids seen more than once; the later ones are skipped. */
  duplicateIds: Set<string>;
}

// Plugins that keep a photo credit on the attachment (Media Credit, Better Image Credits, …).
const CREDIT_KEYS = [
  "_media_credit",
  "_wp_attachment_source_name",
  "_credit",
  "credit",
  "_image_credit",
  "image_credit",
];

/** Reads the whole file once, keeping only what is small. Throws WxrError. */
export async function scanWxr(
  file: string,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): Promise<ScanResult> {
  let site: WxrSite | undefined;
  const result: Omit<ScanResult, "site"> = {
    authors: [],
    terms: [],
    attachments: new Map(),
    attachmentByUrl: new Map(),
    pages: new Map(),
    itemCount: 0,
    duplicateIds: new Set(),
  };
  const seen = new Set<string>();
  for await (const record of readWxr(file, { onProgress })) {
    switch (record.kind) {
      case "site":
        site = record;
        break;
      case "author":
        result.authors.push(record);
        break;
      case "term":
        result.terms.push(record);
        break;
      case "item":
        if (seen.has(record.id)) result.duplicateIds.add(record.id);
        seen.add(record.id);
        if (record.postType === "attachment") addAttachment(result, record);
        else if (record.postType === "post" || record.postType === "page") {
          result.itemCount++;
          if (record.postType === "page")
            result.pages.set(record.id, { slug: record.slug, parentId: record.parentId });
        }
    }
  }
  if (!site) throw new Error("WXR reader yielded no site record");
  return { site, ...result };
}

function addAttachment(scan: Omit<ScanResult, "site">, item: WxrItem): void {
  const meta = (key: string) => item.meta.find((m) => m.key === key)?.value ?? "";
  const url = item.attachmentUrl || item.guid;
  scan.attachments.set(item.id, {
    id: item.id,
    url,
    title: item.title,
    alt: meta("_wp_attachment_image_alt"),
    caption: item.excerpt,
    description: item.content,
    credit: CREDIT_KEYS.map(meta).find((v) => v.trim() !== "") ?? "",
  });
  scan.attachmentByUrl.set(stripScheme(url), item.id);
  // _wp_attached_file is the path under uploads/ ("2019/05/photo.jpg"): sized copies share its folder.
  const attached = meta("_wp_attached_file");
  if (attached) scan.attachmentByUrl.set(`uploads/${attached}`, item.id);
}

/** A URL without scheme (http and https links to the same file are one file). */
export function stripScheme(url: string): string {
  return url.trim().replace(/^https?:\/\//i, "//");
}
