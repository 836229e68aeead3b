// Every redirect the public site answers carries a Location header a browser can follow: the
// target percent-encoded as UTF-8 (see locationHeader), whichever route set it.
import type { FastifyReply, FastifyRequest } from "fastify";
import { locationHeader } from "../content/index.js";

/**
 * An onSend hook that encodes a Location header set with `reply.redirect` or `reply.header`:
 * a non-ASCII slug would otherwise leave as Latin-1 mojibake, and a control character would make
 * Node refuse the answer (a 500). Encoding twice changes nothing.
 */
export async function encodeLocation(
  _request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  const location = reply.getHeader("location");
  if (typeof location === "string") reply.header("location", locationHeader(location));
  return payload;
}
