import { randomUUID } from "node:crypto";
import {
  type Comment,
  type CommentInput,
  CommentInputSchema,
  type CommentStatus,
  parseOrThrow,
} from "../content/index.js";
import { nowIso, toCount } from "./columns.js";
import { mustExist } from "./constraints.js";
import { toComment } from "./rows.js";
import type { Store } from "./store.js";

/** Which comments to list or count; all statuses when `status` is left out. */
export interface CommentFilter {
  status?: CommentStatus;
}

/**
 * Adds a reader's comment, approved (moderation comes later). Throws ContentInvalidError, or
 * NotFoundError when the article does not exist.
 */
export async function addComment(store: Store, input: CommentInput): Promise<Comment> {
  const data = parseOrThrow(CommentInputSchema, input, "comment");
  const comment: Comment = { ...data, id: randomUUID(), status: "approved", createdAt: nowIso() };
  await mustExist(store, { entity: "article", id: data.articleId }, () =>
    store.db
      .insertInto("comments")
      .values({
        id: comment.id,
        article_id: comment.articleId,
        author_name: comment.authorName,
        author_email: comment.authorEmail,
        body: comment.body,
        status: comment.status,
        created_at: comment.createdAt,
      })
      .execute(),
  );
  return comment;
}

/**
 * An article's comments, oldest first. Pass `{ status: "approved" }` for what readers may see.
 * @example const visible = await listComments(store, article.id, { status: "approved" });
 */
export async function listComments(
  store: Store,
  articleId: string,
  opts: CommentFilter = {},
): Promise<Comment[]> {
  let query = store.db.selectFrom("comments").selectAll().where("article_id", "=", articleId);
  if (opts.status !== undefined) query = query.where("status", "=", opts.status);
  const rows = await query.orderBy("created_at").orderBy("id").execute();
  return rows.map(toComment);
}

/** Which comments the newsroom's list shows, and which page of them. */
export interface FindCommentsOptions extends CommentFilter {
  articleId?: string;
  limit: number;
  offset: number;
}

/** A comment with the headline and slug of its article, for lists across articles. */
export interface CommentWithArticle extends Comment {
  article: { id: string; slug: string; headline: string };
}

/**
 * Comments across articles (or of one), newest first, with their article's headline, and how
 * many match in all.
 */
export async function findComments(
  store: Store,
  opts: FindCommentsOptions,
): Promise<{ items: CommentWithArticle[]; total: number }> {
  let query = store.db
    .selectFrom("comments")
    .innerJoin("articles", "articles.id", "comments.article_id");
  if (opts.articleId !== undefined) query = query.where("comments.article_id", "=", opts.articleId);
  if (opts.status !== undefined) query = query.where("comments.status", "=", opts.status);
  const [rows, count] = await Promise.all([
    query
      .selectAll("comments")
      .select(["articles.slug as article_slug", "articles.headline as article_headline"])
      .orderBy("comments.created_at", "desc")
      .orderBy("comments.id", "desc")
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      ...toComment(row),
      article: { id: row.article_id, slug: row.article_slug, headline: row.article_headline },
    })),
    total: toCount(count.n),
  };
}

/** How many comments an article has (all statuses unless `status` is given). */
export async function countComments(
  store: Store,
  articleId: string,
  opts: CommentFilter = {},
): Promise<number> {
  let query = store.db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("article_id", "=", articleId);
  if (opts.status !== undefined) query = query.where("status", "=", opts.status);
  const row = await query.executeTakeFirstOrThrow();
  return toCount(row.n);
}
