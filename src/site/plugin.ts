import fastifyCookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config.js";
import { isDatabaseUnreachable } from "../content/index.js";
import { apiErrorReply } from "../http/error-reply.js";
import type { Store } from "../store/reads.js";
import { createLiveHub, type LiveHub } from "./live/hub.js";
import { encodeLocation } from "./location.js";
import { createPageCache, type PageCache } from "./page-cache.js";
import { renderBadRequestPage, renderErrorPage, renderUnavailablePage } from "./pages/error.js";
import { renderNotFoundPage } from "./pages/not-found.js";
import { registerArticleRoutes } from "./routes/article.js";
import { registerCommenterEmailRoutes } from "./routes/commenter-email.js";
import { registerFeedRoutes } from "./routes/feeds.js";
import { registerListingRoutes } from "./routes/listings.js";
import { registerLiveUpdateRoutes } from "./routes/live-updates.js";
import { registerNewsletterRoutes } from "./routes/newsletter.js";
import { registerNewsletterArchiveRoutes } from "./routes/newsletter-archive.js";
import { registerPageRoutes } from "./routes/page.js";
import { registerPreviewRoutes } from "./routes/preview.js";
import {
  answerMissing,
  lastKnownContext,
  loadContext,
  type SiteDeps,
  sendHtml,
} from "./routes/respond.js";
import { registerSearchRoutes } from "./routes/search.js";
import { registerSitemapRoutes } from "./routes/sitemaps.js";
import { registerStaticRoutes } from "./routes/static.js";
import { registerViewRoutes } from "./routes/views.js";
import { type BeaconServices, createBeaconServices } from "./views/beacon.js";

export { createPageCache, type PageCache } from "./page-cache.js";
export { renderArticlePage } from "./pages/article.js";

/** Options of the public site plugin. */
export interface SitePluginOptions {
  store: Store;
  config: Config;
  /**
   * The rendered-page cache. Pass one that the change events' consumer also holds
   * (pageCacheConsumer), so every write drops the pages it changed; by default the plugin makes
   * its own.
   */
  pageCache?: PageCache;
  /** The view counter and beacon guard (buildServer shares them with its fast path); by default the plugin makes its own. */
  beacons?: BeaconServices;
  /**
   * The readers of live articles on this instance. Pass the one the change events' consumer
   * (liveUpdatesConsumer) also holds, so changes reach them; by default the plugin makes its own.
   */
  live?: LiveHub;
  /** URLs per sitemap file (default 50,000); tests set a few to see the sitemap index. */
  sitemapChunkSize?: number;
}

async function contextOrFallback(deps: SiteDeps) {
  try {
    return await loadContext(deps);
  } catch {
    return lastKnownContext(deps);
  }
}

/**
 * The public site: home, article, section, author and tracker pages, comments, the view beacon,
 * static assets and media, with its own 404 and error pages. Register on any Fastify app.
 */
export const sitePlugin: FastifyPluginAsync<SitePluginOptions> = async (app, opts) => {
  const deps: SiteDeps = {
    store: opts.store,
    config: opts.config,
    cache: opts.pageCache ?? createPageCache(),
  };
  await app.register(formbody);
  // Comment forms read and set cookies; server.ts has registered the parser with the admin API.
  if (!app.hasDecorator("parseCookie")) await app.register(fastifyCookie);
  app.addHook("onSend", encodeLocation);
  await registerStaticRoutes(app, deps);
  registerListingRoutes(app, deps);
  registerArticleRoutes(app, deps);
  registerCommenterEmailRoutes(app, deps);
  registerPreviewRoutes(app, deps);
  registerLiveUpdateRoutes(app, { ...deps, live: opts.live ?? createLiveHub() });
  registerSearchRoutes(app, deps);
  registerNewsletterArchiveRoutes(app, deps);
  registerNewsletterRoutes(app, deps);
  registerViewRoutes(
    app,
    opts.beacons ?? createBeaconServices({ store: opts.store, config: opts.config, log: app.log }),
  );
  registerFeedRoutes(app, deps);
  registerSitemapRoutes(app, deps, { chunkSize: opts.sitemapChunkSize });
  // Last: `/:slug` takes only what no route above serves (Fastify prefers fixed paths anyway).
  registerPageRoutes(app, deps);

  // Before any 404, an old address may have moved (301) or be gone (410).
  app.setNotFoundHandler((request, reply) =>
    answerMissing(deps, request, reply, () => contextOrFallback(deps)),
  );

  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // A Range past the end of a /media/ file (@fastify/send's 416): players need that status
    // and the file's size in Content-Range to ask again, not a page.
    if (error.statusCode === 416) return reply.code(416).headers(rangeHeaders(error)).send();
    // The database is down: 503 with Retry-After, its page made from memory without asking again.
    if (isDatabaseUnreachable(error)) {
      request.log.warn({ err: error }, "public site request failed: database unreachable");
      const { status, body, headers } = apiErrorReply(error);
      reply.headers(headers);
      if (request.url.startsWith("/views/")) return reply.code(status).send(body);
      return sendHtml(reply, status, renderUnavailablePage(lastKnownContext(deps)));
    }
    // The status comes from the catalogue, as the APIs' does; the site shows it as a page.
    const { status, body, headers } = apiErrorReply(error);
    if (status >= 500) request.log.error({ err: error }, "public site request failed");
    if (request.url.startsWith("/views/")) return reply.code(status).headers(headers).send(body);
    const ctx = await contextOrFallback(deps);
    if (status === 404) return sendHtml(reply, 404, renderNotFoundPage(ctx));
    if (status < 500)
      return sendHtml(
        reply,
        status,
        renderBadRequestPage(ctx, "The request could not be read. Please go back and try again."),
      );
    return sendHtml(reply, 500, renderErrorPage(ctx));
  });
};

// The Content-Range header (bytes */<size>) that @fastify/send puts on its 416 error.
function rangeHeaders(error: unknown): Record<string, string> {
  const headers = (error as { headers?: Record<string, unknown> }).headers ?? {};
  const range = headers["Content-Range"] ?? headers["content-range"];
  return typeof range === "string" ? { "content-range": range } : {};
}
