// The view beacon straight from node:http, ahead of Fastify's router. A beacon is the one request
// every article view sends, and Fastify's per-request work (request and reply objects, a child
// logger, hooks, the router) cost more than counting the view itself: measured in bench/.
import type { IncomingMessage, ServerResponse } from "node:http";
import proxyAddr from "@fastify/proxy-addr";
import type { FastifyBaseLogger } from "fastify";
import { apiErrorReply } from "../../http/error-reply.js";
import {
  answerBeacon,
  BEACON_BODY_LIMIT,
  BEACON_TOO_LARGE,
  type BeaconAnswer,
  type BeaconServices,
} from "../views/beacon.js";

/** A handler that takes a request (and answers it) or returns false to leave it to Fastify. */
export type FastPath = (request: IncomingMessage, response: ServerResponse) => boolean;

const PREFIX = "/views/";
const JSON_TYPE = "application/json; charset=utf-8";

/** What the fast path needs besides the counter. */
export interface BeaconFastPathOptions {
  /** Whom to believe about the client's address in X-Forwarded-For, as Fastify's trustProxy. */
  trustProxy: boolean | string[];
  log: Pick<FastifyBaseLogger, "error">;
}

/**
 * Answers POST /views/:articleId exactly as the Fastify route does (both use answerBeacon);
 * every other request, and any beacon URL it is unsure of, is left to Fastify.
 */
export function createBeaconFastPath(
  services: BeaconServices,
  { trustProxy, log }: BeaconFastPathOptions,
): FastPath {
  // The same address Fastify's request.ip gives (it uses @fastify/proxy-addr too).
  const trust =
    trustProxy === true
      ? () => true
      : trustProxy === false
        ? undefined
        : proxyAddr.compile(trustProxy);
  const addressOf = (request: IncomingMessage) =>
    trust ? proxyAddr(request, trust) : (request.socket.remoteAddress ?? "");

  // What every answer carries, as the Fastify route's would (its security headers hook included).
  const NO_BODY_HEADERS = { "cache-control": "no-store", "x-content-type-options": "nosniff" };
  const reply = (response: ServerResponse, answer: BeaconAnswer) => {
    if (answer.body === undefined) {
      response.writeHead(answer.status, NO_BODY_HEADERS);
      response.end();
      return;
    }
    const json = JSON.stringify(answer.body);
    if (answer.retryAfter !== undefined)
      response.setHeader("retry-after", String(answer.retryAfter));
    response.writeHead(answer.status, {
      "content-type": JSON_TYPE,
      ...NO_BODY_HEADERS,
      "content-length": Buffer.byteLength(json),
    });
    response.end(json);
  };

  const answer = (
    request: IncomingMessage,
    response: ServerResponse,
    articleId: string,
    body: string | undefined,
  ) => {
    try {
      const result = answerBeacon(services, {
        articleId,
        headers: request.headers,
        body,
        address: () => addressOf(request),
      });
      if (!(result instanceof Promise)) return reply(response, result);
      result.then(
        (a) => reply(response, a),
        (err) => failed(response, err),
      );
    } catch (err) {
      failed(response, err);
    }
  };

  // As the Fastify route's error handler answers: 503 and Retry-After while the database is down.
  const failed = (response: ServerResponse, err: unknown) => {
    log.error({ err }, "view beacon failed");
    if (response.headersSent) return response.destroy();
    const { status, body, headers } = apiErrorReply(err);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    reply(response, { status, body });
  };

  return (request, response) => {
    const url = request.url;
    if (request.method !== "POST" || url === undefined || !url.startsWith(PREFIX)) return false;
    const query = url.indexOf("?", PREFIX.length);
    const articleId = url.slice(PREFIX.length, query === -1 ? undefined : query);
    // Further segments and escapes are the router's to decode and refuse.
    if (articleId.includes("/") || articleId.includes("%")) return false;

    const length = request.headers["content-length"];
    const chunked = request.headers["transfer-encoding"] !== undefined;
    if (!chunked && (length === undefined || length === "0")) {
      answer(request, response, articleId, undefined);
      return true;
    }
    if (Number(length) > BEACON_BODY_LIMIT) {
      tooLarge(response);
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BEACON_BODY_LIMIT) return void chunks.push(chunk);
      request.off("data", onData).off("end", onEnd).resume();
      tooLarge(response);
    };
    const onEnd = () =>
      answer(request, response, articleId, Buffer.concat(chunks).toString("utf8"));
    request.on("data", onData).on("end", onEnd);
    // An aborted upload has nobody to answer.
    request.on("error", () => undefined);
    return true;
  };

  function tooLarge(response: ServerResponse) {
    // The rest of an oversize body is not worth reading: close the connection after the answer.
    response.setHeader("connection", "close");
    reply(response, BEACON_TOO_LARGE);
  }
}
