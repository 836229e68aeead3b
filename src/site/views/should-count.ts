import { isbot } from "isbot";
import { boundedMemo } from "./bounded-memo.js";

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
// remembered.
const isBotCached = boundedMemo(isbot);

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
