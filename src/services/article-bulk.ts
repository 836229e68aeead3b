// Acting on many articles at once from the article list: change status, section, tags or authors,
// or delete drafts. Each article goes through the same service as a change to it alone (its own
// transaction, its own rights check, its own events), so a batch never does what the actor could
// not do one article at a time; what is refused is reported per article and the rest goes ahead.
import { z } from "zod";
import type { Actor } from "../auth/actor.js";
import {
  ARTICLE_STATUSES,
  type Article,
  type ArticleEditData,
  type ArticleStatus,
  type ErrorCode,
  type FieldIssue,
  forbiddenBecause,
  IdSchema,
  MastheadError,
  NotFoundError,
  TimestampSchema,
} from "../content/index.js";
import { getVersionedArticle, type Store } from "../store/index.js";
import { maySee } from "./article-access.js";
import { saveArticle } from "./article-drafts.js";
import { deleteArticle, moveArticle } from "./article-workflow.js";

/** The most articles one batch may name: a few pages of the list, done in seconds. */
export const BULK_MAX_ARTICLES = 200;

const Ids = z.array(IdSchema).max(50);
/** Ids to add and to remove; at least one of the two. */
const AddRemove = {
  add: Ids.default([]),
  remove: Ids.default([]),
};
const needsAddOrRemove = (change: { add: string[]; remove: string[] }) =>
  change.add.length + change.remove.length > 0;

/** The articles of a batch, by id (each counted once). */
const BatchIds = z
  .array(IdSchema)
  .min(1, "ids must name at least one article")
  .max(
    BULK_MAX_ARTICLES,
    `ids may name at most ${BULK_MAX_ARTICLES} articles at once: split the selection into batches`,
  );

/** A batch: the articles and what to do to every one of them. */
export const BulkRequestSchema = z.discriminatedUnion(
  "action",
  [
    z
      .object({
        ids: BatchIds,
        action: z.literal("status"),
        to: z.enum(ARTICLE_STATUSES, {
          error: () => `to must be one of: ${ARTICLE_STATUSES.join(", ")}`,
        }),
        publishedAt: TimestampSchema.nullable().optional(),
      })
      .strict(),
    z
      .object({ ids: BatchIds, action: z.literal("section"), sectionId: IdSchema.nullable() })
      .strict(),
    z
      .object({ ids: BatchIds, action: z.literal("tags"), ...AddRemove })
      .strict()
      .refine(needsAddOrRemove, { message: "send tag ids to add or to remove" }),
    z
      .object({ ids: BatchIds, action: z.literal("authors"), ...AddRemove })
      .strict()
      .refine(needsAddOrRemove, { message: "send person ids to add or to remove" }),
    z.object({ ids: BatchIds, action: z.literal("delete") }).strict(),
  ],
  { error: () => "action must be one of: status, section, tags, authors, delete" },
);
export type BulkRequest = z.output<typeof BulkRequestSchema>;

/** What became of one article of a batch. */
export type BulkOutcome =
  | { id: string; outcome: "done"; status: ArticleStatus | null }
  | { id: string; outcome: "unchanged"; status: ArticleStatus }
  | {
      id: string;
      outcome: "refused";
      error: { code: ErrorCode; message: string; issues?: FieldIssue[] };
    };

/** A batch's answer: one outcome per article, in the order asked, and the counts. */
export interface BulkReport {
  results: BulkOutcome[];
  done: number;
  unchanged: number;
  refused: number;
}

/**
 * Applies the request's change to each article of `ids` (duplicates once) through the per-article services,
 * each at the version read just before, and reports each: done, unchanged, or refused with the
 * code and message that article alone would have got (MH_FORBIDDEN, MH_NOT_FOUND, MH_STALE,
 * MH_CONFLICT, MH_CONTENT_INVALID…). Delete takes drafts only. Errors that are not about
 * one article (the database gone) end the batch: what was done stays done.
 */
export async function applyToArticles(
  deps: { store: Store },
  actor: Actor,
  request: BulkRequest,
): Promise<BulkReport> {
  const results: BulkOutcome[] = [];
  for (const id of new Set(request.ids)) {
    try {
      results.push(await applyToOne(deps, actor, id, request));
    } catch (error) {
      if (!(error instanceof MastheadError) || error.code === "MH_DB_UNREACHABLE") throw error;
      const { code, message, issues } = error;
      results.push({
        id,
        outcome: "refused",
        error: issues ? { code, message, issues } : { code, message },
      });
    }
  }
  const count = (outcome: BulkOutcome["outcome"]) =>
    results.filter((r) => r.outcome === outcome).length;
  return { results, done: count("done"), unchanged: count("unchanged"), refused: count("refused") };
}

async function applyToOne(
  deps: { store: Store },
  actor: Actor,
  id: string,
  change: BulkRequest,
): Promise<BulkOutcome> {
  const found = await getVersionedArticle(deps.store, id);
  if (!found || !maySee(actor, found.article)) throw new NotFoundError("article", id);
  const { article, version } = found;
  const expectedVersion = version;
  if (change.action === "delete") {
    if (article.status !== "draft")
      throw forbiddenBecause(
        `only drafts are deleted in bulk; this article is ${article.status}: unpublish or delete it on its own`,
      );
    await deleteArticle(deps, actor, { id, expectedVersion });
    return { id, outcome: "done", status: null };
  }
  if (change.action === "status") {
    // Scheduling again moves the time, so only that "same status" is a change.
    if (article.status === change.to && change.to !== "scheduled")
      return { id, outcome: "unchanged", status: article.status };
    const moved = await moveArticle(deps, actor, {
      id,
      to: change.to,
      publishedAt: change.publishedAt,
      expectedVersion,
    });
    return { id, outcome: "done", status: moved.article.status };
  }
  const edit = changedEdit(article, change);
  if (!edit) return { id, outcome: "unchanged", status: article.status };
  const saved = await saveArticle(deps, actor, { id, edit, expectedVersion });
  return { id, outcome: "done", status: saved.article.status };
}

/** The article's editable fields with the change made, or null when it changes nothing. */
function changedEdit(
  article: Article,
  change: Exclude<BulkRequest, { action: "delete" | "status" }>,
): ArticleEditData | null {
  const {
    id: _id,
    createdAt: _created,
    updatedAt: _updated,
    status: _status,
    publishedAt: _published,
    ...edit
  } = article;
  if (change.action === "section")
    return edit.sectionId === change.sectionId ? null : { ...edit, sectionId: change.sectionId };
  const field = change.action === "tags" ? "tagIds" : "authorIds";
  const before = edit[field];
  const after = [
    ...before.filter((x) => !change.remove.includes(x)),
    ...change.add.filter((x) => !before.includes(x) && !change.remove.includes(x)),
  ];
  const same = after.length === before.length && after.every((x, i) => x === before[i]);
  return same ? null : { ...edit, [field]: after };
}
