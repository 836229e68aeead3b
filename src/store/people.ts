import { randomUUID } from "node:crypto";
import { NotFoundError, StaleError } from "../content/errors.js";
import {
  type Person,
  type PersonData,
  type PersonInput,
  PersonInputSchema,
  parseOrThrow,
} from "../content/index.js";
import { nowIso } from "./columns.js";
import { type Reference, requireReferences, uniquely } from "./constraints.js";
import { inOrderOf, toPerson } from "./rows.js";
import { reindexArticlesByPerson } from "./search.js";
import { redirectListingSlug } from "./slug-redirects.js";
import { inTransaction, type Store } from "./store.js";

/** Creates a person. Throws ContentInvalidError (also for an unknown avatarId) or ConflictError. */
export async function createPerson(store: Store, input: PersonInput): Promise<Person> {
  const data = parseOrThrow(PersonInputSchema, input, "person");
  const person: Person = { id: randomUUID(), ...data };
  const now = nowIso();
  await inTransaction(store, async (trx) => {
    await requireReferences(trx, "person", references(data));
    await uniquely(store, { entity: "person", field: "slug", value: data.slug }, () =>
      trx
        .insertInto("people")
        .values({ ...columns(data), id: person.id, created_at: now, updated_at: now })
        .execute(),
    );
  });
  return person;
}

/**
 * Replaces a person's fields and bumps their version. Throws NotFoundError, ContentInvalidError,
 * ConflictError, or StaleError when `expectedVersion` is given and no longer matches.
 */
export async function updatePerson(
  store: Store,
  id: string,
  input: PersonInput,
  opts: { expectedVersion?: number } = {},
): Promise<Person> {
  const data = parseOrThrow(PersonInputSchema, input, "person");
  await inTransaction(store, async (trx) => {
    await requireReferences(trx, "person", references(data));
    const before = await trx
      .selectFrom("people")
      .select(["name", "slug"])
      .where("id", "=", id)
      .executeTakeFirst();
    const result = await uniquely(
      store,
      { entity: "person", field: "slug", value: data.slug },
      () => {
        let update = trx
          .updateTable("people")
          .set((eb) => ({ ...columns(data), updated_at: nowIso(), version: eb("version", "+", 1) }))
          .where("id", "=", id);
        if (opts.expectedVersion !== undefined)
          update = update.where("version", "=", opts.expectedVersion);
        return update.executeTakeFirst();
      },
    );
    if (result.numUpdatedRows === 0n) {
      const now = await trx
        .selectFrom("people")
        .select("version")
        .where("id", "=", id)
        .executeTakeFirst();
      throw now ? new StaleError("person", id, now.version) : new NotFoundError("person", id);
    }
    // Bylines are indexed by name: a rename must be findable at once.
    if (before && before.name !== data.name)
      await reindexArticlesByPerson({ ...store, db: trx }, id);
    if (before) await redirectListingSlug({ ...store, db: trx }, "authors", before.slug, data.slug);
  });
  return { id, ...data };
}

/** The person with this id and their version (counts edits from 1), or undefined. */
export async function getVersionedPerson(
  store: Store,
  id: string,
): Promise<{ person: Person; version: number } | undefined> {
  const row = await store.db
    .selectFrom("people")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && { person: toPerson(row), version: row.version };
}

/** The person with this id, or undefined. */
export async function getPersonById(store: Store, id: string): Promise<Person | undefined> {
  const row = await store.db
    .selectFrom("people")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toPerson(row);
}

/** The person with this slug (their author page), or undefined. */
export async function getPersonBySlug(store: Store, slug: string): Promise<Person | undefined> {
  const row = await store.db
    .selectFrom("people")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row && toPerson(row);
}

/** Every person, by name. */
export async function listPeople(store: Store): Promise<Person[]> {
  const rows = await store.db
    .selectFrom("people")
    .selectAll()
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map(toPerson);
}

/** The people with these ids, in the order of `ids` (e.g. a byline); unknown ids are left out. */
export async function getPeopleByIds(store: Store, ids: readonly string[]): Promise<Person[]> {
  if (ids.length === 0) return [];
  const rows = await store.db
    .selectFrom("people")
    .selectAll()
    .where("id", "in", [...new Set(ids)])
    .execute();
  return inOrderOf(ids, rows.map(toPerson));
}

function references(data: PersonData): Reference[] {
  return data.avatarId ? [{ path: "avatarId", table: "media", id: data.avatarId }] : [];
}

function columns(data: PersonData) {
  return {
    slug: data.slug,
    name: data.name,
    role_title: data.roleTitle,
    team: data.team,
    short_bio: data.shortBio,
    bio: data.bio,
    avatar_id: data.avatarId,
    avatar_alt: data.avatarAlt,
  };
}
