import { randomUUID } from "node:crypto";
import { NotFoundError } from "../content/errors.js";
import type { Permission, Role } from "../content/index.js";
import type { ApiKeyRow } from "./accounts-schema.js";
import { nowIso, toIso } from "./columns.js";
import { adapterFor } from "./dialect/index.js";
import type { Store } from "./store.js";

/** An integration's key as listed to owners; the secret is never stored or shown again. */
export interface ApiKey {
  id: string;
  name: string;
  userId: string;
  role: Role;
  permissions: Permission[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A key found by its secret, with its creator's current role and whether they are still active. */
export interface ApiKeyCredentials extends ApiKey {
  creatorRole: Role;
  creatorDisabled: boolean;
}

/** Stores a new key by the hash of its secret. */
export async function createApiKey(
  store: Store,
  key: { name: string; userId: string; role: Role; permissions: Permission[]; secretHash: string },
): Promise<ApiKey> {
  const apiKey: ApiKey = {
    id: randomUUID(),
    name: key.name,
    userId: key.userId,
    role: key.role,
    permissions: key.permissions,
    createdAt: nowIso(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await store.db
    .insertInto("api_keys")
    .values({
      id: apiKey.id,
      name: key.name,
      user_id: key.userId,
      role: key.role,
      permissions: JSON.stringify(key.permissions),
      secret_hash: key.secretHash,
      created_at: apiKey.createdAt,
    })
    .execute();
  return apiKey;
}

/** The key whose secret hashes to `secretHash`, or undefined; revocation is the caller's to judge. */
export async function getApiKeyBySecretHash(
  store: Store,
  secretHash: string,
): Promise<ApiKeyCredentials | undefined> {
  const row = await store.db
    .selectFrom("api_keys")
    .innerJoin("users", "users.id", "api_keys.user_id")
    .selectAll("api_keys")
    .select(["users.role as creator_role", "users.disabled_at as creator_disabled_at"])
    .where("api_keys.secret_hash", "=", secretHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...toApiKey(store, row),
    creatorRole: row.creator_role as Role,
    creatorDisabled: row.creator_disabled_at !== null,
  };
}

/** Every key, revoked ones included, newest first. */
export async function listApiKeys(store: Store): Promise<ApiKey[]> {
  const rows = await store.db
    .selectFrom("api_keys")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((row) => toApiKey(store, row));
}

/** Revokes a key (it stops working at once); revoking twice keeps the first time. Throws NotFoundError. */
export async function revokeApiKey(store: Store, id: string): Promise<ApiKey> {
  await store.db
    .updateTable("api_keys")
    .set({ revoked_at: nowIso() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  const row = await store.db
    .selectFrom("api_keys")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("API key", id);
  return toApiKey(store, row);
}

/** Records that a key was used. */
export async function touchApiKey(store: Store, id: string, at = nowIso()): Promise<void> {
  await store.db.updateTable("api_keys").set({ last_used_at: at }).where("id", "=", id).execute();
}

function toApiKey(store: Store, row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    role: row.role as Role,
    permissions: adapterFor(store.dialect).readJson(row.permissions) as Permission[],
    createdAt: toIso(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : toIso(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : toIso(row.revoked_at),
  };
}
