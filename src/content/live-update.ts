// Live coverage: an article of type `live` carries timestamped updates, each its own row with its
// own blocks, author and time, shown newest first under the article (pinned key updates on top)
// and pushed to open readers' pages as they are posted. Coverage ends (and may reopen); an ended
// live article takes no new updates.
import { z } from "zod";
import { BlockSchema } from "./blocks.js";
import { IdSchema, TimestampSchema } from "./ids.js";
import type { MediaItem } from "./media.js";
import type { Person } from "./person.js";
import type { TrackerSummary } from "./tracker.js";

/** The article type whose articles carry live updates. */
export const LIVE_ARTICLE_TYPE = "live";

/** One update holds at most this many blocks: it is a post, not an article. */
export const LIVE_UPDATE_MAX_BLOCKS = 50;

/** The fields of an update as the newsroom posts or edits it. */
export const LiveUpdateInputSchema = z
  .object({
    body: z
      .array(BlockSchema)
      .min(1, "body needs at least one block")
      .max(LIVE_UPDATE_MAX_BLOCKS, `body may hold at most ${LIVE_UPDATE_MAX_BLOCKS} blocks`),
    // Null or absent: the actor's own byline person.
    authorId: IdSchema.nullable().optional(),
    // Absent: now. A time may be set to record when something happened (back-dating a post).
    postedAt: TimestampSchema.optional(),
    pinned: z.boolean().optional(),
  })
  .strict();
export type LiveUpdateInput = z.input<typeof LiveUpdateInputSchema>;

/** A change to an update: any of its fields. */
export const LiveUpdatePatchSchema = LiveUpdateInputSchema.partial().strict();
export type LiveUpdatePatch = z.input<typeof LiveUpdatePatchSchema>;

/** A stored live update. */
export interface LiveUpdate {
  id: string;
  articleId: string;
  body: z.output<typeof BlockSchema>[];
  /** The byline person it is posted as; null when that person was deleted. */
  authorId: string | null;
  postedAt: string;
  updatedAt: string;
  pinned: boolean;
}

/** Whether a live article's coverage goes on, and since and until when. */
export interface LiveCoverage {
  articleId: string;
  /** Set while coverage has ended; null while it goes on. */
  endedAt: string | null;
}

/**
 * The order readers see updates in: pinned key updates first, then newest first (by posting time,
 * then id, so two updates posted in the same millisecond keep one order everywhere).
 */
export function compareLiveUpdates(
  a: Pick<LiveUpdate, "pinned" | "postedAt" | "id">,
  b: Pick<LiveUpdate, "pinned" | "postedAt" | "id">,
): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.postedAt !== b.postedAt) return a.postedAt < b.postedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** What a set of updates shows besides themselves: their authors, images and trackers, by id. */
export interface LiveUpdateRefs {
  people: Record<string, Person>;
  media: Record<string, MediaItem>;
  trackers: Record<string, TrackerSummary>;
}

/** What a live article's page shows of its coverage. */
export interface LiveBlog {
  /** In readers' order (pinned first, then newest first). */
  updates: LiveUpdate[];
  coverage: LiveCoverage;
  refs: LiveUpdateRefs;
}
