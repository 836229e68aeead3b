// Signing in and out, first-run setup, and the public ends of one-time links (accepting an
// invitation, resetting a password). See docs/ADMIN_API.md, "Accounts and sessions".

import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { clearSessionCookie, setSessionCookie } from "../../../auth/cookie.js";
import { acceptInvitation, resetPassword } from "../../../auth/links.js";
import { checkPassword } from "../../../auth/login.js";
import { startSession } from "../../../auth/sessions.js";
import { runSetup, setupNeeded } from "../../../auth/setup.js";
import { userJson } from "../../../auth/user-json.js";
import {
  badRequest,
  PasswordSchema,
  textField,
  type User,
  UserInputSchema,
} from "../../../content/index.js";
import {
  deleteSession,
  deleteUserSessions,
  getUserById,
  type Store,
} from "../../../store/index.js";
import { type AdminRoute, route } from "../route.js";

/** Sign-in and link bodies are a few fields: anything bigger is refused before it is parsed. */
const SMALL_BODY = 16 * 1024;

const LoginBody = z
  .object({
    email: textField().max(254),
    // Bounded so a huge "password" cannot make hashing expensive; real ones are checked when set.
    password: z.string().max(1024),
  })
  .strict();

const SetupBody = z
  .object({
    email: UserInputSchema.shape.email,
    name: UserInputSchema.shape.name,
    password: PasswordSchema,
  })
  .strict();

const TokenSchema = z.string().min(1, "token is required").max(200);

const AcceptBody = z
  .object({ token: TokenSchema, name: UserInputSchema.shape.name, password: PasswordSchema })
  .strict();

const ResetBody = z.object({ token: TokenSchema, password: PasswordSchema }).strict();

const noSession = () =>
  badRequest("this request was made with an API key, which has no session; revoke the key instead");

/** Starts a session for `user` and answers with it: the cookie, the user and the CSRF token. */
async function signedIn(
  store: Store,
  request: FastifyRequest,
  reply: FastifyReply,
  user: Pick<User, "id" | "email" | "name" | "role" | "personId">,
) {
  const session = await startSession(store, user.id);
  setSessionCookie(request, reply, session.token);
  return { user: userJson(user), csrfToken: session.csrfToken };
}

export const SESSION_ROUTES = [
  route({
    method: "POST",
    url: "/session",
    permission: "public",
    does: "sign in",
    body: LoginBody,
    bodyLimit: SMALL_BODY,
    async handler({ body, request, reply, deps }) {
      // Too many failed attempts: the error handler answers 429 with the lockout's Retry-After.
      const user = await checkPassword(deps.store, { ...body, address: request.ip });
      return await signedIn(deps.store, request, reply, user);
    },
  }),
  route({
    method: "GET",
    url: "/session",
    permission: "signed-in",
    does: "read your session",
    async handler({ actor, request, deps }) {
      if (actor.kind !== "user" || !request.authSession) throw noSession();
      const user = await getUserById(deps.store, actor.userId);
      if (!user) throw noSession();
      return { user: userJson(user), csrfToken: request.authSession.csrfToken };
    },
  }),
  route({
    method: "DELETE",
    url: "/session",
    permission: "signed-in",
    does: "sign out",
    async handler({ actor, request, reply, deps }) {
      if (actor.kind !== "user") throw noSession();
      await deleteSession(deps.store, actor.sessionId);
      clearSessionCookie(request, reply);
      return reply.status(204).send();
    },
  }),
  route({
    method: "DELETE",
    url: "/sessions",
    permission: "signed-in",
    does: "sign out everywhere",
    async handler({ actor, request, reply, deps }) {
      if (actor.kind !== "user") throw noSession();
      await deleteUserSessions(deps.store, actor.userId);
      clearSessionCookie(request, reply);
      return reply.status(204).send();
    },
  }),
  route({
    method: "GET",
    url: "/setup",
    permission: "public",
    does: "see whether setup is needed",
    async handler({ deps }) {
      return { needed: await setupNeeded(deps.store) };
    },
  }),
  route({
    method: "POST",
    url: "/setup",
    permission: "public",
    does: "create the first owner",
    body: SetupBody,
    bodyLimit: SMALL_BODY,
    async handler({ body, request, reply, deps }) {
      const user = await runSetup(deps.store, body);
      reply.status(201);
      return signedIn(deps.store, request, reply, user);
    },
  }),
  route({
    method: "POST",
    url: "/invitations/accept",
    permission: "public",
    does: "accept an invitation",
    body: AcceptBody,
    bodyLimit: SMALL_BODY,
    async handler({ body, request, reply, deps }) {
      const user = await acceptInvitation(deps.store, body);
      reply.status(201);
      return signedIn(deps.store, request, reply, user);
    },
  }),
  route({
    method: "POST",
    url: "/password-reset",
    permission: "public",
    does: "set a new password",
    body: ResetBody,
    bodyLimit: SMALL_BODY,
    async handler({ body, request, reply, deps }) {
      const user = await resetPassword(deps.store, body);
      return signedIn(deps.store, request, reply, user);
    },
  }),
] as AdminRoute<never, never, never>[];
