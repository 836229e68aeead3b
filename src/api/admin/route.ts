import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit, { type RateLimitOptions } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from "fastify";
import type { z } from "zod";
import type { RequestActor } from "../../auth/actor.js";
import { actorCan } from "../../auth/actor.js";
import { forbidden, type Permission, parseOrThrow, unauthenticated } from "../../content/index.js";
import type { AdminDeps } from "./deps.js";

/** What a handler receives: trusted, parsed input and the actor. */
export interface RouteContext<B, Q, P> {
  request: FastifyRequest;
  reply: FastifyReply;
  actor: RequestActor;
  body: B;
  query: Q;
  params: P;
  deps: AdminDeps;
}

/**
 * One admin endpoint declared as data: where it is, who may call it, what it accepts. The
 * permission is checked before the body is even parsed; `"signed-in"` admits any actor and
 * `"public"` admits anyone (login, setup, invitations).
 */
export interface AdminRoute<B = unknown, Q = unknown, P = unknown> {
  method: HTTPMethods;
  url: string;
  permission: Permission | "signed-in" | "public";
  /** Short description for docs and error messages, e.g. "edit articles". */
  does: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** Override Fastify's body limit (bytes), e.g. for uploads. */
  bodyLimit?: number;
  /**
   * Accepts multipart/form-data (file uploads) instead of JSON. The body is not parsed up front:
   * the handler reads it with `request.parts()` after the permission check, so an unauthorised
   * upload is refused before its bytes are read.
   */
  multipart?: boolean;
  /**
   * A rate limit of its own (@fastify/rate-limit, checked once the actor is known, so it can be
   * kept per account); only on multipart routes for now.
   */
  rateLimit?: RateLimitOptions;
  handler(ctx: RouteContext<B, Q, P>): Promise<unknown>;
}

/** Declares a route with its types inferred from its schemas. */
export function route<B = undefined, Q = undefined, P = undefined>(
  def: AdminRoute<B, Q, P>,
): AdminRoute<B, Q, P> {
  return def;
}

/** Registers declared routes on `app`, checking permission, then parsing params, query and body. */
export function registerRoutes(
  app: FastifyInstance,
  deps: AdminDeps,
  routes: AdminRoute<never, never, never>[],
): void {
  const all = routes as AdminRoute<unknown, unknown, unknown>[];
  for (const def of all.filter((r) => !r.multipart)) registerRoute(app, deps, def);
  const uploads = all.filter((r) => r.multipart);
  // The multipart parser lives in its own encapsulated context: JSON routes keep refusing it.
  if (uploads.length > 0)
    app.register(async (child) => {
      await child.register(fastifyMultipart);
      // Only routes that declare a limit get one.
      await child.register(fastifyRateLimit, { global: false });
      for (const def of uploads) registerRoute(child, deps, def);
    });
}

function registerRoute(
  app: FastifyInstance,
  deps: AdminDeps,
  def: AdminRoute<unknown, unknown, unknown>,
): void {
  app.route({
    method: def.method,
    url: def.url,
    ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
    ...(def.rateLimit ? { config: { rateLimit: def.rateLimit } } : {}),
    handler: async (request, reply) => {
      const actor = request.actor;
      if (def.permission !== "public") {
        if (!actor) throw unauthenticated();
        if (def.permission !== "signed-in" && !actorCan(actor, def.permission))
          throw forbidden(def.does);
      }
      const ctx: RouteContext<unknown, unknown, unknown> = {
        request,
        reply,
        actor: actor as RequestActor,
        params: def.params ? parseOrThrow(def.params, request.params, "path") : request.params,
        query: def.query ? parseOrThrow(def.query, request.query ?? {}, "query") : request.query,
        body: def.body ? parseOrThrow(def.body, request.body ?? {}, "request body") : request.body,
        deps,
      };
      return def.handler(ctx);
    },
  });
}
