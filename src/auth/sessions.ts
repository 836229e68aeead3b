import {
  createSession,
  deleteExpiredSessions,
  getSession,
  type Store,
  type StoredSession,
  touchSession,
} from "../store/index.js";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_TOUCH_INTERVAL_MS } from "./policy.js";
import { hashToken, newToken } from "./tokens.js";

/** A session just started: the token goes into the cookie, the CSRF token to the client. */
export interface StartedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Starts a session for an account; only the token's hash is stored. Sweeps out expired sessions
 * first: signing in is rare enough to carry that cost, and the table stays small without a job.
 */
export async function startSession(store: Store, userId: string): Promise<StartedSession> {
  await deleteExpiredSessions(store);
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + SESSION_IDLE_MS);
  await createSession(store, {
    id: hashToken(token),
    userId,
    csrfToken,
    expiresAt: expiresAt.toISOString(),
  });
  return { token, csrfToken, expiresAt };
}

/**
 * The live session a cookie's token names, or undefined when there is none, it has expired or its
 * account is disabled. Activity slides the idle expiry, at most once a minute.
 */
export async function resumeSession(
  store: Store,
  token: string,
  now = new Date(),
): Promise<StoredSession | undefined> {
  const session = await getSession(store, hashToken(token));
  if (!session || session.user.disabledAt !== null) return undefined;
  if (Date.parse(session.expiresAt) <= now.getTime()) return undefined;
  if (now.getTime() - Date.parse(session.lastSeenAt) >= SESSION_TOUCH_INTERVAL_MS) {
    const absolute = Date.parse(session.createdAt) + SESSION_ABSOLUTE_MS;
    const expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, absolute)).toISOString();
    const lastSeenAt = now.toISOString();
    await touchSession(store, session.id, { lastSeenAt, expiresAt });
    return { ...session, lastSeenAt, expiresAt };
  }
  return session;
}
