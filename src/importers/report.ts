// What an import did (or, in a dry run, would do): printed at the end and saved as JSON.

/** The kinds of record an import counts. */
export type ReportKind =
  | "article"
  | "page"
  | "comment"
  | "person"
  | "section"
  | "tag"
  | "media"
  | "redirect";

/** Per kind: new records, records written again, records the source left as they were, and records not imported. */
export interface KindCounts {
  imported: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

/** One source record, named so a person can find it in the old site. */
export interface ReportEntry {
  /** What the source calls it, e.g. "post", "attachment", "nav_menu_item", "comment". */
  kind: string;
  id: string;
  title?: string;
  reason: string;
}

/** The report of one import run. */
export interface ImportReport {
  /** e.g. "wordpress:https://example.org", or "ghost". */
  source: string;
  file: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  counts: Record<ReportKind, KindCounts>;
  /** Records not imported, with the reason (password-protected, trash, nav menus, pingbacks…). */
  skipped: ReportEntry[];
  /** Content that became a legacy-HTML block, so editors can convert it later. */
  legacyHtml: ReportEntry[];
  /** Images the import could not find or read: never hot-linked from readers' pages. */
  mediaMissing: { url: string; usedBy: string[]; reason: string }[];
  /** What else a person should know (custom taxonomies, reparented comments, truncated titles…). */
  notes: ReportEntry[];
  /** Staff accounts made for the old site's authors (only when asked), each without a password yet. */
  accounts: { email: string; name: string; userId: string }[];
}

const KINDS: readonly ReportKind[] = [
  "article",
  "page",
  "comment",
  "person",
  "section",
  "tag",
  "media",
  "redirect",
];

const PLURAL: Record<ReportKind, string> = {
  article: "articles",
  page: "pages",
  comment: "comments",
  person: "people",
  section: "sections",
  tag: "tags",
  media: "media",
  redirect: "redirects",
};

/** An empty report for a run starting now. */
export function newReport(source: string, file: string, dryRun: boolean): ImportReport {
  const counts = Object.fromEntries(
    KINDS.map((k) => [k, { imported: 0, updated: 0, unchanged: 0, skipped: 0 }]),
  ) as Record<ReportKind, KindCounts>;
  const now = new Date().toISOString();
  return {
    source,
    file,
    dryRun,
    startedAt: now,
    finishedAt: now,
    counts,
    skipped: [],
    legacyHtml: [],
    mediaMissing: [],
    notes: [],
    accounts: [],
  };
}

/** The report as lines a person reads at the end of a run. */
export function summarizeReport(report: ImportReport): string[] {
  const lines = [
    report.dryRun ? "Dry run: nothing was written. The import would do this:" : "Import finished:",
  ];
  for (const kind of KINDS) {
    const c = report.counts[kind];
    if (c.imported + c.updated + c.unchanged + c.skipped === 0) continue;
    lines.push(
      `  ${PLURAL[kind].padEnd(10)} ${c.imported} imported, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} skipped`,
    );
  }
  const reasons = new Map<string, number>();
  for (const s of report.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  if (reasons.size > 0) {
    lines.push("Skipped:");
    for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]))
      lines.push(`  ${String(n).padStart(6)}  ${reason}`);
  }
  if (report.legacyHtml.length > 0)
    lines.push(
      `Legacy HTML blocks (convert them in the editor): ${report.legacyHtml.length} in ${new Set(report.legacyHtml.map((l) => l.id)).size} items`,
    );
  if (report.mediaMissing.length > 0)
    lines.push(
      `Media missing: ${report.mediaMissing.length} (give --media-dir with a copy of ${report.source.startsWith("ghost") ? "Ghost's content/images" : "wp-content/uploads"}, or --fetch-media)`,
    );
  if (report.notes.length > 0) lines.push(`Notes: ${report.notes.length} (see the JSON report)`);
  return lines;
}

/** Adds what a bulk redirect write did to the report (skips named, with their reason). */
export function countRedirects(
  report: ImportReport,
  result: {
    added: number;
    updated: number;
    skipped: { from: string; to: string; reason: string }[];
  },
): void {
  report.counts.redirect.imported += result.added;
  report.counts.redirect.updated += result.updated;
  report.counts.redirect.skipped += result.skipped.length;
  for (const s of result.skipped)
    report.notes.push({
      kind: "redirect",
      id: s.from,
      title: s.to,
      reason: `redirect not added: ${s.reason}`,
    });
}
