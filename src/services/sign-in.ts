// Signing in and out: a session for a person who proved who they are, and its end (one browser,
// or every browser of the account). The mechanics (rate limits, password checks, session tokens)
// are src/auth's.
import type { Actor } from "../auth/actor.js";
import { checkPassword } from "../auth/login.js";
import { type StartedSession, startSession } from "../auth/sessions.js";
import { badRequest, type User } from "../content/index.js";
import {
  deleteSession,
  deleteUserSessions,
  recordChanges,
  type Store,
  transact,
} from "../store/index.js";
import { accountChanged } from "./accounts.js";

/** An account just signed in: the token goes into its cookie, the CSRF token to the client. */
export interface SignedIn {
  user: User;
  session: StartedSession;
}

/**
 * Checks an email and password and starts a session. Throws MH_RATE_LIMITED after too many
 * failures (before looking at the password) and MH_UNAUTHENTICATED for a wrong email, password
 * or a disabled account, alike.
 */
export async function signIn(
  deps: { store: Store },
  attempt: { email: string; password: string; address: string },
): Promise<SignedIn> {
  const user = await checkPassword(deps.store, attempt);
  return transact(deps.store, async (tx) => {
    const session = await startSession(tx, user.id);
    await recordChanges(tx, [accountChanged({ userId: user.id }, "signed_in")]);
    return { user, session };
  });
}

/** Ends the session the actor came with. Throws MH_BAD_REQUEST for an API key (it has none). */
export async function signOut(deps: { store: Store }, actor: Actor): Promise<void> {
  if (actor.kind !== "user") throw noSession();
  await transact(deps.store, async (tx) => {
    await deleteSession(tx, actor.sessionId);
    await recordChanges(tx, [accountChanged({ userId: actor.userId }, "signed_out")]);
  });
}

/** Ends every session of the actor's account. Throws MH_BAD_REQUEST for an API key. */
export async function signOutEverywhere(deps: { store: Store }, actor: Actor): Promise<void> {
  if (actor.kind !== "user") throw noSession();
  await transact(deps.store, async (tx) => {
    await deleteUserSessions(tx, actor.userId);
    await recordChanges(tx, [accountChanged({ userId: actor.userId }, "signed_out_everywhere")]);
  });
}

/** The refusal for a session action made with an API key (or by Masthead itself). */
export const noSession = () =>
  badRequest("this request was made with an API key, which has no session; revoke the key instead");
