// Commenters' email confirmations (issue 15): the SHA-256 of each mailed token with the
// commenter it was asked for. A confirmed row makes that commenter trusted (see
// isTrustedCommenter in comments.ts); the token itself is only ever in the queued message.
import { nowIso } from "./columns.js";
import type { Store } from "./store.js";

/** A confirmation as stored. */
export interface CommenterConfirmation {
  tokenHash: string;
  commenterHash: string;
  email: string;
  createdAt: string;
  expiresAt: string;
  confirmedAt: string | null;
}

/** Records a confirmation asked for (its token's hash only). */
export async function addCommenterConfirmation(
  store: Store,
  row: { tokenHash: string; commenterHash: string; email: string; expiresAt: string },
): Promise<void> {
  await store.db
    .insertInto("commenter_email_confirmations")
    .values({
      token_hash: row.tokenHash,
      commenter_hash: row.commenterHash,
      email: row.email,
      created_at: nowIso(),
      expires_at: row.expiresAt,
      confirmed_at: null,
    })
    .execute();
}

/**
 * When this commenter, or anyone for this address (compared case-blind), last asked for a
 * confirmation message, or undefined: a poster without a cookie is a new commenter each time,
 * so the address keeps them from mailing someone over and over.
 */
export async function lastConfirmationAskedAt(
  store: Store,
  commenterHash: string,
  email: string,
): Promise<Date | undefined> {
  const row = await store.db
    .selectFrom("commenter_email_confirmations")
    .select((eb) => eb.fn.max("created_at").as("last"))
    .where((eb) =>
      eb.or([
        eb("commenter_hash", "=", commenterHash),
        eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()),
      ]),
    )
    .executeTakeFirst();
  return row?.last ? new Date(row.last) : undefined;
}

/** The confirmation of this token hash, or undefined. */
export async function getCommenterConfirmation(
  store: Store,
  tokenHash: string,
): Promise<CommenterConfirmation | undefined> {
  const row = await store.db
    .selectFrom("commenter_email_confirmations")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    tokenHash: row.token_hash,
    commenterHash: row.commenter_hash,
    email: row.email,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    confirmedAt: row.confirmed_at === null ? null : new Date(row.confirmed_at).toISOString(),
  };
}

/**
 * Marks the confirmation of this token hash confirmed, once and only before it expires: one
 * conditional UPDATE, so two clicks at once confirm it once. Returns whether it did.
 */
export async function confirmCommenterEmail(
  store: Store,
  tokenHash: string,
  now = new Date(),
): Promise<boolean> {
  const result = await store.db
    .updateTable("commenter_email_confirmations")
    .set({ confirmed_at: now.toISOString() })
    .where("token_hash", "=", tokenHash)
    .where("confirmed_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
