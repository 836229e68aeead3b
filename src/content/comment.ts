import { z } from "zod";
import { IdSchema } from "./ids.js";

export const COMMENT_MAX_LENGTH = 5000;
export const COMMENT_NAME_MAX_LENGTH = 80;

/** A reader's comment as submitted. The email is kept private and never rendered. */
export const CommentInputSchema = z
  .object({
    articleId: IdSchema,
    authorName: z
      .string()
      .trim()
      .min(1, "name is required")
      .max(COMMENT_NAME_MAX_LENGTH, `name must be at most ${COMMENT_NAME_MAX_LENGTH} characters`),
    authorEmail: z
      .union([z.literal(""), z.email("email address is not valid").max(254)])
      .optional()
      .transform((e) => (e ? e : null)),
    body: z
      .string()
      .trim()
      .min(1, "comment text is required")
      .max(COMMENT_MAX_LENGTH, `comment must be at most ${COMMENT_MAX_LENGTH} characters`),
  })
  .strict();
export type CommentInput = z.input<typeof CommentInputSchema>;
export type CommentData = z.output<typeof CommentInputSchema>;

export const COMMENT_STATUSES = ["approved", "pending", "spam", "deleted"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export interface Comment extends CommentData {
  id: string;
  status: CommentStatus;
  createdAt: string;
}
