// Tags (topics): adding and editing them.
import { type Actor, actorCan } from "../auth/actor.js";
import { forbidden, type Tag, type TagInput } from "../content/index.js";
import { tagPath } from "../content/public-paths.js";
import { createTag, recordChanges, type Store, transact, updateTag } from "../store/index.js";
import { changedEverywhere } from "./change-events.js";

/** Adds a tag. Throws MH_FORBIDDEN, ContentInvalidError or ConflictError. */
export async function addTag(deps: { store: Store }, actor: Actor, input: TagInput): Promise<Tag> {
  if (!actorCan(actor, "taxonomy.manage")) throw forbidden("add tags");
  return transact(deps.store, async (tx) => {
    const tag = await createTag(tx, input);
    // No article carries it yet: only its own (new) topic page exists.
    await recordChanges(tx, [
      { type: "tag.created", ids: { tagId: tag.id }, paths: [tagPath(tag.slug)] },
    ]);
    return tag;
  });
}

/**
 * Renames a tag or changes its slug (the old topic page then answers 301). Throws MH_FORBIDDEN,
 * NotFoundError, ContentInvalidError or ConflictError.
 */
export async function editTag(
  deps: { store: Store },
  actor: Actor,
  change: { id: string; input: TagInput },
): Promise<Tag> {
  if (!actorCan(actor, "taxonomy.manage")) throw forbidden("edit tags");
  return transact(deps.store, async (tx) => {
    const tag = await updateTag(tx, change.id, change.input);
    // Tag names show on the pages of every article that carries it, listings included.
    await recordChanges(tx, [changedEverywhere("tag.updated", { tagId: tag.id })]);
    return tag;
  });
}
