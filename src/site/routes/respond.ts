import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.js";
import { DEFAULT_SETTINGS, isDatabaseUnreachable } from "../../content/index.js";
import { getMediaByIds, getSettings, isGone, listSections, type Store } from "../../store/reads.js";
import type { SiteContext } from "../context.js";
import type { CachedPage, PageCache } from "../page-cache.js";
import { renderGonePage, renderNotFoundPage } from "../pages/not-found.js";
import { answerRedirect } from "./redirects.js";

/** What the site's routes are given. */
export interface SiteDeps {
  store: Store;
  config: Config;
  cache: PageCache;
}

/** Browsers and proxies may keep a page but must ask again each time; the ETag makes that a 304. */
export const PAGE_CACHE_CONTROL = "public, max-age=0, must-revalidate";
/** The content type of every page. */
export const HTML = "text/html; charset=utf-8";

/** The last shell each store gave, so that pages shown while its database is down keep the site's name. */
const lastContexts = new WeakMap<Store, SiteContext>();

/** Loads what every page's shell needs. */
export async function loadContext({
  store,
  config,
}: Pick<SiteDeps, "store" | "config">): Promise<SiteContext> {
  const [settings, sections] = await Promise.all([getSettings(store), listSections(store)]);
  const [logo] = settings.logoMediaId ? await getMediaByIds(store, [settings.logoMediaId]) : [];
  const context = { settings, config, sections, ...(logo ? { logo } : {}) };
  lastContexts.set(store, context);
  return context;
}

/** A shell context that needs no database, for error pages when the database is the problem. */
export function fallbackContext(config: Config): SiteContext {
  return { settings: DEFAULT_SETTINGS, config, sections: [] };
}

/**
 * The shell last loaded from `deps.store`, or the defaults when none was yet: for pages shown
 * while the database cannot be asked (it may be minutes out of date, which a status page bears).
 */
export function lastKnownContext({
  store,
  config,
}: Pick<SiteDeps, "store" | "config">): SiteContext {
  return lastContexts.get(store) ?? fallbackContext(config);
}

/**
 * Sends a cached page: headers and the stored bytes, or 304 when the client's copy is current.
 * This is the whole warm path, so it does nothing else.
 */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  contentType = HTML,
): FastifyReply {
  reply.header("cache-control", PAGE_CACHE_CONTROL);
  reply.header("etag", page.etag);
  const inm = request.headers["if-none-match"];
  if (inm?.includes(page.etag)) return reply.code(304).send();
  reply.header("content-type", contentType);
  return reply.send(page.body);
}

/**
 * Sends a cached page whose time to live has passed, because the database is down and it cannot
 * be rendered again: the same bytes and validator, with its Age and a marker saying why.
 */
export function sendStale(
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  ageSeconds: number,
  contentType: string,
): FastifyReply {
  reply.header("age", String(ageSeconds));
  reply.header("x-masthead-stale", "database-unreachable");
  return sendCached(request, reply, page, contentType);
}

/** Sends an uncacheable HTML page with a status. */
export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header("content-type", HTML)
    .header("cache-control", "no-store")
    .send(html);
}

/**
 * Answers an old address: 301 when a redirect says where it lives now, 410 when its content was
 * removed on purpose (e.g. a password-protected post left behind by an import); undefined
 * otherwise, so the caller answers as it would have. `context` gives the 410 page's shell.
 */
export async function answerOldAddress(
  deps: SiteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  context: () => Promise<SiteContext> = () => loadContext(deps),
): Promise<FastifyReply | undefined> {
  if (request.method !== "GET" && request.method !== "HEAD") return undefined;
  // Asked at once with the redirect (on PostgreSQL another pooled connection answers it meanwhile);
  // as for redirects, a 404 must still be a 404 when the database is the problem.
  const gone = isGone(deps.store, request.url).catch(() => false);
  const redirected = await answerRedirect(deps.store, request, reply);
  if (redirected) return redirected;
  return (await gone) ? sendHtml(reply, 410, renderGonePage(await context())) : undefined;
}

/**
 * Answers an address nothing serves: 301 when it moved, 410 when it is gone, else the 404 page.
 * The page's shell is loaded while the redirects are asked, not after, so that consulting them
 * adds next to nothing to a 404 (on PostgreSQL the two travel on separate pooled connections).
 */
export async function answerMissing(
  deps: SiteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  load: () => Promise<SiteContext> = () => loadContext(deps),
): Promise<FastifyReply> {
  const context = load();
  // A 301 never reads it; a failure then must not surface as an unhandled rejection.
  context.catch(() => undefined);
  return (
    (await answerOldAddress(deps, request, reply, () => context)) ??
    sendHtml(reply, 404, renderNotFoundPage(await context))
  );
}

/** Sends the 404 page, unless the address moved (301) or is gone (410). */
export function sendNotFound(deps: SiteDeps, reply: FastifyReply): Promise<FastifyReply> {
  return answerMissing(deps, reply.request, reply);
}

/**
 * Serves `key` from the cache, or renders it (once, however many requests arrive meanwhile),
 * caches and sends it with `contentType`. For documents other than pages (feeds, sitemaps) too:
 * one cache, so the same invalidation drops them. `render` returns undefined for what does not
 * exist: 404.
 */
export function cachedDocument(deps: SiteDeps) {
  const inflight = new Map<string, Promise<CachedPage | undefined>>();
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    contentType: string,
    render: () => Promise<string | undefined>,
  ): Promise<FastifyReply> => {
    const hit = deps.cache.get(key);
    if (hit !== undefined) return sendCached(request, reply, hit, contentType);
    let pending = inflight.get(key);
    if (pending === undefined) {
      pending = render()
        .then((body) => (body === undefined ? undefined : deps.cache.set(key, body)))
        .finally(() => inflight.delete(key));
      inflight.set(key, pending);
    }
    let page: CachedPage | undefined;
    try {
      page = await pending;
    } catch (error) {
      // Stale-if-error: an old copy beats a 503 while the database is down.
      const stale = isDatabaseUnreachable(error) ? deps.cache.getStale(key) : undefined;
      if (stale === undefined) throw error;
      return sendStale(request, reply, stale, deps.cache.ageOf(stale), contentType);
    }
    return page ? sendCached(request, reply, page, contentType) : sendNotFound(deps, reply);
  };
}

/** `cachedDocument` for HTML pages. */
export function cachedPage(deps: SiteDeps) {
  const serve = cachedDocument(deps);
  return (
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    render: () => Promise<string | undefined>,
  ): Promise<FastifyReply> => serve(request, reply, key, HTML, render);
}

/**
 * Reads the `:n` of a `/page/:n` route: a whole number of 2 or more, "redirect" for 1 (whose
 * address is the listing's own), or undefined for anything else (404).
 */
export function parsePageParam(n: string): number | "redirect" | undefined {
  if (!/^[1-9][0-9]{0,5}$/.test(n)) return undefined;
  const page = Number(n);
  return page === 1 ? "redirect" : page;
}
