// Signing in and out, first-run setup, and the public ends of one-time links (accepting an
// invitation, resetting a password). See docs/ADMIN_API.md, "Accounts and sessions".

import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { clearSessionCookie, setSessionCookie } from "../../../auth/cookie.js";
import { userJson } from "../../../auth/user-json.js";
import { PasswordSchema, textField, UserInputSchema } from "../../../content/index.js";
import {
  acceptInvitation,
  type LinkSignedIn,
  resetPassword,
} from "../../../services/account-links.js";
import { setUpFirstOwner, setupNeeded } from "../../../services/first-run-setup.js";
import {
  noSession,
  type SignedIn,
  signIn,
  signOut,
  signOutEverywhere,
} from "../../../services/sign-in.js";
import { getUserById } from "../../../store/reads.js";
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

/** Without a name, the account takes the one the invitation suggested. */
const AcceptBody = z
  .object({
    token: TokenSchema,
    name: UserInputSchema.shape.name.optional(),
    password: PasswordSchema,
  })
  .strict();

const ResetBody = z.object({ token: TokenSchema, password: PasswordSchema }).strict();

/** Answers with a session just started: the cookie, the user and the CSRF token. */
function signedIn(request: FastifyRequest, reply: FastifyReply, { user, session }: SignedIn) {
  setSessionCookie(request, reply, session.token);
  return { user: userJson(user), csrfToken: session.csrfToken };
}

/** A session a link started, and whether the admin app asks for the byline now. */
function linkSignedIn(request: FastifyRequest, reply: FastifyReply, started: LinkSignedIn) {
  return { ...signedIn(request, reply, started), askByline: started.askByline };
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
      return signedIn(request, reply, await signIn(deps, { ...body, address: request.ip }));
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
      await signOut(deps, actor);
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
      await signOutEverywhere(deps, actor);
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
      return { needed: await setupNeeded(deps) };
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
      const started = await setUpFirstOwner(deps, body);
      reply.status(201);
      return signedIn(request, reply, started);
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
      const started = await acceptInvitation(deps, body);
      reply.status(201);
      return linkSignedIn(request, reply, started);
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
      return linkSignedIn(request, reply, await resetPassword(deps, body));
    },
  }),
] as AdminRoute<never, never, never>[];
