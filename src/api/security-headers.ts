// The security headers every answer carries (Content-Security-Policy, anti-framing, nosniff,
// Referrer-Policy, HSTS over HTTPS). helmet builds and checks the header values; they are
// computed once at start and copied onto each reply, because the cached article page answers in
// a few microseconds and building helmet's middleware per request (as @fastify/helmet does)
// costs about 8 µs.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance, FastifyReply, RouteOptions } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * Other sites may show this route in a frame (an embeddable widget, say): its answers carry
     * `frame-ancestors *` and no X-Frame-Options. Set in the route's `config`.
     */
    embeddable?: boolean;
  }
}

/** Content-Security-Policy directives, helmet's camelCase names to lists of sources. */
export type CspDirectives = Record<string, readonly string[]>;

/** Header name (lower case) to value. */
export type HeaderSet = Readonly<Record<string, string>>;

/** HSTS for half a year, this host only: subdomains may be run by other people. */
export const HSTS_MAX_AGE_SECONDS = 15_552_000;

/** What a page policy may change of the common headers. */
export interface PageHeaderOverrides {
  xFrameOptions?: HelmetOptions["xFrameOptions"];
  referrerPolicy?: HelmetOptions["referrerPolicy"];
}

/**
 * The headers helmet sets for `options`, lower-cased. helmet's middleware is run once against a
 * recorder instead of a real response; with static directives it reads nothing from either.
 * @example helmetHeaders({ contentSecurityPolicy: false })["x-content-type-options"] // "nosniff"
 */
export function helmetHeaders(options: HelmetOptions): HeaderSet {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * The header set for pages under `directives`: helmet's defaults with ours, and exactly these
 * directives (no helmet default directive slips in unseen).
 */
export function pageHeaders(
  directives: CspDirectives,
  overrides: PageHeaderOverrides = {},
): HeaderSet {
  // COOP and the rest are helmet's defaults; these differ from them.
  return helmetHeaders({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Feed readers and other sites show our images and media: same-origin would block them.
    crossOriginResourcePolicy: false,
    referrerPolicy: overrides.referrerPolicy ?? { policy: "strict-origin-when-cross-origin" },
    xFrameOptions: overrides.xFrameOptions ?? { action: "sameorigin" },
    // Sent per request, only over HTTPS (see addSecurityHeaders).
    strictTransportSecurity: false,
  });
}

/** What addSecurityHeaders needs. */
export interface SecurityHeaderOptions {
  /** The policy of every answer unless its route overrides it (the public site's). */
  contentSecurityPolicy: CspDirectives;
}

/** The value of Strict-Transport-Security. */
export const HSTS = helmetHeaders({
  contentSecurityPolicy: false,
  strictTransportSecurity: { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false },
})["strict-transport-security"] as string;

/**
 * Puts the security headers on every answer of `app`, including 404s and errors. Call on the
 * root app before registering routes. A route whose `config.embeddable` is true may be framed
 * by any site. HSTS is sent only when the request came over HTTPS, directly or through a proxy
 * `trustProxy` believes: over plain HTTP the header would be ignored at best, and a wrong
 * `X-Forwarded-Proto` from an untrusted client must not pin the host to HTTPS.
 */
export function addSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  const standard = pageHeaders(options.contentSecurityPolicy);
  const embeddable = pageHeaders(
    { ...options.contentSecurityPolicy, frameAncestors: ["*"] },
    { xFrameOptions: false },
  );
  const embeddableCsp = embeddable["content-security-policy"] as string;

  app.addHook("onRequest", (request, reply, done) => {
    reply.headers(standard);
    if (request.protocol === "https") reply.header("strict-transport-security", HSTS);
    done();
  });

  // Decided per route at start, so ordinary routes pay nothing for the option.
  const allowFraming = (_request: unknown, reply: FastifyReply, done: () => void) => {
    reply.header("content-security-policy", embeddableCsp);
    reply.removeHeader("x-frame-options");
    done();
  };
  app.addHook("onRoute", (route: RouteOptions) => {
    if (route.config?.embeddable !== true) return;
    const own = route.onRequest;
    route.onRequest = [
      ...(own === undefined ? [] : Array.isArray(own) ? own : [own]),
      allowFraming,
    ];
  });
}
