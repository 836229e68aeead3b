import type { Role } from "../content/index.js";
import { nowIso, toIso } from "./columns.js";
import { inTransaction, type Store } from "./store.js";

/** What a one-time link does: join as a new account, set a new password, or claim first-run setup. */
export type OneTimeTokenKind = "invite" | "reset" | "setup";

/** A one-time link's record (its token is known only to whoever holds the link). */
export interface OneTimeToken {
  tokenHash: string;
  kind: OneTimeTokenKind;
  userId: string | null;
  email: string | null;
  role: Role | null;
  name: string | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** Stores a one-time link by the hash of its token. */
export async function createOneTimeToken(
  store: Store,
  token: {
    tokenHash: string;
    kind: OneTimeTokenKind;
    expiresAt: string;
    userId?: string | null;
    email?: string | null;
    role?: Role | null;
    name?: string | null;
    createdBy?: string | null;
  },
): Promise<void> {
  await store.db
    .insertInto("one_time_tokens")
    .values({
      token_hash: token.tokenHash,
      kind: token.kind,
      user_id: token.userId ?? null,
      email: token.email ?? null,
      role: token.role ?? null,
      name: token.name ?? null,
      created_by: token.createdBy ?? null,
      created_at: nowIso(),
      expires_at: token.expiresAt,
      used_at: null,
    })
    .execute();
}

/**
 * Marks the link used and returns it, if it is of `kind`, unused and unexpired; otherwise
 * returns undefined and changes nothing. The check and the mark are one conditional update, so
 * two requests racing with the same link cannot both use it. Run it in the transaction that
 * does what the link allows, so a failure there leaves the link usable.
 */
export async function consumeOneTimeToken(
  store: Store,
  tokenHash: string,
  kind: OneTimeTokenKind,
): Promise<OneTimeToken | undefined> {
  return inTransaction(store, async (trx) => {
    const now = nowIso();
    const result = await trx
      .updateTable("one_time_tokens")
      .set({ used_at: now })
      .where("token_hash", "=", tokenHash)
      .where("kind", "=", kind)
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return undefined;
    const row = await trx
      .selectFrom("one_time_tokens")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .executeTakeFirstOrThrow();
    return {
      tokenHash: row.token_hash,
      kind: row.kind as OneTimeTokenKind,
      userId: row.user_id,
      email: row.email,
      role: row.role as Role | null,
      name: row.name,
      createdBy: row.created_by,
      createdAt: toIso(row.created_at),
      expiresAt: toIso(row.expires_at),
      usedAt: row.used_at === null ? null : toIso(row.used_at),
    };
  });
}

/** Voids an account's unused links of `kind`, e.g. older reset links when a new one is made. */
export async function voidUnusedTokens(
  store: Store,
  userId: string,
  kind: OneTimeTokenKind,
): Promise<void> {
  await store.db
    .updateTable("one_time_tokens")
    .set({ used_at: nowIso() })
    .where("user_id", "=", userId)
    .where("kind", "=", kind)
    .where("used_at", "is", null)
    .execute();
}

/**
 * Claims first-run setup; false when it was claimed before. A fixed row does it: of two setups
 * racing on an empty database, the second one's insert finds the first one's row (waiting for
 * its transaction on PostgreSQL) and claims nothing, instead of both creating an owner.
 */
export async function claimFirstRunSetup(store: Store): Promise<boolean> {
  const now = nowIso();
  const result = await store.db
    .insertInto("one_time_tokens")
    .values({
      token_hash: "first-run-setup",
      kind: "setup",
      created_at: now,
      expires_at: now,
      used_at: now,
    })
    .onConflict((oc) => oc.column("token_hash").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
