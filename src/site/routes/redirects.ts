// Old links: before the site answers 404 (and on `/` when the query names WordPress content), a
// stored redirect may say where the content lives now. The store does the lookup; this answers.
import type { FastifyReply, FastifyRequest } from "fastify";
import {
  isDatabaseUnreachable,
  locationHeader,
  WORDPRESS_QUERY_KEYS,
} from "../../content/index.js";
import { findRedirect, type Store } from "../../store/reads.js";

/**
 * Browsers keep a 301 as long as they are told, and editors can remove a redirect: an hour bounds
 * how long a removed one can linger in a reader's browser or a proxy.
 */
export const REDIRECT_CACHE_CONTROL = "public, max-age=3600";

/**
 * Answers 301 to where the requested address now lives, if a redirect covers it (GET and HEAD
 * only); undefined when none does or the lookup failed, so the caller answers as it would have.
 */
export async function answerRedirect(
  store: Store,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  if (request.method !== "GET" && request.method !== "HEAD") return undefined;
  let target: string | undefined;
  try {
    target = await findRedirect(store, request.url);
  } catch (error) {
    // While the database is down nobody knows whether the address moved: 503, not 404 (a crawler
    // retries a 503, and drops a 404). Otherwise a 404 must still be a 404.
    if (isDatabaseUnreachable(error)) throw error;
    request.log.warn({ err: error }, "redirect lookup failed");
    return undefined;
  }
  if (target === undefined) return undefined;
  return reply
    .code(301)
    .header("location", locationHeader(target))
    .header("cache-control", REDIRECT_CACHE_CONTROL)
    .send();
}

/** Whether a request for `/` carries a WordPress content query (`?p=123`, `?cat=4`, …). */
export function hasWordPressQuery(url: string): boolean {
  const q = url.indexOf("?");
  if (q < 0) return false;
  const params = new URLSearchParams(url.slice(q + 1));
  return WORDPRESS_QUERY_KEYS.some((key) => params.has(key));
}
