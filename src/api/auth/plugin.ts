import fastifyCookie from "@fastify/cookie";
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from "fastify";
import type { AdminDeps } from "../admin/deps.js";
import { SESSION_ROUTES } from "../admin/routes/session.js";
import { apiKeyActor, sessionActor } from "./actor.js";
import { csrfRejected } from "./errors.js";
import { CSRF_HEADER, SESSION_COOKIE } from "./policy.js";
import { resumeSession } from "./sessions.js";
import { sameSecret } from "./tokens.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The session behind `actor` when it signed in with the cookie; null otherwise. */
    authSession: { id: string; csrfToken: string; expiresAt: string } | null;
  }
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Who is asking: sets `request.actor` from an `Authorization: Bearer mh_…` API key or the
 * `mh_session` cookie, and refuses (403 MH_CSRF) a state-changing request made with the cookie
 * unless it carries the session's X-CSRF-Token. Declared with skip-override (what fastify-plugin
 * does) so its decoration and hook apply to the routes of the plugin that registers it.
 */
export const authPlugin: FastifyPluginAsync<AdminDeps> = Object.assign(
  async (app: FastifyInstance, { store }: AdminDeps) => {
    await app.register(fastifyCookie);
    app.decorateRequest("actor", null);
    app.decorateRequest("authSession", null);
    // Signing in, setup and the links need no CSRF token: they need no actor, and a signed-in
    // browser may still use them (they then run as if signed out).
    const exempt = new Set(
      SESSION_ROUTES.filter((r) => r.permission === "public" && UNSAFE_METHODS.has(r.method)).map(
        (r) => `${r.method} ${app.prefix}${r.url}`,
      ),
    );

    app.addHook("onRequest", async (request) => {
      // An Authorization header decides alone: a bad key is not rescued by a cookie.
      const authorization = request.headers.authorization;
      if (authorization !== undefined) {
        request.actor = await apiKeyActor(store, authorization);
        return;
      }
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      const session = await resumeSession(store, token);
      if (!session) return;
      if (UNSAFE_METHODS.has(request.method) && !carriesCsrfToken(request, session.csrfToken)) {
        if (exempt.has(`${request.method} ${request.routeOptions.url}`)) return;
        throw csrfRejected();
      }
      request.actor = sessionActor(session);
      request.authSession = {
        id: session.id,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
      };
    });
  },
  {
    [Symbol.for("skip-override")]: true,
    [Symbol.for("fastify.display-name")]: "masthead-auth",
  },
);

function carriesCsrfToken(request: FastifyRequest, expected: string): boolean {
  const sent = request.headers[CSRF_HEADER];
  return typeof sent === "string" && sameSecret(sent, expected);
}
