// Moderating readers' comments: approving, holding, marking spam, deleting, editing the text,
// and blocking the addresses comments come from. See docs/COMMENTS.md.
import { type Actor, actorCan } from "../auth/actor.js";
import {
  type ChangeEvent,
  type ChangeType,
  type CommentModeration,
  type CommentStatus,
  forbidden,
} from "../content/index.js";
import {
  type BlockedAddress,
  blockAddress,
  getArticleById,
  recordChanges,
  type Store,
  type StoredComment,
  moderateComment as saveModeration,
  transact,
  unblockAddress,
} from "../store/index.js";
import { changedOutOfSight } from "./change-events.js";
import { commentChanged } from "./comment-events.js";

function mustModerate(actor: Actor): void {
  if (!actorCan(actor, "comments.moderate")) throw forbidden("moderate comments");
}

/** The event a move from one status to another makes, if any. */
function moveType(from: CommentStatus, to: CommentStatus): ChangeType | undefined {
  if (from === to) return undefined;
  if (to === "approved") return "comment.approved";
  if (to === "pending") return "comment.held";
  return "comment.removed";
}

/**
 * Applies a moderator's change (status, text, or both) to a comment in one transaction and
 * returns it as it is now. Records comment.approved, comment.held or comment.removed for a move
 * and comment.edited for new text, each with the pages of its published article when readers
 * see the difference (it was or is approved). Throws MH_FORBIDDEN without comments.moderate,
 * NotFoundError, or CommentConflictError for a move the rules refuse; nothing is written then.
 * @example await moderateComment({ store }, actor, id, { status: "approved" });
 */
export async function moderateComment(
  deps: { store: Store },
  actor: Actor,
  id: string,
  change: CommentModeration,
): Promise<StoredComment> {
  mustModerate(actor);
  return transact(deps.store, async (tx) => {
    const { before, after } = await saveModeration(tx, id, change);
    const article = await getArticleById(tx, after.articleId);
    const seen = before.status === "approved" || after.status === "approved";
    const events: ChangeEvent[] = [];
    const moved = moveType(before.status, after.status);
    const data = { from: before.status, to: after.status };
    if (moved) events.push(await commentChanged(tx, moved, after, article, seen, data));
    if (after.body !== before.body)
      events.push(await commentChanged(tx, "comment.edited", after, article, seen));
    await recordChanges(tx, events);
    return after;
  });
}

/**
 * Blocks an address hash: its later comments are held as spam without telling the poster.
 * Throws MH_FORBIDDEN without comments.moderate, ConflictError when it is already blocked.
 */
export async function blockCommentAddress(
  deps: { store: Store },
  actor: Actor,
  addressHash: string,
): Promise<BlockedAddress> {
  mustModerate(actor);
  return transact(deps.store, async (tx) => {
    const block = await blockAddress(tx, addressHash, actor.userId);
    // What readers see does not change: only comments posted from now on are held.
    await recordChanges(tx, [changedOutOfSight("address.blocked", { addressHash })]);
    return block;
  });
}

/**
 * Lifts the block of an address hash. Throws MH_FORBIDDEN without comments.moderate,
 * NotFoundError when it was not blocked.
 */
export async function unblockCommentAddress(
  deps: { store: Store },
  actor: Actor,
  addressHash: string,
): Promise<void> {
  mustModerate(actor);
  await transact(deps.store, async (tx) => {
    await unblockAddress(tx, addressHash);
    await recordChanges(tx, [changedOutOfSight("address.unblocked", { addressHash })]);
  });
}
