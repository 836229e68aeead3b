// API keys for integrations: list, create (the secret is shown once), revoke.
// See docs/ADMIN_API.md, "API keys".

import { z } from "zod";
import { type Actor, actorCan } from "../../../auth/actor.js";
import { hashToken, newApiKeySecret } from "../../../auth/tokens.js";
import {
  ContentInvalidError,
  can,
  type FieldIssue,
  IdSchema,
  PERMISSIONS,
  type Permission,
  ROLES,
  RoleSchema,
  textField,
} from "../../../content/index.js";
import { type ApiKey, createApiKey, listApiKeys, revokeApiKey } from "../../../store/index.js";
import { type AdminRoute, route } from "../route.js";

const PERMISSION_NAMES = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];

const CreateBody = z
  .object({
    name: textField().trim().min(1, "name is required").max(120),
    /** Defaults to the creator's role. */
    role: RoleSchema.optional(),
    permissions: z
      .array(
        z.enum(PERMISSION_NAMES, {
          error: () => `permission must be one of: ${PERMISSION_NAMES.join(", ")}`,
        }),
      )
      .min(1, "give the key at least one permission")
      .max(PERMISSION_NAMES.length),
  })
  .strict();

const IdParams = z.object({ id: IdSchema }).strict();

/** A key as listed; never its secret. */
function apiKeyJson(key: ApiKey) {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    permissions: key.permissions,
    createdBy: key.userId,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}

/**
 * Refuses a key that could do more than its role, or more than whoever creates it: a key's role
 * is at most its creator's, and each permission must be one its role and its creator hold.
 */
function checkGrant(actor: Actor, role: (typeof ROLES)[number], permissions: Permission[]): void {
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

export const API_KEY_ROUTES = [
  route({
    method: "GET",
    url: "/api-keys",
    permission: "apikeys.manage",
    does: "list API keys",
    async handler({ deps }) {
      const items = (await listApiKeys(deps.store)).map(apiKeyJson);
      return { items, total: items.length };
    },
  }),
  route({
    method: "POST",
    url: "/api-keys",
    permission: "apikeys.manage",
    does: "create API keys",
    body: CreateBody,
    bodyLimit: 16 * 1024,
    async handler({ body, actor, reply, deps }) {
      const role = body.role ?? actor.role;
      const permissions = [...new Set(body.permissions)];
      checkGrant(actor, role, permissions);
      const secret = newApiKeySecret();
      const key = await createApiKey(deps.store, {
        name: body.name,
        userId: actor.userId,
        role,
        permissions,
        secretHash: hashToken(secret),
      });
      reply.status(201);
      // The only time the secret leaves the server: it is stored as a hash.
      return { apiKey: apiKeyJson(key), secret };
    },
  }),
  route({
    method: "DELETE",
    url: "/api-keys/:id",
    permission: "apikeys.manage",
    does: "revoke API keys",
    params: IdParams,
    async handler({ params, reply, deps }) {
      await revokeApiKey(deps.store, params.id);
      return reply.status(204).send();
    },
  }),
] as AdminRoute<never, never, never>[];
