import type { Role } from "../content/index.js";
import { nowIso, toIso } from "./columns.js";
import type { Store } from "./store.js";

/** A session as stored, with the account it belongs to. */
export interface StoredSession {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  user: {
    email: string;
    name: string;
    role: Role;
    personId: string | null;
    disabledAt: string | null;
  };
}

/** Stores a new session; `id` is the hash of the cookie's token. */
export async function createSession(
  store: Store,
  session: { id: string; userId: string; csrfToken: string; expiresAt: string },
): Promise<void> {
  const now = nowIso();
  await store.db
    .insertInto("sessions")
    .values({
      id: session.id,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The session with this id and its account, or undefined; expiry is the caller's to judge. */
export async function getSession(store: Store, id: string): Promise<StoredSession | undefined> {
  const row = await store.db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id",
      "sessions.user_id",
      "sessions.csrf_token",
      "sessions.created_at",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "users.email",
      "users.name",
      "users.role",
      "users.person_id",
      "users.disabled_at",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: toIso(row.created_at),
    lastSeenAt: toIso(row.last_seen_at),
    expiresAt: toIso(row.expires_at),
    user: {
      email: row.email,
      name: row.name,
      role: row.role as Role,
      personId: row.person_id,
      disabledAt: row.disabled_at === null ? null : toIso(row.disabled_at),
    },
  };
}

/** Records activity on a session and moves its (sliding) expiry. */
export async function touchSession(
  store: Store,
  id: string,
  at: { lastSeenAt: string; expiresAt: string },
): Promise<void> {
  await store.db
    .updateTable("sessions")
    .set({ last_seen_at: at.lastSeenAt, expires_at: at.expiresAt })
    .where("id", "=", id)
    .execute();
}

/** Ends one session. */
export async function deleteSession(store: Store, id: string): Promise<void> {
  await store.db.deleteFrom("sessions").where("id", "=", id).execute();
}

/** Ends every session of an account (log out everywhere, password reset, disabling). */
export async function deleteUserSessions(store: Store, userId: string): Promise<number> {
  const result = await store.db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes sessions that have expired, so the table does not grow without bound. */
export async function deleteExpiredSessions(store: Store, now = nowIso()): Promise<void> {
  await store.db.deleteFrom("sessions").where("expires_at", "<", now).execute();
}
