import type { FastifyInstance } from "fastify";
import { MastheadError } from "../../content/index.js";
import { apiErrorReply } from "../../http/error-reply.js";
import {
  answerBeacon,
  BEACON_BODY_LIMIT,
  BEACON_TOO_LARGE,
  type BeaconServices,
} from "../views/beacon.js";

/**
 * The view beacon, POST /views/:articleId, as a Fastify route (see views/beacon.ts for what it
 * does). A server built by buildServer answers beacons before Fastify's router, from
 * routes/beacon-fast-path.ts; this route serves inject() and apps that mount the site plugin on
 * their own Fastify. Starts the counter when the app is ready and writes what it holds on close.
 */
export function registerViewRoutes(app: FastifyInstance, services: BeaconServices): void {
  const { counter } = services;
  app.addHook("onReady", async () => counter.start());
  app.addHook("onClose", () => counter.close());

  // Its own context: beacon errors answer JSON with an MH_ code, not the site's HTML pages.
  app.register(async (beacons) => {
    beacons.setErrorHandler((err, request, reply) => {
      const { status, body, headers } =
        (err as { statusCode?: number }).statusCode === 413
          ? { ...BEACON_TOO_LARGE, headers: {} }
          : apiErrorReply(err);
      if (status >= 500) request.log.error({ err }, "view beacon failed");
      return reply.code(status).headers(headers).header("cache-control", "no-store").send(body);
    });
    // The body reaches answerBeacon as text, whatever its type, so it decides as the fast path does.
    beacons.removeAllContentTypeParsers();
    beacons.addContentTypeParser(
      "*",
      { parseAs: "string", bodyLimit: BEACON_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );

    beacons.post<{ Params: { articleId: string }; Body: string | undefined }>(
      "/views/:articleId",
      async (request, reply) => {
        const answer = await answerBeacon(services, {
          articleId: request.params.articleId,
          headers: request.headers,
          body: request.body,
          address: () => request.ip,
        });
        reply.code(answer.status).header("cache-control", "no-store");
        if (answer.retryAfter !== undefined) reply.header("retry-after", String(answer.retryAfter));
        return answer.body === undefined ? reply.send() : answer.body;
      },
    );

    // Anything but POST is a mistake worth naming, not the site's HTML 404.
    beacons.route({
      method: ["GET", "PUT", "PATCH", "DELETE"],
      url: "/views/:articleId",
      handler: async (request, reply) => {
        const { status, body } = apiErrorReply(
          new MastheadError(
            "MH_METHOD_NOT_ALLOWED",
            `a view beacon is a POST; got ${request.method}`,
          ),
        );
        return reply
          .code(status)
          .header("allow", "POST")
          .header("cache-control", "no-store")
          .send(body);
      },
    });
  });
}
