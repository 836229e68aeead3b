import fastifyCookie from "@fastify/cookie";
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { RequestActor } from "../../auth/actor.js";
import { type AuthSession, identify } from "../../auth/identify.js";
import { CSRF_HEADER, SESSION_COOKIE } from "../../auth/policy.js";
import { csrfRejected } from "../../content/index.js";
import type { Store } from "../../store/reads.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the auth hook; null when the request carries no valid session or key. */
    actor: RequestActor | null;
    /** The session behind `actor` when it signed in with the cookie; null otherwise. */
    authSession: AuthSession | null;
  }
}

/** Methods that change state, so need the session's CSRF token when sent with the cookie. */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface AuthHookOptions {
  store: Store;
  /**
   * Routes (`METHOD /full/url`) a signed-in browser may call without the CSRF token, run as if
   * signed out: signing in, setup and the one-time links, which need no actor.
   */
  csrfExempt: ReadonlySet<string>;
}

/**
 * Who is asking: sets `request.actor` (see src/auth/identify.ts) and refuses (403 MH_CSRF) a
 * state-changing request made with the cookie unless it carries the session's X-CSRF-Token.
 * Declared with skip-override (what fastify-plugin does) so its decoration and hook apply to the
 * routes of the plugin that registers it.
 */
export const authHook: FastifyPluginAsync<AuthHookOptions> = Object.assign(
  async (app: FastifyInstance, { store, csrfExempt }: AuthHookOptions) => {
    await app.register(fastifyCookie);
    app.decorateRequest("actor", null);
    app.decorateRequest("authSession", null);
    app.addHook("onRequest", async (request) => {
      const identity = await identify(store, {
        authorization: request.headers.authorization,
        sessionToken: request.cookies[SESSION_COOKIE],
        csrfToken: request.headers[CSRF_HEADER],
        changesState: UNSAFE_METHODS.has(request.method),
      });
      if (identity.csrfMissing) {
        if (csrfExempt.has(`${request.method} ${request.routeOptions.url}`)) return;
        throw csrfRejected();
      }
      request.actor = identity.actor;
      request.authSession = identity.session;
    });
  },
  {
    [Symbol.for("skip-override")]: true,
    [Symbol.for("fastify.display-name")]: "masthead-auth",
  },
);
