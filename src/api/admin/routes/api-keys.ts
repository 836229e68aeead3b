// API keys for integrations: list, create (the secret is shown once), revoke.
// See docs/ADMIN_API.md, "API keys".

import { z } from "zod";
import {
  IdSchema,
  PERMISSIONS,
  type Permission,
  RoleSchema,
  textField,
} from "../../../content/index.js";
import { createKey, listKeys, revokeKey } from "../../../services/api-keys.js";
import type { ApiKey } from "../../../store/reads.js";
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

export const API_KEY_ROUTES = [
  route({
    method: "GET",
    url: "/api-keys",
    permission: "apikeys.manage",
    does: "list API keys",
    async handler({ actor, deps }) {
      const items = (await listKeys(deps, actor)).map(apiKeyJson);
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
      const { apiKey, secret } = await createKey(deps, actor, body);
      reply.status(201);
      // The only time the secret leaves the server: it is stored as a hash.
      return { apiKey: apiKeyJson(apiKey), secret };
    },
  }),
  route({
    method: "DELETE",
    url: "/api-keys/:id",
    permission: "apikeys.manage",
    does: "revoke API keys",
    params: IdParams,
    async handler({ params, actor, reply, deps }) {
      await revokeKey(deps, actor, params.id);
      return reply.status(204).send();
    },
  }),
] as AdminRoute<never, never, never>[];
