// The shapes the admin API sends, as the app uses them.

import type {
  Article,
  ArticleAsWritten,
  ArticleStatus,
  Credit,
  Person,
  Section,
  Tag,
} from "../../content/index.js";

// Taken from the API's answer builders (contract.ts), not declared again here.
export type { ArticleAbilities, ArticleReply, Correction } from "./contract.js";

/** One row of the articles list: the article without its body. */
export type ArticleListItem = Omit<Article, "body"> & { version: number };

/** Who made a change: a user, or the scheduler (no id). */
export interface ChangeAuthor {
  userId: string | null;
  name: string;
}

/** A saved version of an article, as the revisions list shows it. */
export interface RevisionSummary {
  id: string;
  articleId: string;
  version: number;
  kind: "baseline" | "create" | "edit" | "transition" | "restore" | "scheduled-publish";
  /** What changed since the version before, e.g. "headline changed; 1 block added". */
  summary: string;
  actor: ChangeAuthor;
  createdAt: string;
}

/** A revision with the article as it was saved. */
export interface Revision extends RevisionSummary {
  /** Unfinished blocks as the editor sent them (the API unwraps them). */
  snapshot: ArticleAsWritten;
}

/** A shareable preview link, as made (its address is shown once). */
export interface PreviewLink {
  id: string;
  url: string;
  expiresAt: string;
}

/** A media library item. */
export interface AdminMedia {
  id: string;
  /** What to display (a web rendition, never the original upload). */
  url: string;
  mimeType: string;
  /** image, audio, video, document or captions (read from the file's bytes at upload). */
  kind?: "image" | "audio" | "video" | "document" | "captions";
  /** The file as served (sound, video, PDF, captions); null for images. */
  fileUrl?: string | null;
  width: number;
  height: number;
  /** How long a sound or video file plays, in milliseconds; null for other kinds. */
  durationMs?: number | null;
  alt: string;
  /** The longer text about the image, for the library (never shown to readers); '' when none. */
  description: string;
  credit: Credit;
  /** Set when the license asks for a credit the item lacks. */
  creditWarning: string | null;
  version: number;
  createdAt?: string;
  variants?: { format: string; width: number; height: number; url: string }[];
  /** Where the item is used (single-item answers only). */
  usage?: MediaUsage;
}

/** The articles and people using a media item. */
export interface MediaUsage {
  articles: { id: string; headline: string; slug: string; status: ArticleStatus }[];
  people: { id: string; name: string; slug: string }[];
}

/** A tracker as lists show it. */
export interface TrackerListItem {
  id: string;
  slug: string;
  title: string;
  entryCount: number;
}

export type AdminPerson = Person & { version?: number };
export type AdminSection = Section & { version?: number };
export type AdminTag = Tag;

/** A page of a list. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** Per kind of record, what an import did (or would do). */
export interface ImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

/** One source record an import names: skipped, converted to legacy HTML, or noted. */
export interface ImportEntry {
  kind: string;
  id: string;
  title?: string;
  reason: string;
}

/** An import's report, as the importer wrote it (src/importers/report.ts). */
export interface ImportReport {
  source: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  counts: Record<string, ImportCounts>;
  skipped: ImportEntry[];
  legacyHtml: ImportEntry[];
  mediaMissing: { url: string; usedBy: string[]; reason: string }[];
  notes: ImportEntry[];
}

/** An import started from the admin app; `report` only on single-run answers, once done. */
export interface ImportRun {
  id: string;
  platform: string;
  fileName: string;
  fileSize: number;
  options: { dryRun: boolean; asDraft: boolean; overwrite: boolean; fetchMedia?: boolean };
  status: "queued" | "running" | "done" | "failed";
  progress: {
    pass: "scan" | "import";
    done: number;
    total: number;
    passStartedAt: string;
    updatedAt: string;
  } | null;
  report: ImportReport | null;
  error: { code: string | null; message: string } | null;
  startedBy: { id: string; name: string | null } | null;
  startedAt: string;
  finishedAt: string | null;
  /** The uploaded file is still kept, so the run can be repeated (a dry run imported for real). */
  fileKept: boolean;
}
