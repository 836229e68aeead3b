import { z } from "zod";
import { IdSchema } from "./ids.js";
import { proseField, textField } from "./text.js";

export const COMMENT_MAX_LENGTH = 5000;
export const COMMENT_NAME_MAX_LENGTH = 80;
/**
 * Replies nest this deep at most (0 is a top-level comment): deep enough for a conversation,
 * shallow enough that a thread stays readable on a phone.
 */
export const COMMENT_MAX_DEPTH = 3;
/** More links than this in one comment is how most spam looks; readers rarely need more. */
export const COMMENT_MAX_LINKS = 2;

/** A reader's comment as submitted. The email is kept private and never rendered. */
export const CommentInputSchema = z
  .object({
    articleId: IdSchema,
    /** The comment this one replies to; left out or null for a top-level comment. */
    parentId: z
      .union([z.literal(""), z.uuid("the comment you replied to does not exist or was removed")])
      .nullable()
      .optional()
      .transform((p) => (p ? p : null)),
    authorName: textField()
      .trim()
      .min(1, "name is required")
      .max(COMMENT_NAME_MAX_LENGTH, `name must be at most ${COMMENT_NAME_MAX_LENGTH} characters`),
    authorEmail: z
      .union([z.literal(""), z.email("email address is not valid").max(254)])
      .optional()
      .transform((e) => (e ? e : null)),
    body: proseField()
      .trim()
      .min(1, "comment text is required")
      .max(COMMENT_MAX_LENGTH, `comment must be at most ${COMMENT_MAX_LENGTH} characters`),
  })
  .strict();
export type CommentInput = z.input<typeof CommentInputSchema>;
export type CommentData = z.output<typeof CommentInputSchema>;

export const COMMENT_STATUSES = ["approved", "pending", "spam", "deleted"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/**
 * Where a moderator may move a comment from each status. Deleted is final: a deleted comment's
 * replies have already been shown without it, and "undelete" invites mistakes.
 */
export const COMMENT_TRANSITIONS: Record<CommentStatus, readonly CommentStatus[]> = {
  pending: ["approved", "spam", "deleted"],
  approved: ["pending", "spam", "deleted"],
  spam: ["approved", "pending", "deleted"],
  deleted: [],
};

/** Whether a moderator may move a comment from `from` to `to`. */
export function canMoveComment(from: CommentStatus, to: CommentStatus): boolean {
  return COMMENT_TRANSITIONS[from].includes(to);
}

/**
 * A stored comment. The thread fields are optional only so that rows read without them (older
 * callers) still type-check; the comments store always fills them.
 */
export interface Comment extends Omit<CommentData, "parentId"> {
  id: string;
  status: CommentStatus;
  createdAt: string;
  /** The comment this one replies to; null for a top-level comment. */
  parentId?: string | null;
  /** 0 for a top-level comment. */
  depth?: number;
  /** Set when a signed-in staff member wrote it; the name is then their Person's. */
  staffUserId?: string | null;
  /** When a moderator last edited the text. */
  editedAt?: string | null;
  /** The commenter's web address, kept by imports from WordPress (never asked of readers here). */
  authorUrl?: string | null;
}

/** What a moderator may change on a comment: its status, its text, or both. */
export const CommentModerationSchema = z
  .object({
    status: z.enum(COMMENT_STATUSES).optional(),
    body: CommentInputSchema.shape.body.optional(),
  })
  .strict()
  .refine((m) => m.status !== undefined || m.body !== undefined, {
    message: "send a new status, a new body, or both",
  });
export type CommentModeration = z.output<typeof CommentModerationSchema>;

/**
 * How many links a comment holds, counting what the renderer would make a link (a scheme, or a
 * bare www. address) and anything that looks like a scheme, so `javascript:` counts too.
 */
export function countCommentLinks(body: string): number {
  return (body.match(/\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.|javascript:|data:)/gi) ?? []).length;
}

/** Why comments on an article are closed, or null when they are open. */
export type CommentsClosedReason = "disabled" | "expired" | null;

/**
 * Whether an article takes comments `now`: closed when the article has them off, or when the
 * publication closes them `closeAfterDays` after publishing.
 */
export function commentsClosedReason(
  article: { commentsEnabled: boolean; publishedAt: string | null },
  closeAfterDays: number | null,
  now: Date = new Date(),
): CommentsClosedReason {
  if (!article.commentsEnabled) return "disabled";
  if (closeAfterDays !== null && article.publishedAt !== null) {
    const closes = Date.parse(article.publishedAt) + closeAfterDays * 86_400_000;
    if (now.getTime() >= closes) return "expired";
  }
  return null;
}

/** A normalised email, so one commenter is one commenter whatever the capitals or spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
