import type { FastifyReply, FastifyRequest } from "fastify";
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE } from "./policy.js";

/**
 * Puts a session token in the browser: HttpOnly (scripts cannot read it), SameSite=Lax (not sent
 * on cross-site POSTs), Secure when the request came over HTTPS (directly or, with trustProxy, as
 * the proxy's X-Forwarded-Proto says). It lasts as long as a session can; the server ends idle
 * sessions sooner.
 */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    path: "/",
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

/** Removes the session cookie from the browser. */
export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    path: "/",
  });
}
