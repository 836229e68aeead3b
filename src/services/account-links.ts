// The public ends of one-time links: a person accepting an invitation gets an account, a person
// with a reset link sets a new password; either way they are signed in on the spot, and on an
// account's first sign-in told whether to give their byline's role title and bio.

import { hashPassword } from "../auth/password.js";
import { startSession } from "../auth/sessions.js";
import { hashToken } from "../auth/tokens.js";
import { linkInvalid, PasswordSchema, parseOrThrow, UserInputSchema } from "../content/index.js";
import {
  clearLoginFailures,
  consumeOneTimeToken,
  createUser,
  deleteUserSessions,
  getUserById,
  getUserCredentials,
  recordChanges,
  type Store,
  setPasswordHash,
  transact,
} from "../store/index.js";
import { accountChanged } from "./accounts.js";
import { bylineQuestionDue, findOrMakeByline } from "./bylines.js";
import type { SignedIn } from "./sign-in.js";

/**
 * A session a link started. `askByline`: this is the account's first sign-in (an invitation, or
 * the set-password link of an account an owner made) and its byline has no role title or bio.
 */
export interface LinkSignedIn extends SignedIn {
  askByline: boolean;
}

/** The name the account goes by: typed when accepting, else the invitation's. */
const NameField = UserInputSchema.pick({ name: true });

/**
 * Creates the invited account from an invitation link, once, with its byline person, and signs it
 * in. The name is the one typed, else the invitation's. The byline is the unlinked person of the
 * invitation's name when the owner gave one and it was kept, else a new person: a name only the
 * newcomer typed never takes over someone's articles. Throws ContentInvalidError (name,
 * password), MH_BAD_REQUEST for a used, expired or unknown link, or ConflictError when the email
 * got an account meanwhile.
 */
export async function acceptInvitation(
  deps: { store: Store },
  input: { token: string; name?: string; password: string },
): Promise<LinkSignedIn> {
  const password = parseOrThrow(PasswordSchema, input.password, "password");
  // Hashed before the transaction opens: SQLite holds its write lock for the transaction's length.
  const passwordHash = await hashPassword(password);
  return transact(deps.store, async (tx) => {
    const invite = await consumeOneTimeToken(tx, hashToken(input.token), "invite");
    if (!invite?.email || !invite.role) throw linkInvalid("invitation");
    const { name } = parseOrThrow(NameField, { name: input.name ?? invite.name ?? "" }, "account");
    const byline = await findOrMakeByline(tx, name, name === invite.name?.trim());
    const user = await createUser(
      tx,
      { email: invite.email, name, role: invite.role, personId: byline.person.id },
      passwordHash,
    );
    const session = await startSession(tx, user.id);
    await recordChanges(tx, [...byline.events, accountChanged({ userId: user.id }, "created")]);
    return { user, session, askByline: await bylineQuestionDue(tx, user) };
  });
}

/**
 * Sets a new password from a reset link, once, ends every other session of the account, lifts
 * its sign-in lockout and signs it in. An account without a password yet (made with a
 * set-password link) signs in for the first time here. Throws ContentInvalidError (password) or
 * MH_BAD_REQUEST for a used, expired or unknown link.
 */
export async function resetPassword(
  deps: { store: Store },
  input: { token: string; password: string },
): Promise<LinkSignedIn> {
  const password = parseOrThrow(PasswordSchema, input.password, "password");
  const passwordHash = await hashPassword(password);
  return transact(deps.store, async (tx) => {
    const reset = await consumeOneTimeToken(tx, hashToken(input.token), "reset");
    const user = reset?.userId ? await getUserById(tx, reset.userId) : undefined;
    if (!user || user.disabledAt !== null) throw linkInvalid("password reset");
    const firstSignIn = (await getUserCredentials(tx, user.email))?.passwordHash === null;
    await setPasswordHash(tx, user.id, passwordHash);
    await deleteUserSessions(tx, user.id);
    // The lockout's message sends people here: failures counted against the old password (an
    // attacker's, often) must not keep the new one out. Per-address limits stay.
    await clearLoginFailures(tx, user.email.trim().toLowerCase());
    const session = await startSession(tx, user.id);
    await recordChanges(tx, [accountChanged({ userId: user.id }, "password_set")]);
    return { user, session, askByline: firstSignIn && (await bylineQuestionDue(tx, user)) };
  });
}
