import type { FastifyRequest } from "fastify";
import { StaleError } from "../../content/index.js";

/**
 * The version the client says it read: `version` in the body, else an `If-Match: "<n>"` header;
 * undefined when it says neither. For services that refuse an unversioned edit themselves, with
 * the current version they read in their transaction.
 */
export function versionClaimed(
  request: FastifyRequest,
  body: { version?: number | undefined } | undefined,
): number | undefined {
  if (body?.version !== undefined) return body.version;
  const match = request.headers["if-match"]?.match(/^(?:W\/)?"?(\d+)"?$/);
  return match ? Number(match[1]) : undefined;
}

/**
 * The version the client read: `version` in the body, else an `If-Match: "<n>"` header. Without
 * either the update is refused as stale (409 MH_STALE, naming the current version): a client that
 * does not say what it read could overwrite someone else's save.
 */
export function versionRead(
  request: FastifyRequest,
  body: { version?: number | undefined } | undefined,
  current: { entity: string; id: string; version: number },
): number {
  const claimed = versionClaimed(request, body);
  if (claimed !== undefined) return claimed;
  throw new StaleError(current.entity, current.id, current.version, false);
}
