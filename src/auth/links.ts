import { z } from "zod";
import {
  ConflictError,
  linkInvalid,
  NotFoundError,
  PasswordSchema,
  parseOrThrow,
  RoleSchema,
  textField,
  type User,
  UserInputSchema,
} from "../content/index.js";
import {
  clearLoginFailures,
  consumeOneTimeToken,
  createOneTimeToken,
  createUser,
  deleteUserSessions,
  getUserByEmail,
  getUserById,
  type Store,
  setPasswordHash,
  transact,
  voidUnusedTokens,
} from "../store/index.js";
import { hashPassword } from "./password.js";
import { INVITE_TTL_MS, RESET_TTL_MS } from "./policy.js";
import { hashToken, newToken } from "./tokens.js";

/** A one-time link to hand to a person (no email is sent: the owner passes it on). */
export interface OneTimeLink {
  url: string;
  expiresAt: string;
}

/** What an invitation says: who is invited, with which role, and the name to suggest. */
export const InvitationSchema = z
  .object({
    email: UserInputSchema.shape.email,
    role: RoleSchema,
    name: textField().trim().min(1, "name must not be empty").max(120).optional(),
  })
  .strict();
export type Invitation = z.input<typeof InvitationSchema>;

/** Invites a new account; the link's holder chooses name and password. Throws ConflictError. */
export async function createInvitation(
  store: Store,
  publicUrl: string,
  input: Invitation,
  createdBy: string | null,
): Promise<OneTimeLink> {
  const invitation = parseOrThrow(InvitationSchema, input, "invitation");
  if (await getUserByEmail(store, invitation.email))
    throw new ConflictError("account", "email", invitation.email);
  const token = newToken();
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS).toISOString();
  await createOneTimeToken(store, {
    tokenHash: hashToken(token),
    kind: "invite",
    email: invitation.email,
    role: invitation.role,
    name: invitation.name ?? null,
    createdBy,
    expiresAt,
  });
  return { url: `${publicUrl}/admin/accept?token=${token}`, expiresAt };
}

/**
 * A link that lets an account's holder set a new password, voiding its earlier ones. Throws
 * NotFoundError.
 */
export async function createResetLink(
  store: Store,
  publicUrl: string,
  userId: string,
  createdBy: string | null,
  ttlMs = RESET_TTL_MS,
): Promise<OneTimeLink> {
  if (!(await getUserById(store, userId))) throw new NotFoundError("user", userId);
  const token = newToken();
  const expiresAt = new Date(Date.now() + ttlMs).toISOString();
  await transact(store, async (tx) => {
    await voidUnusedTokens(tx, userId, "reset");
    await createOneTimeToken(tx, {
      tokenHash: hashToken(token),
      kind: "reset",
      userId,
      createdBy,
      expiresAt,
    });
  });
  return { url: `${publicUrl}/admin/reset?token=${token}`, expiresAt };
}

/**
 * Creates the invited account from an invitation link, once. Throws ContentInvalidError (name,
 * password), ApiError 400 for a used, expired or unknown link, or ConflictError when the email
 * got an account meanwhile.
 */
export async function acceptInvitation(
  store: Store,
  input: { token: string; name: string; password: string },
): Promise<User> {
  const password = parseOrThrow(PasswordSchema, input.password, "password");
  // Hashed before the transaction opens: SQLite holds its write lock for the transaction's length.
  const passwordHash = await hashPassword(password);
  return transact(store, async (tx) => {
    const invite = await consumeOneTimeToken(tx, hashToken(input.token), "invite");
    if (!invite?.email || !invite.role) throw linkInvalid("invitation");
    return createUser(
      tx,
      { email: invite.email, name: input.name, role: invite.role, personId: null },
      passwordHash,
    );
  });
}

/**
 * Sets a new password from a reset link, once, ends every session of the account and lifts its
 * sign-in lockout. Throws ContentInvalidError (password) or ApiError 400 for a used, expired or
 * unknown link.
 */
export async function resetPassword(
  store: Store,
  input: { token: string; password: string },
): Promise<User> {
  const password = parseOrThrow(PasswordSchema, input.password, "password");
  const passwordHash = await hashPassword(password);
  return transact(store, async (tx) => {
    const reset = await consumeOneTimeToken(tx, hashToken(input.token), "reset");
    const user = reset?.userId ? await getUserById(tx, reset.userId) : undefined;
    if (!user || user.disabledAt !== null) throw linkInvalid("password reset");
    await setPasswordHash(tx, user.id, passwordHash);
    await deleteUserSessions(tx, user.id);
    // The lockout's message sends people here: failures counted against the old password (an
    // attacker's, often) must not keep the new one out. Per-address limits stay.
    await clearLoginFailures(tx, user.email.trim().toLowerCase());
    return user;
  });
}
