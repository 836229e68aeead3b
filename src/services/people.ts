// Staff people (bylines and author pages): adding and editing them. A name, photo or slug shows
// in bylines across the site, so an edit may change any page.
import { type Actor, actorCan } from "../auth/actor.js";
import {
  forbidden,
  NotFoundError,
  type Person,
  type PersonInput,
  StaleError,
} from "../content/index.js";
import { authorPath } from "../content/public-paths.js";
import {
  createPerson,
  getVersionedPerson,
  recordChanges,
  type Store,
  transact,
  updatePerson,
} from "../store/index.js";
import { changedEverywhere } from "./change-events.js";

/** A person with the version an edit must name. */
export interface VersionedPerson {
  person: Person;
  version: number;
}

/** Adds a person (version 1). Throws MH_FORBIDDEN, ContentInvalidError or ConflictError. */
export async function addPerson(
  deps: { store: Store },
  actor: Actor,
  input: PersonInput,
): Promise<VersionedPerson> {
  if (!actorCan(actor, "people.manage")) throw forbidden("add people");
  return transact(deps.store, async (tx) => {
    const person = await createPerson(tx, input);
    // No byline names them yet: only their own (new) author page exists.
    await recordChanges(tx, [
      { type: "person.created", ids: { personId: person.id }, paths: [authorPath(person.slug)] },
    ]);
    return { person, version: 1 };
  });
}

/**
 * Replaces a person's fields at `expectedVersion`, the version the editor read: without one the
 * edit is refused as stale (it could overwrite someone else's). Throws MH_FORBIDDEN,
 * NotFoundError, StaleError, ContentInvalidError or ConflictError.
 */
export async function editPerson(
  deps: { store: Store },
  actor: Actor,
  change: { id: string; input: PersonInput; expectedVersion: number | undefined },
): Promise<VersionedPerson> {
  if (!actorCan(actor, "people.manage")) throw forbidden("edit people");
  const { id, input, expectedVersion } = change;
  return transact(deps.store, async (tx) => {
    const current = await getVersionedPerson(tx, id);
    if (!current) throw new NotFoundError("person", id);
    if (expectedVersion === undefined) throw new StaleError("person", id, current.version, false);
    const person = await updatePerson(tx, id, input, { expectedVersion });
    // Bylines on any page show the name and photo: every page may be different now.
    await recordChanges(tx, [changedEverywhere("person.updated", { personId: id })]);
    return { person, version: expectedVersion + 1 };
  });
}
