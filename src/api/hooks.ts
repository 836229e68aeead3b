// Webhooks other systems call, outside the admin API's sign-in: today the bounce hook, where a
// mail server's delivery reports (RFC 3464) or Amazon SES's notices (via SNS) arrive. Each checks
// its own shared secret and hands the body to a service.
import type { FastifyPluginAsync } from "fastify";
import type { Config } from "../config.js";
import { checkBounceToken, receiveBounceReport } from "../services/mail-bounces.js";
import type { Store } from "../store/reads.js";

export interface HooksOptions {
  store: Store;
  config: Pick<Config, "mail">;
}

/** A delivery report may carry the whole returned message. */
const BOUNCE_BODY_LIMIT = 10 * 1024 * 1024;

/** The token of a call: `Authorization: Bearer <token>`, else `?token=`. */
function tokenOf(authorization: string | undefined, query: unknown): string | undefined {
  const bearer = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (bearer) return bearer[1];
  const token = (query as { token?: unknown } | undefined)?.token;
  return typeof token === "string" ? token : undefined;
}

/** POST /api/hooks/bounces (register with prefix /api/hooks). */
export const hooksPlugin: FastifyPluginAsync<HooksOptions> = async (app, { store, config }) => {
  // Reports come as message/*, multipart/report, text/plain (SNS) or JSON: each is read raw
  // here, and only here (the parsers of this plugin do not reach the rest of the app).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    "*",
    { parseAs: "buffer", bodyLimit: BOUNCE_BODY_LIMIT },
    (_r, body, done) => done(null, body),
  );

  app.post(
    "/bounces",
    {
      bodyLimit: BOUNCE_BODY_LIMIT,
      // The token is checked before the body is read.
      onRequest: async (request) =>
        checkBounceToken(
          config.mail.bounceToken,
          tokenOf(request.headers.authorization, request.query),
        ),
    },
    async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const outcome = await receiveBounceReport(
        { store },
        body,
        request.headers["content-type"] ?? "",
      );
      if (outcome.subscribeUrl)
        request.log.warn(
          { subscribeUrl: outcome.subscribeUrl },
          "Amazon SNS asks to confirm the bounce hook's subscription: open this address once",
        );
      if (outcome.suppressed.length > 0)
        request.log.info({ suppressed: outcome.suppressed }, "bounced addresses suppressed");
      reply.header("cache-control", "no-store");
      return outcome;
    },
  );
};
