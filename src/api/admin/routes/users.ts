// Managing accounts: list, create, read, change role/name/byline/disabled, reset links and
// invitations. See docs/ADMIN_API.md, "Accounts and sessions".

import { z } from "zod";
import { InvitationSchema } from "../../../auth/links.js";
import { userAdminJson } from "../../../auth/user-json.js";
import { IdSchema, PasswordSchema, RoleSchema, UserInputSchema } from "../../../content/index.js";
import {
  changeAccount,
  createAccount,
  getAccount,
  inviteAccount,
  listAccounts,
  makeResetLink,
} from "../../../services/accounts.js";
import { makeBylineFor } from "../../../services/bylines.js";
import type { AdminDeps } from "../deps.js";
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

/** The account services' deps: links start with the public address, and are mailed when sending is on. */
const accountsDeps = (deps: AdminDeps) => ({
  store: deps.store,
  publicUrl: deps.config.publicUrl,
  mail: deps.config.mail,
});

export const USER_ROUTES = [
  route({
    method: "GET",
    url: "/users",
    permission: "users.manage",
    does: "list accounts",
    async handler({ actor, deps }) {
      const items = (await listAccounts(deps, actor)).map(userAdminJson);
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
      const { user, setPasswordLink } = await createAccount(accountsDeps(deps), actor, body);
      reply.status(201);
      return { user: userAdminJson(user), setPasswordLink };
    },
  }),
  route({
    method: "GET",
    url: "/users/:id",
    permission: "users.manage",
    does: "read accounts",
    params: IdParams,
    async handler({ params, actor, deps }) {
      return userAdminJson(await getAccount(deps, actor, params.id));
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
    async handler({ params, body, actor, deps }) {
      return userAdminJson(await changeAccount(deps, actor, params.id, body));
    },
  }),
  route({
    method: "POST",
    url: "/users/:id/reset-link",
    permission: "users.manage",
    does: "make password-reset links",
    params: IdParams,
    async handler({ params, actor, reply, deps }) {
      const { link } = await makeResetLink(accountsDeps(deps), actor, { id: params.id });
      reply.status(201);
      return link;
    },
  }),
  route({
    method: "POST",
    url: "/users/:id/byline",
    permission: "users.manage",
    does: "give accounts a byline",
    params: IdParams,
    async handler({ params, actor, reply, deps }) {
      const { user, person } = await makeBylineFor(deps, actor, params.id);
      reply.status(201);
      return { user: userAdminJson(user), person };
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
      const link = await inviteAccount(accountsDeps(deps), actor, body);
      reply.status(201);
      return link;
    },
  }),
] as AdminRoute<never, never, never>[];
