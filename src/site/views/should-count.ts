import { isbot } from "isbot";

/** The request facts that decide whether a view beacon counts. */
export interface ViewRequest {
  userAgent: string | undefined;
  /** Headers browsers send on speculative loads: Sec-Purpose, Purpose, X-Purpose, X-Moz. */
  purpose: readonly (string | undefined)[];
  /** The page said the reader already counted for this article today. */
  repeat?: boolean;
}

/** Why a view is or is not counted. */
export type ViewDecision =
  | { count: true }
  | { count: false; reason: "bot" | "no-user-agent" | "prefetch" | "repeat" };

// Chrome sends "prefetch" / "prefetch;prerender", Firefox "prefetch" (X-Moz), Safari "preview".
const SPECULATIVE = /prefetch|prerender|preview/i;

// isbot runs one large regular expression; browsers' user agents repeat, so its verdicts are
// remembered (a bounded map, started afresh when full, so odd user agents cannot grow it).
const botVerdicts = new Map<string, boolean>();
const MAX_VERDICTS = 10_000;

function isBotCached(ua: string): boolean {
  let verdict = botVerdicts.get(ua);
  if (verdict === undefined) {
    verdict = isbot(ua);
    if (botVerdicts.size >= MAX_VERDICTS) botVerdicts.clear();
    botVerdicts.set(ua, verdict);
  }
  return verdict;
}

/** Decides whether a view beacon is a reader's view that should be counted. */
export function shouldCountView(req: ViewRequest): ViewDecision {
  const ua = req.userAgent?.trim();
  if (!ua) return { count: false, reason: "no-user-agent" };
  if (isBotCached(ua)) return { count: false, reason: "bot" };
  if (req.purpose.some((p) => p !== undefined && SPECULATIVE.test(p)))
    return { count: false, reason: "prefetch" };
  if (req.repeat) return { count: false, reason: "repeat" };
  return { count: true };
}
