import { can } from "../content/index.js";
import {
  getApiKeyBySecretHash,
  type Store,
  type StoredSession,
  touchApiKey,
} from "../store/index.js";
import type { RequestActor } from "./actor.js";
import { SESSION_TOUCH_INTERVAL_MS } from "./policy.js";
import { resumeSession } from "./sessions.js";
import { API_KEY_PREFIX, hashToken, sameSecret } from "./tokens.js";

/** What a request presents to prove who it is; any HTTP layer can read these off a request. */
export interface Credentials {
  /** The `Authorization` header, if sent. */
  authorization: string | undefined;
  /** The session cookie's value, if sent. */
  sessionToken: string | undefined;
  /** The X-CSRF-Token header, if sent (any shape: a repeated header arrives as an array). */
  csrfToken: unknown;
  /** Whether the request changes state (POST, PUT, PATCH, DELETE), so needs the CSRF token. */
  changesState: boolean;
}

/** The session behind an actor that signed in with the cookie. */
export interface AuthSession {
  id: string;
  csrfToken: string;
  expiresAt: string;
}

/**
 * Who a request is. `csrfMissing` is set, with no actor, when a live session's cookie came on a
 * state-changing request without the session's CSRF token: the caller decides whether to refuse
 * it or to run it as if signed out.
 */
export type Identity =
  | { actor: RequestActor | null; session: AuthSession | null; csrfMissing: false }
  | { actor: null; session: null; csrfMissing: true };

const ANONYMOUS: Identity = { actor: null, session: null, csrfMissing: false };

/**
 * Resolves the actor of a request from an `Authorization: Bearer mh_…` API key or the session
 * cookie. A header decides alone: a bad key is not rescued by a cookie.
 */
export async function identify(store: Store, credentials: Credentials): Promise<Identity> {
  if (credentials.authorization !== undefined) {
    return {
      actor: await apiKeyActor(store, credentials.authorization),
      session: null,
      csrfMissing: false,
    };
  }
  if (!credentials.sessionToken) return ANONYMOUS;
  const session = await resumeSession(store, credentials.sessionToken);
  if (!session) return ANONYMOUS;
  const sent = credentials.csrfToken;
  if (
    credentials.changesState &&
    !(typeof sent === "string" && sameSecret(sent, session.csrfToken))
  ) {
    return { actor: null, session: null, csrfMissing: true };
  }
  return {
    actor: sessionActor(session),
    session: { id: session.id, csrfToken: session.csrfToken, expiresAt: session.expiresAt },
    csrfMissing: false,
  };
}

/** The actor of a live session. */
export function sessionActor(session: StoredSession): RequestActor {
  return {
    kind: "user",
    userId: session.userId,
    name: session.user.name,
    role: session.user.role,
    personId: session.user.personId,
    sessionId: session.id,
  };
}

/**
 * The actor of an `Authorization: Bearer mh_…` header, or null when the key is unknown, revoked
 * or its creator's account is disabled. A key never does more than its creator may do now: a
 * demoted creator's keys lose what the new role lacks. Records its use at most once a minute.
 */
export async function apiKeyActor(
  store: Store,
  authorization: string,
): Promise<RequestActor | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const secret = match?.[1];
  if (!secret?.startsWith(API_KEY_PREFIX)) return null;
  const key = await getApiKeyBySecretHash(store, hashToken(secret));
  if (!key || key.revokedAt !== null || key.creatorDisabled) return null;
  const lastUsed = key.lastUsedAt === null ? 0 : Date.parse(key.lastUsedAt);
  if (Date.now() - lastUsed >= SESSION_TOUCH_INTERVAL_MS) await touchApiKey(store, key.id);
  return {
    kind: "apiKey",
    keyId: key.id,
    name: key.name,
    role: key.role,
    permissions: key.permissions.filter((p) => can(key.creatorRole, p)),
    userId: key.userId,
  };
}
