// The view beacon's rules, apart from any HTTP framework: the Fastify route and the node:http
// fast path (beacon-fast-path.ts) both answer with this, so they cannot drift apart.
import type { IncomingHttpHeaders } from "node:http";
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../../config.js";
import { ERROR_CODES, type ErrorCode } from "../../content/index.js";
import type { Store } from "../../store/index.js";
import { type BeaconGuard, createBeaconGuard } from "./beacon-guard.js";
import { shouldCountView } from "./should-count.js";
import { createViewCounter, type ViewCounter, type ViewSettings } from "./view-counter.js";

/** The largest beacon body read; a real one is a few bytes. */
export const BEACON_BODY_LIMIT = 1024;

// Ids are UUIDs (content/ids.ts); checked here without a schema parse on every beacon.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// fetch() sends JSON; navigator.sendBeacon() sends text/plain.
const ACCEPTED_TYPES = /^(application\/json|text\/plain)\b/i;

/** One beacon as it arrived: the article id from the path, headers and raw body text. */
export interface BeaconRequest {
  articleId: string;
  headers: IncomingHttpHeaders;
  /** Undefined when the request has no body. */
  body: string | undefined;
  /** The reader's address; a function because only well-formed beacons need it (it parses proxies). */
  address: () => string;
}

/** What answers a beacon: the counter, and the guard of its per-address rate limit. */
export interface BeaconServices {
  counter: ViewCounter;
  guard: BeaconGuard;
}

/**
 * The counter and guard for one app, set up from the configuration (views per address, beacons
 * per minute, whether MASTHEAD_TRUST_PROXY was set); `settings` are the tests' clock and timings.
 */
export function createBeaconServices(opts: {
  store: Store;
  config: Pick<Config, "viewsPerAddress" | "viewBeaconsPerMinute" | "trustProxySet">;
  log: Pick<FastifyBaseLogger, "error" | "warn">;
  settings?: ViewSettings;
}): BeaconServices {
  const { store, config, log, settings } = opts;
  return {
    counter: createViewCounter({ perAddress: config.viewsPerAddress, ...settings, store, log }),
    guard: createBeaconGuard({
      perMinute: config.viewBeaconsPerMinute,
      trustProxySet: config.trustProxySet,
      log,
      ...(settings?.clock ? { clock: settings.clock } : {}),
    }),
  };
}

/** The answer: a status, unless 204 a JSON body, and on 429 the seconds to wait (Retry-After). */
export interface BeaconAnswer {
  status: number;
  body?: { views: number } | { error: { code: string; message: string } };
  retryAfter?: number;
}

// Answered, not thrown (the fast path has no error handler), with the catalogue's status.
const refuse = (code: ErrorCode, message: string): BeaconAnswer => ({
  status: ERROR_CODES[code].status,
  body: { error: { code, message } },
});

/** The answer to a body over BEACON_BODY_LIMIT, which is refused before it is read. */
export const BEACON_TOO_LARGE = refuse(
  "MH_TOO_LARGE",
  `a view beacon's body is at most ${BEACON_BODY_LIMIT} bytes`,
);

/**
 * Counts a reader's view (once per visitor, article and UTC day, and at most the cap per address)
 * and answers with the article's total, which the page script shows; bots and prefetches get a
 * bare 204, an address over its rate limit a 429. Synchronous when the article and the day's
 * salt are already in memory, as they are on a busy article.
 */
export function answerBeacon(
  { counter, guard }: BeaconServices,
  req: BeaconRequest,
): BeaconAnswer | Promise<BeaconAnswer> {
  const id = req.articleId;
  const h = req.headers;
  const type = h["content-type"];
  if (type !== undefined && !ACCEPTED_TYPES.test(type))
    return refuse(
      "MH_UNSUPPORTED_MEDIA",
      `a view beacon's body is JSON or plain text; got '${type.slice(0, 100)}'`,
    );
  if (!UUID.test(id))
    return refuse("MH_BAD_REQUEST", `article id must be a UUID; got '${id.slice(0, 100)}'`);
  const repeat = readRepeat(req.body);
  if (repeat === undefined)
    return refuse("MH_BAD_REQUEST", 'the beacon body must be empty or {"repeat": true|false}');
  // Every well-formed beacon counts towards the limit, bots' and repeats' too: the limit is
  // about load, and the cap on views (in the counter) about honest counts.
  const address = req.address();
  const wait = guard.admit(address);
  if (wait > 0)
    return {
      ...refuse(
        "MH_RATE_LIMITED",
        `at most ${guard.perMinute} view beacons a minute are answered from one address; try again in ${wait} s`,
      ),
      retryAfter: wait,
    };
  const userAgent = h["user-agent"];
  const decision = shouldCountView({
    userAgent,
    // The headers browsers send on speculative loads.
    purpose: [
      h["sec-purpose"] as string | undefined,
      h.purpose as string | undefined,
      h["x-purpose"] as string | undefined,
      h["x-moz"] as string | undefined,
    ],
    repeat,
  });
  // Bots and prefetches learn nothing, not even whether the article exists.
  if (!decision.count && decision.reason !== "repeat") return { status: 204 };
  const outcome = decision.count
    ? counter.view({ articleId: id, address, userAgent: userAgent ?? "" })
    : counter.total(id);
  return outcome instanceof Promise ? outcome.then(toAnswer(id)) : toAnswer(id)(outcome);
}

const toAnswer =
  (id: string) =>
  (outcome: Awaited<ReturnType<ViewCounter["view"]>>): BeaconAnswer =>
    outcome.status === "not-found"
      ? refuse("MH_NOT_FOUND", `no public article with id '${id}'`)
      : { status: 200, body: { views: outcome.views } };

/** The client's repeat flag from the body text; undefined when the body is not a beacon's. */
function readRepeat(text: string | undefined): boolean | undefined {
  if (text === undefined || text.trim() === "") return false;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (body === null) return false;
  if (typeof body !== "object" || Array.isArray(body)) return undefined;
  const repeat = (body as { repeat?: unknown }).repeat;
  if (repeat === undefined) return false;
  return typeof repeat === "boolean" ? repeat : undefined;
}
