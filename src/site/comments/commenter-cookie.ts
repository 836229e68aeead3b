// The commenter cookie: read on the comment form's POST, set on its answer, nowhere else.
import { fastifyCookie } from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import { COMMENTER_COOKIE, COMMENTER_COOKIE_MAX_AGE_S, COMMENTER_COOKIE_PATH } from "./policy.js";

/** The commenter token the request's cookie carries, unchecked; undefined when there is none. */
export function commenterCookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header?.includes(`${COMMENTER_COOKIE}=`)) return undefined;
  return fastifyCookie.parse(header)[COMMENTER_COOKIE] || undefined;
}

/**
 * Gives the browser its commenter token: HttpOnly (no script reads it), SameSite=Lax (other
 * sites' forms do not carry it), Secure when the request came over HTTPS (directly or, with
 * trustProxy, as the proxy's X-Forwarded-Proto says), for a year from this comment. Only the
 * comment POST's answer calls this: never a GET, so no cached page carries a Set-Cookie.
 */
export function setCommenterCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): void {
  reply.header(
    "set-cookie",
    fastifyCookie.serialize(COMMENTER_COOKIE, token, {
      httpOnly: true,
      sameSite: "lax",
      secure: request.protocol === "https",
      path: COMMENTER_COOKIE_PATH,
      maxAge: COMMENTER_COOKIE_MAX_AGE_S,
    }),
  );
}
