// API keys for integrations: an owner lists them, makes one (its secret is shown once) or
// revokes one. A key belongs to the account that made it and can do no more than it.
import { type Actor, actorCan } from "../auth/actor.js";
import { hashToken, newApiKeySecret } from "../auth/tokens.js";
import {
  ContentInvalidError,
  can,
  type FieldIssue,
  forbidden,
  forbiddenBecause,
  type Permission,
  ROLES,
  type Role,
} from "../content/index.js";
import {
  type ApiKey,
  createApiKey,
  listApiKeys,
  recordChanges,
  revokeApiKey,
  type Store,
  transact,
} from "../store/index.js";
import { accountChanged } from "./accounts.js";

/** A key to make: its name, its role (default: its creator's) and what it may do. */
export interface NewApiKey {
  name: string;
  role?: Role;
  permissions: Permission[];
}

/** Every key, revoked ones included, newest first. Needs apikeys.manage. */
export async function listKeys(deps: { store: Store }, actor: Actor): Promise<ApiKey[]> {
  if (!actorCan(actor, "apikeys.manage")) throw forbidden("list API keys");
  return listApiKeys(deps.store);
}

/**
 * Makes a key for the actor's account and returns it with its secret, which is stored only as a
 * hash. Needs apikeys.manage and an account (Masthead itself has none); throws
 * ContentInvalidError when the key would hold more than its role or its creator.
 */
export async function createKey(
  deps: { store: Store },
  actor: Actor,
  input: NewApiKey,
): Promise<{ apiKey: ApiKey; secret: string }> {
  if (!actorCan(actor, "apikeys.manage")) throw forbidden("create API keys");
  if (actor.userId === null)
    throw forbiddenBecause("an API key belongs to an account: make it signed in as that account");
  const role = input.role ?? actor.role;
  const permissions = [...new Set(input.permissions)];
  checkGrant(actor, role, permissions);
  const secret = newApiKeySecret();
  const userId = actor.userId;
  const apiKey = await transact(deps.store, async (tx) => {
    const key = await createApiKey(tx, {
      name: input.name,
      userId,
      role,
      permissions,
      secretHash: hashToken(secret),
    });
    await recordChanges(tx, [accountChanged({ userId, apiKeyId: key.id }, "api_key_created")]);
    return key;
  });
  return { apiKey, secret };
}

/** Revokes a key: it stops working at once. Needs apikeys.manage; throws NotFoundError. */
export async function revokeKey(deps: { store: Store }, actor: Actor, id: string): Promise<ApiKey> {
  if (!actorCan(actor, "apikeys.manage")) throw forbidden("revoke API keys");
  return transact(deps.store, async (tx) => {
    const key = await revokeApiKey(tx, id);
    await recordChanges(tx, [
      accountChanged({ userId: key.userId, apiKeyId: key.id }, "api_key_revoked"),
    ]);
    return key;
  });
}

/**
 * Refuses a key that could do more than its role, or more than whoever creates it: a key's role
 * is at most its creator's, and each permission must be one its role and its creator hold.
 */
function checkGrant(actor: Actor, role: Role, permissions: Permission[]): void {
  const issues: FieldIssue[] = [];
  if (ROLES.indexOf(role) > ROLES.indexOf(actor.role))
    issues.push({ path: "role", message: `a key's role cannot be above your own (${actor.role})` });
  permissions.forEach((permission, i) => {
    if (!can(role, permission))
      issues.push({
        path: `permissions.${i}`,
        message: `the ${role} role does not hold '${permission}'`,
      });
    else if (!actorCan(actor, permission))
      issues.push({
        path: `permissions.${i}`,
        message: `you do not hold '${permission}' yourself`,
      });
  });
  if (issues.length > 0) throw new ContentInvalidError("API key", issues);
}
