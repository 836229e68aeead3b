import type { FastifyInstance } from "fastify";
import { apiErrorReply } from "../../api/errors.js";
import { shouldCountView } from "../views/should-count.js";
import {
  createViewCounter,
  type ViewCounter,
  type ViewCounterOptions,
} from "../views/view-counter.js";
import type { SiteDeps } from "./respond.js";

// Ids are UUIDs (content/ids.ts); checked here without a schema parse on every beacon.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// fetch() sends JSON; navigator.sendBeacon() sends text/plain. A beacon body is a few bytes.
const ACCEPTED_TYPES = /^(application\/json|text\/plain)\b/i;
const BODY_LIMIT = 1024;

/** How the view counter runs (see ViewCounterOptions); tests set the clock and flush interval. */
export type ViewSettings = Omit<ViewCounterOptions, "store" | "log">;

const error = (code: string, message: string) => ({ error: { code, message } });

/**
 * The view beacon, POST /views/:articleId: counts a reader's view (once per visitor, article and
 * UTC day) and answers with the article's total, which the page script shows. Views are held in
 * memory and written every second and when the app closes.
 */
export function registerViewRoutes(
  app: FastifyInstance,
  { store }: SiteDeps,
  settings: ViewSettings = {},
): ViewCounter {
  const counter = createViewCounter({ ...settings, store, log: app.log });
  app.addHook("onReady", async () => counter.start());
  app.addHook("onClose", () => counter.close());

  // Its own context: beacon errors answer JSON with an MH_ code, not the site's HTML pages.
  app.register(async (beacons) => {
    beacons.setErrorHandler((err, request, reply) => {
      const { status, body } = apiErrorReply(err);
      if (status >= 500) request.log.error({ err }, "view beacon failed");
      return reply.code(status).header("cache-control", "no-store").send(body);
    });

    beacons.post<{ Params: { articleId: string } }>(
      "/views/:articleId",
      { bodyLimit: BODY_LIMIT },
      async (request, reply) => {
        const id = request.params.articleId;
        reply.header("cache-control", "no-store");
        const type = request.headers["content-type"];
        if (type !== undefined && !ACCEPTED_TYPES.test(type))
          return reply
            .code(415)
            .send(
              error(
                "MH_UNSUPPORTED_MEDIA",
                `a view beacon's body is JSON or plain text; got '${type.slice(0, 100)}'`,
              ),
            );
        if (!UUID.test(id))
          return reply
            .code(400)
            .send(error("MH_BAD_REQUEST", `article id must be a UUID; got '${id.slice(0, 100)}'`));
        const repeat = readRepeat(request.body);
        if (repeat === undefined)
          return reply
            .code(400)
            .send(
              error("MH_BAD_REQUEST", 'the beacon body must be empty or {"repeat": true|false}'),
            );
        const h = request.headers;
        const userAgent = h["user-agent"];
        const decision = shouldCountView({
          userAgent,
          purpose: [
            h["sec-purpose"] as string | undefined,
            h.purpose as string | undefined,
            h["x-purpose"] as string | undefined,
            h["x-moz"] as string | undefined,
          ],
          repeat,
        });
        // Bots and prefetches learn nothing, not even whether the article exists.
        if (!decision.count && decision.reason !== "repeat") return reply.code(204).send();
        const outcome = decision.count
          ? await counter.view({ articleId: id, address: request.ip, userAgent: userAgent ?? "" })
          : await counter.total(id);
        if (outcome.status === "not-found")
          return reply.code(404).send(error("MH_NOT_FOUND", `no public article with id '${id}'`));
        return { views: outcome.views };
      },
    );

    // Anything but POST is a mistake worth naming, not the site's HTML 404.
    beacons.route({
      method: ["GET", "PUT", "PATCH", "DELETE"],
      url: "/views/:articleId",
      handler: async (request, reply) =>
        reply
          .code(405)
          .header("allow", "POST")
          .header("cache-control", "no-store")
          .send(error("MH_METHOD_NOT_ALLOWED", `a view beacon is a POST; got ${request.method}`)),
    });
  });
  return counter;
}

/** The client's repeat flag from the body; undefined when the body is not a beacon's. */
function readRepeat(body: unknown): boolean | undefined {
  if (body === undefined || body === null || body === "") return false;
  if (typeof body === "string") {
    try {
      return readRepeat(JSON.parse(body) ?? {});
    } catch {
      return undefined;
    }
  }
  if (typeof body !== "object" || Array.isArray(body)) return undefined;
  const repeat = (body as { repeat?: unknown }).repeat;
  if (repeat === undefined) return false;
  return typeof repeat === "boolean" ? repeat : undefined;
}
