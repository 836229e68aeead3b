// GET /articles/:slug/live-updates: a live article's changes as server-sent events, for
// assets/live.js. A reader joins this instance's live hub; what changes afterwards reaches it
// through the change events (live/consumer.ts). On connecting it gets what changed since the
// time it names (the Last-Event-ID header a reconnecting EventSource sends, or `?since=` from the
// page it was served) and a `sync` with every current id and the coverage state.
import type { FastifyInstance } from "fastify";
import { isSlug } from "../../content/index.js";
import {
  findPublicLiveArticle,
  getLiveCoverage,
  listLiveUpdates,
  liveUpdateIds,
} from "../../store/reads.js";
import { type LiveHub, writeTo } from "../live/hub.js";
import { liveRenderOptions, syncMessage, updateMessages } from "../live/messages.js";
import type { SiteDeps } from "./respond.js";

/**
 * Catch-up asks for a little more than the reader saw: another instance's clock may run behind,
 * and a change may commit a moment after its time was taken. Updates sent twice replace themselves.
 */
const CATCH_UP_MARGIN_MS = 5_000;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 3_000;
/** What a reader is told to wait when this instance has all the readers it takes. */
const FULL_RETRY_AFTER_SECONDS = 30;

/** The time to catch up from: the header's, else the query's; undefined when neither is a time. */
function sinceOf(header: unknown, query: unknown): string | undefined {
  const raw =
    typeof header === "string" && header !== ""
      ? header
      : typeof query === "string"
        ? query
        : undefined;
  if (!raw) return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : new Date(ms - CATCH_UP_MARGIN_MS).toISOString();
}

/** Registers the live event stream of live articles. */
export function registerLiveUpdateRoutes(
  app: FastifyInstance,
  deps: SiteDeps & { live: LiveHub },
): void {
  const { store, live } = deps;
  app.get<{ Params: { slug: string }; Querystring: { since?: string } }>(
    "/articles/:slug/live-updates",
    async (request, reply) => {
      const { slug } = request.params;
      const articleId = isSlug(slug) ? await findPublicLiveArticle(store, slug) : undefined;
      if (!articleId)
        return reply
          .code(404)
          .type("text/plain; charset=utf-8")
          .send("No live article is published at this address.");
      const raw = reply.raw;
      // Joined before catching up, so nothing that commits meanwhile is missed (at worst sent twice).
      if (!live.join(articleId, raw))
        return reply
          .code(503)
          .header("retry-after", String(FULL_RETRY_AFTER_SECONDS))
          .type("text/plain; charset=utf-8")
          .send("Too many readers are following live coverage here; try again shortly.");
      // From here on the response is a stream the hub writes to; Fastify lets go of it.
      reply.hijack();
      raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        // Proxies such as nginx would otherwise hold messages back in their buffers.
        "x-accel-buffering": "no",
      });
      writeTo(raw, `retry: ${RETRY_MS}\n\n`);
      try {
        const since = sinceOf(request.headers["last-event-id"], request.query.since);
        const options = await liveRenderOptions(store, deps.config);
        const [changed, ids, coverage] = await Promise.all([
          since ? listLiveUpdates(store, articleId, { changedSince: since }) : [],
          liveUpdateIds(store, articleId),
          getLiveCoverage(store, articleId),
        ]);
        // Oldest first, so each lands where it belongs and the last id is the newest change.
        const ordered = [...changed].sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1));
        for (const message of await updateMessages(store, options, ordered)) writeTo(raw, message);
        writeTo(raw, syncMessage(ids, coverage, options));
      } catch (error) {
        request.log.warn({ err: error }, "live stream catch-up failed");
        raw.end();
      }
      return reply;
    },
  );
}
