import type { FastifyPluginAsync } from "fastify";
import { apiErrorReply } from "../../http/error-reply.js";
import { authHook, UNSAFE_METHODS } from "./auth-hook.js";
import type { AdminDeps } from "./deps.js";
import { type AdminRoute, registerRoutes } from "./route.js";
import { API_KEY_ROUTES } from "./routes/api-keys.js";
import { ARTICLE_BULK_ROUTES } from "./routes/article-bulk.js";
import { CONTENT_ROUTES } from "./routes/content.js";
import { IMPORT_ROUTES } from "./routes/imports.js";
import { MEDIA_ROUTES } from "./routes/media.js";
import { NEWSLETTER_ROUTES } from "./routes/newsletters.js";
import { OWN_BYLINE_ROUTES } from "./routes/own-byline.js";
import { OWN_NOTIFICATION_ROUTES } from "./routes/own-notifications.js";
import { REDIRECT_ROUTES } from "./routes/redirects.js";
import { SESSION_ROUTES } from "./routes/session.js";
import { SETTINGS_ROUTES } from "./routes/settings.js";
import { SUBSCRIBER_ROUTES } from "./routes/subscribers.js";
import { USER_ROUTES } from "./routes/users.js";
import { VIEW_ROUTES } from "./routes/views.js";

/** Every admin endpoint, grouped by what it manages. */
const ROUTES: AdminRoute<never, never, never>[] = [
  ...CONTENT_ROUTES,
  ...ARTICLE_BULK_ROUTES,
  ...MEDIA_ROUTES,
  ...(REDIRECT_ROUTES as AdminRoute<never, never, never>[]),
  ...SESSION_ROUTES,
  ...USER_ROUTES,
  ...OWN_BYLINE_ROUTES,
  ...OWN_NOTIFICATION_ROUTES,
  ...API_KEY_ROUTES,
  ...SETTINGS_ROUTES,
  ...VIEW_ROUTES,
  ...IMPORT_ROUTES,
  ...(NEWSLETTER_ROUTES as AdminRoute<never, never, never>[]),
  ...(SUBSCRIBER_ROUTES as AdminRoute<never, never, never>[]),
];

/**
 * The admin API under /api/admin/v1: JSON in and out, validated by the content schemas,
 * authorised per route (see docs/SECURITY.md). Register with a prefix.
 */
export const adminApiPlugin: FastifyPluginAsync<AdminDeps> = async (app, deps) => {
  // Answers carry emails, tokens and drafts: no browser or proxy may keep one, errors included.
  app.addHook("onRequest", (_request, reply, done) => {
    reply.header("cache-control", "no-store");
    done();
  });
  app.setErrorHandler((error, request, reply) => {
    const { status, body, headers } = apiErrorReply(error);
    if (status >= 500) request.log.error({ err: error }, "admin API request failed");
    return reply.status(status).headers(headers).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        code: "MH_NOT_FOUND",
        message: `no admin API endpoint ${request.method} ${request.url}`,
      },
    }),
  );
  // The public routes that change state (signing in, setup, the links) need no CSRF token: they
  // need no actor, and a signed-in browser may still use them (they then run as if signed out).
  const csrfExempt = new Set(
    ROUTES.filter((r) => r.permission === "public" && UNSAFE_METHODS.has(r.method)).map(
      (r) => `${r.method} ${app.prefix}${r.url}`,
    ),
  );
  await app.register(authHook, { store: deps.store, csrfExempt });
  registerRoutes(app, deps, ROUTES);
};
