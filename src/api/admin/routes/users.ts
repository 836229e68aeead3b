// Managing accounts: list, create, read, change role/name/byline/disabled, reset links and
// invitations. See docs/ADMIN_API.md, "Accounts and sessions".

import { z } from "zod";
import { createInvitation, createResetLink, InvitationSchema } from "../../../auth/links.js";
import { hashPassword } from "../../../auth/password.js";
import { NEW_ACCOUNT_LINK_TTL_MS } from "../../../auth/policy.js";
import { userAdminJson } from "../../../auth/user-json.js";
import {
  IdSchema,
  NotFoundError,
  PasswordSchema,
  RoleSchema,
  UserInputSchema,
} from "../../../content/index.js";
import { createUser, getUserById, listUsers, transact, updateUser } from "../../../store/index.js";
import { type AdminRoute, route } from "../route.js";

const SMALL_BODY = 16 * 1024;

const IdParams = z.object({ id: IdSchema }).strict();

/** A new account; without a password the answer carries a link where its holder sets one. */
const CreateBody = UserInputSchema.extend({ password: PasswordSchema.optional() }).strict();

const PatchBody = z
  .object({
    name: UserInputSchema.shape.name.optional(),
    role: RoleSchema.optional(),
    personId: IdSchema.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((change) => Object.keys(change).length > 0, {
    message: "send at least one of name, role, personId, disabled",
  });

export const USER_ROUTES = [
  route({
    method: "GET",
    url: "/users",
    permission: "users.manage",
    does: "list accounts",
    async handler({ deps }) {
      const items = (await listUsers(deps.store)).map(userAdminJson);
      return { items, total: items.length };
    },
  }),
  route({
    method: "POST",
    url: "/users",
    permission: "users.manage",
    does: "create accounts",
    body: CreateBody,
    bodyLimit: SMALL_BODY,
    async handler({ body, actor, reply, deps }) {
      const { password, ...fields } = body;
      const passwordHash = password === undefined ? null : await hashPassword(password);
      const created = await transact(deps.store, async (tx) => {
        const user = await createUser(tx, fields, passwordHash);
        const setPasswordLink =
          passwordHash === null
            ? await createResetLink(
                tx,
                deps.config.publicUrl,
                user.id,
                actor.userId,
                NEW_ACCOUNT_LINK_TTL_MS,
              )
            : null;
        return { user: userAdminJson(user), setPasswordLink };
      });
      reply.status(201);
      return created;
    },
  }),
  route({
    method: "GET",
    url: "/users/:id",
    permission: "users.manage",
    does: "read accounts",
    params: IdParams,
    async handler({ params, deps }) {
      const user = await getUserById(deps.store, params.id);
      if (!user) throw new NotFoundError("user", params.id);
      return userAdminJson(user);
    },
  }),
  route({
    method: "PATCH",
    url: "/users/:id",
    permission: "users.manage",
    does: "change accounts",
    params: IdParams,
    body: PatchBody,
    bodyLimit: SMALL_BODY,
    async handler({ params, body, deps }) {
      return userAdminJson(await updateUser(deps.store, params.id, body));
    },
  }),
  route({
    method: "POST",
    url: "/users/:id/reset-link",
    permission: "users.manage",
    does: "make password-reset links",
    params: IdParams,
    async handler({ params, actor, reply, deps }) {
      const link = await createResetLink(
        deps.store,
        deps.config.publicUrl,
        params.id,
        actor.userId,
      );
      reply.status(201);
      return link;
    },
  }),
  route({
    method: "POST",
    url: "/invitations",
    permission: "users.manage",
    does: "invite people",
    body: InvitationSchema,
    bodyLimit: SMALL_BODY,
    async handler({ body, actor, reply, deps }) {
      const link = await createInvitation(deps.store, deps.config.publicUrl, body, actor.userId);
      reply.status(201);
      return link;
    },
  }),
] as AdminRoute<never, never, never>[];
