import { can } from "../../content/index.js";
import {
  getApiKeyBySecretHash,
  type Store,
  type StoredSession,
  touchApiKey,
} from "../../store/index.js";
import type { Actor } from "../admin/actor.js";
import { SESSION_TOUCH_INTERVAL_MS } from "./policy.js";
import { API_KEY_PREFIX, hashToken } from "./tokens.js";

/** The actor of a live session. */
export function sessionActor(session: StoredSession): Actor {
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
export async function apiKeyActor(store: Store, authorization: string): Promise<Actor | null> {
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
