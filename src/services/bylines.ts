// Bylines of staff accounts: the Person an account writes as. Without one a writer cannot own an
// article, so every way into the newsroom (accepting an invitation, an owner's "create byline",
// the writer's own "your byline" form) ends with one linked.
import { z } from "zod";
import { type Actor, actorCan } from "../auth/actor.js";
import {
  type ChangeEvent,
  conflict,
  forbidden,
  forbiddenBecause,
  NotFoundError,
  type Person,
  type PersonInput,
  parseOrThrow,
  proseField,
  StaleError,
  textField,
  type User,
} from "../content/index.js";
import { authorPath } from "../content/public-paths.js";
import { findUnlinkedPersonByName, freePersonSlug } from "../store/bylines.js";
import {
  createPerson,
  getPersonById,
  getUserById,
  getVersionedPerson,
  recordChanges,
  type Store,
  transact,
  updatePerson,
  updateUser,
} from "../store/index.js";
import { accountChanged } from "./accounts.js";
import { changedEverywhere } from "./change-events.js";

/** A byline person just found or made for an account, with the events that records. */
export interface BylineFound {
  person: Person;
  events: ChangeEvent[];
}

/**
 * The person an account called `name` writes as, inside `tx`: the unlinked person of exactly that
 * name when `mayLink` (a name the owner chose: an imported author, say), else a new person with a
 * free slug. A name the newcomer typed never links: it would hand them that person's articles.
 */
export async function findOrMakeByline(
  tx: Store,
  name: string,
  mayLink: boolean,
  about: Omit<PersonInput, "name" | "slug"> = {},
): Promise<BylineFound> {
  const existing = mayLink ? await findUnlinkedPersonByName(tx, name) : undefined;
  if (existing) return { person: existing, events: [] };
  const person = await createPerson(tx, { ...about, name, slug: await freePersonSlug(tx, name) });
  // No byline names them yet: only their own (new) author page exists.
  const created: ChangeEvent = {
    type: "person.created",
    ids: { personId: person.id },
    paths: [authorPath(person.slug)],
  };
  return { person, events: [created] };
}

/**
 * Gives an account without a byline one (the unlinked person of its name, else a new one). Needs
 * users.manage; throws NotFoundError, or MH_CONFLICT when the account has a byline already.
 */
export async function makeBylineFor(
  deps: { store: Store },
  actor: Actor,
  userId: string,
): Promise<{ user: User; person: Person }> {
  if (!actorCan(actor, "users.manage")) throw forbidden("give accounts a byline");
  return transact(deps.store, async (tx) => {
    const user = await getUserById(tx, userId);
    if (!user) throw new NotFoundError("user", userId);
    if (user.personId !== null)
      throw conflict(
        "this account has a byline already: change it with PATCH /users/:id {personId}",
      );
    const { person, events } = await findOrMakeByline(tx, user.name, true);
    const linked = await updateUser(tx, userId, { personId: person.id });
    await recordChanges(tx, [...events, accountChanged({ userId }, "byline_linked")]);
    return { user: linked, person };
  });
}

/**
 * Whether the admin app asks `user` for role title and bio ("Your byline") on their first
 * sign-in: their byline person has neither yet, or they have none (answering makes one).
 */
export async function bylineQuestionDue(tx: Store, user: User): Promise<boolean> {
  const person = user.personId ? await getPersonById(tx, user.personId) : undefined;
  return !person || (person.roleTitle === "" && person.bio === "");
}

/** What a writer says about themselves on their byline. */
export const OwnBylineSchema = z
  .object({
    roleTitle: textField().trim().max(120).default(""),
    /** Kept as it is when not sent: the first-sign-in form asks only role title and bio. */
    shortBio: proseField().trim().max(300, "short bio must be at most 300 characters").optional(),
    bio: proseField().trim().max(5000, "bio must be at most 5000 characters").default(""),
    /** The version read; required once the person exists (an editor may have changed it). */
    version: z.number().int().positive().optional(),
  })
  .strict();
export type OwnBylineInput = z.input<typeof OwnBylineSchema>;

/** A byline person with the version an edit must name. */
export interface OwnByline {
  person: Person;
  version: number;
}

/** The signed-in person's byline, or null when their account has none yet. */
export async function getOwnByline(
  deps: { store: Store },
  actor: Actor,
): Promise<OwnByline | null> {
  const userId = ownAccount(actor);
  const user = await getUserById(deps.store, userId);
  if (!user?.personId) return null;
  return (await getVersionedPerson(deps.store, user.personId)) ?? null;
}

/**
 * Sets the signed-in person's role title and bio (asked on first sign-in), making their byline
 * first when the account has none. Any staff role may: it is their own name on their own work.
 * Throws ContentInvalidError, or StaleError when the person changed since `version`.
 */
export async function saveOwnByline(
  deps: { store: Store },
  actor: Actor,
  input: OwnBylineInput,
): Promise<OwnByline> {
  const userId = ownAccount(actor);
  const { version, ...about } = parseOrThrow(OwnBylineSchema, input, "byline");
  return transact(deps.store, async (tx) => {
    const user = await getUserById(tx, userId);
    if (!user) throw new NotFoundError("user", userId);
    const current = user.personId ? await getVersionedPerson(tx, user.personId) : undefined;
    if (!current) {
      const { person, events } = await findOrMakeByline(tx, user.name, false, about);
      await updateUser(tx, userId, { personId: person.id });
      await recordChanges(tx, [...events, accountChanged({ userId }, "byline_linked")]);
      return { person, version: 1 };
    }
    if (version === undefined)
      throw new StaleError("person", current.person.id, current.version, false);
    const { id: _id, ...fields } = current.person;
    const person = await updatePerson(
      tx,
      current.person.id,
      { ...fields, ...about, shortBio: about.shortBio ?? fields.shortBio },
      { expectedVersion: version },
    );
    // Bylines on any page show the person: every page may be different now.
    await recordChanges(tx, [changedEverywhere("person.updated", { personId: person.id })]);
    return { person, version: version + 1 };
  });
}

/** The account of a signed-in person; an API key or the system has no byline of its own. */
function ownAccount(actor: Actor): string {
  if (actor.kind !== "user")
    throw forbiddenBecause("only a signed-in person has a byline of their own; sign in");
  return actor.userId;
}
