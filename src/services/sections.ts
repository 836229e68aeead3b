// Sections (the site's navigation and listings): adding and editing them. Every page's
// navigation lists the sections, so each change may change any page.
import { type Actor, actorCan } from "../auth/actor.js";
import { forbidden, type Section, type SectionInput } from "../content/index.js";
import {
  createSection,
  recordChanges,
  type Store,
  transact,
  updateSection,
} from "../store/index.js";
import { changedEverywhere } from "./change-events.js";

/** Adds a section. Throws MH_FORBIDDEN, ContentInvalidError or ConflictError. */
export async function addSection(
  deps: { store: Store },
  actor: Actor,
  input: SectionInput,
): Promise<Section> {
  if (!actorCan(actor, "taxonomy.manage")) throw forbidden("add sections");
  return transact(deps.store, async (tx) => {
    const section = await createSection(tx, input);
    await recordChanges(tx, [changedEverywhere("section.created", { sectionId: section.id })]);
    return section;
  });
}

/**
 * Replaces a section's fields (a changed slug leaves redirects from the old pages). Throws
 * MH_FORBIDDEN, NotFoundError, ContentInvalidError or ConflictError.
 */
export async function editSection(
  deps: { store: Store },
  actor: Actor,
  change: { id: string; input: SectionInput },
): Promise<Section> {
  if (!actorCan(actor, "taxonomy.manage")) throw forbidden("edit sections");
  return transact(deps.store, async (tx) => {
    const section = await updateSection(tx, change.id, change.input);
    await recordChanges(tx, [changedEverywhere("section.updated", { sectionId: section.id })]);
    return section;
  });
}
