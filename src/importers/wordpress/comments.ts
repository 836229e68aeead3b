// A post's WordPress comments as Masthead comments: threads kept (as deep as Masthead nests),
// approval states mapped, pingbacks and trackbacks reported instead of imported.
import { createHash, randomUUID } from "node:crypto";
import { COMMENT_MAX_DEPTH } from "../../content/index.js";
import type { ImportedComment, ImportedRecord } from "../../store/index.js";
import type { ReportEntry } from "../report.js";
import { commentText } from "./comment-text.js";
import { commentStatusOf, isLinkback, wpDate } from "./map.js";
import type { WxrItem } from "./records.js";

/** The comments to write for one item, what they were imported as, and what to report. */
export interface PlannedComments {
  rows: ImportedComment[];
  records: ImportedRecord[];
  skipped: ReportEntry[];
  notes: ReportEntry[];
}

/** Plans an item's comments; `earlier` holds comments imported by previous runs, by source id. */
export function planComments(item: WxrItem, earlier: Map<string, ImportedRecord>): PlannedComments {
  const plan: PlannedComments = { rows: [], records: [], skipped: [], notes: [] };
  const comments = item.comments.filter((c) => {
    if (!isLinkback(c)) return true;
    plan.skipped.push({
      kind: c.type,
      id: c.id,
      title: item.title,
      reason: `${c.type}s are not comments: not imported`,
    });
    return false;
  });
  const byId = new Map(comments.map((c) => [c.id, c]));
  const targetOf = new Map(
    comments.map((c) => [c.id, earlier.get(c.id)?.targetId ?? randomUUID()]),
  );
  // Depth and effective parent of each comment, parents resolved first (memoised, cycle-safe).
  const placed = new Map<string, { parent: string | null; depth: number }>();
  const place = (id: string, trail: Set<string>): { parent: string | null; depth: number } => {
    const known = placed.get(id);
    if (known) return known;
    const c = byId.get(id);
    const parentId = c && c.parentId !== "" && c.parentId !== "0" ? c.parentId : null;
    let result: { parent: string | null; depth: number };
    if (parentId === null) result = { parent: null, depth: 0 };
    else if (!byId.has(parentId) || trail.has(parentId)) {
      plan.notes.push({
        kind: "comment",
        id,
        title: item.title,
        reason: `its parent comment ${parentId} is not in the export: shown as a top-level comment`,
      });
      result = { parent: null, depth: 0 };
    } else {
      trail.add(id);
      let parent = parentId;
      let up = place(parentId, trail);
      // Masthead nests replies COMMENT_MAX_DEPTH deep: a deeper reply answers the deepest ancestor allowed.
      while (up.depth >= COMMENT_MAX_DEPTH && up.parent !== null) {
        parent = up.parent;
        up = placed.get(parent) ?? { parent: null, depth: 0 };
      }
      if (parent !== parentId)
        plan.notes.push({
          kind: "comment",
          id,
          title: item.title,
          reason: `nested deeper than ${COMMENT_MAX_DEPTH} replies: attached to an earlier comment of its thread`,
        });
      result = { parent, depth: up.depth + 1 };
    }
    placed.set(id, result);
    return result;
  };
  const order = comments
    .map((c) => ({ c, at: place(c.id, new Set()) }))
    .sort((a, b) => a.at.depth - b.at.depth);
  for (const { c, at } of order) {
    const id = targetOf.get(c.id) as string;
    const row: ImportedComment = {
      id,
      parentId: at.parent === null ? null : (targetOf.get(at.parent) ?? null),
      depth: at.depth,
      authorName: (c.authorName.trim() || "Anonymous").slice(0, 80),
      authorEmail: c.authorEmail.trim() || null,
      authorUrl: /^https?:\/\/\S+$/i.test(c.authorUrl.trim()) ? c.authorUrl.trim() : null,
      body: commentText(c.content) || "(empty comment)",
      status: commentStatusOf(c.approved),
      createdAt: wpDate(c.date, c.dateGmt) ?? new Date(0).toISOString(),
    };
    plan.rows.push(row);
    plan.records.push({
      kind: "comment",
      sourceId: c.id,
      targetId: id,
      targetVersion: null,
      contentHash: createHash("sha256").update(JSON.stringify(row)).digest("hex"),
    });
  }
  return plan;
}
