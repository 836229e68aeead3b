import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { MastheadError, NotFoundError } from "../content/errors.js";
import {
  parseOrThrow,
  type Role,
  RoleSchema,
  type User,
  type UserInput,
  UserInputSchema,
} from "../content/index.js";
import type { UserRow } from "./accounts-schema.js";
import { nowIso, toCount, toIso } from "./columns.js";
import { requireReferences, uniquely } from "./constraints.js";
import type { Database } from "./schema.js";
import { inTransaction, type Store } from "./store.js";

/** A change to an account; absent fields stay as they are. */
export interface UserChange {
  name?: string;
  role?: Role;
  personId?: string | null;
  /** true disables the account (and ends its sessions); false enables it again. */
  disabled?: boolean;
}

/** The change would leave the publication without an active owner; nothing was written. */
export class LastOwnerError extends MastheadError {
  declare readonly code: "MH_CONFLICT";
  constructor() {
    super(
      "MH_CONFLICT",
      "this is the last active owner: make another account an owner first, then change this one",
    );
    this.name = "LastOwnerError";
  }
}

/**
 * Creates an account, with a password hash or none (the person sets it through a one-time link).
 * Throws ContentInvalidError (also for an unknown personId) or ConflictError (email taken).
 */
export async function createUser(
  store: Store,
  input: UserInput,
  passwordHash: string | null,
): Promise<User> {
  const data = parseOrThrow(UserInputSchema, input, "user");
  const user: User = { id: randomUUID(), ...data, createdAt: nowIso(), disabledAt: null };
  await inTransaction(store, async (trx) => {
    if (data.personId)
      await requireReferences(trx, "user", [
        { path: "personId", table: "people", id: data.personId },
      ]);
    await uniquely(store, { entity: "account", field: "email", value: data.email }, () =>
      trx
        .insertInto("users")
        .values({
          id: user.id,
          email: data.email,
          name: data.name,
          role: data.role,
          person_id: data.personId,
          password_hash: passwordHash,
          created_at: user.createdAt,
          disabled_at: null,
        })
        .execute(),
    );
  });
  return user;
}

/** The account with this id, or undefined. */
export async function getUserById(store: Store, id: string): Promise<User | undefined> {
  const row = await store.db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toUser(row);
}

/** The account with this email (compared case-blind), or undefined. */
export async function getUserByEmail(store: Store, email: string): Promise<User | undefined> {
  const row = await store.db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return row && toUser(row);
}

/** An account with its password hash, for signing in; undefined when no such email exists. */
export async function getUserCredentials(
  store: Store,
  email: string,
): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const row = await store.db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

/** Every account, by name. */
export async function listUsers(store: Store): Promise<User[]> {
  const rows = await store.db
    .selectFrom("users")
    .selectAll()
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map(toUser);
}

/** How many accounts exist (0 means first-run setup is still open). */
export async function countUsers(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

/**
 * Changes an account's name, role, byline or disabled state; disabling also ends its sessions
 * and revokes the preview links it made.
 * Throws NotFoundError, ContentInvalidError, or LastOwnerError when the change would leave no
 * active owner.
 */
export async function updateUser(store: Store, id: string, change: UserChange): Promise<User> {
  const role =
    change.role === undefined ? undefined : parseOrThrow(RoleSchema, change.role, "role");
  return inTransaction(store, async (trx) => {
    if (change.personId)
      await requireReferences(trx, "user", [
        { path: "personId", table: "people", id: change.personId },
      ]);
    const current = await trx
      .selectFrom("users")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!current) throw new NotFoundError("user", id);
    const losesOwner =
      current.role === "owner" &&
      current.disabled_at === null &&
      ((role !== undefined && role !== "owner") || change.disabled === true);
    if (losesOwner && (await otherActiveOwners(trx, id)) === 0) throw new LastOwnerError();
    const disabledAt =
      change.disabled === undefined
        ? current.disabled_at
        : change.disabled
          ? (current.disabled_at ?? nowIso())
          : null;
    await trx
      .updateTable("users")
      .set({
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(role === undefined ? {} : { role }),
        ...(change.personId === undefined ? {} : { person_id: change.personId }),
        disabled_at: disabledAt === null ? null : toIso(disabledAt),
      })
      .where("id", "=", id)
      .execute();
    if (change.disabled) {
      await trx.deleteFrom("sessions").where("user_id", "=", id).execute();
      // Links the account shared go with it: re-enabling it later does not revive them.
      await trx.deleteFrom("preview_links").where("created_by", "=", id).execute();
    }
    const row = await trx
      .selectFrom("users")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return toUser(row);
  });
}

/** Replaces an account's password hash. Throws NotFoundError. */
export async function setPasswordHash(
  store: Store,
  id: string,
  passwordHash: string,
): Promise<void> {
  const result = await store.db
    .updateTable("users")
    .set({ password_hash: passwordHash })
    .where("id", "=", id)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new NotFoundError("user", id);
}

/**
 * Active owners other than `id`. The owners' rows are written (unchanged) first: on PostgreSQL
 * that locks them, so two owners demoting each other at the same moment are serialised and the
 * second one sees the first one's change, instead of both succeeding and leaving no owner.
 */
async function otherActiveOwners(trx: Kysely<Database>, id: string): Promise<number> {
  await trx
    .updateTable("users")
    .set((eb) => ({ role: eb.ref("role") }))
    .where("role", "=", "owner")
    .execute();
  const row = await trx
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "owner")
    .where("disabled_at", "is", null)
    .where("id", "<>", id)
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    personId: row.person_id,
    createdAt: toIso(row.created_at),
    disabledAt: row.disabled_at === null ? null : toIso(row.disabled_at),
  };
}
