// Per-address limits on view beacons, kept in this instance's memory: the beacon is the busiest
// request, answered without touching the database, and a shared counter would cost it a round
// trip. With several instances behind a load balancer an address can therefore send up to the
// limit to each of them; what it can add to the view counts is capped in the database instead
// (view-counter.ts, MASTHEAD_VIEWS_PER_ADDRESS).
import type { FastifyBaseLogger } from "fastify";
import { addressGroup, isPrivateAddress } from "./address-group.js";

/** How a guard is set up. */
export interface BeaconGuardOptions {
  /** Beacons answered per address (IPv6: per /64) and minute. */
  perMinute: number;
  /** Whether MASTHEAD_TRUST_PROXY was set; when it was not, a private address earns a warning. */
  trustProxySet: boolean;
  log: Pick<FastifyBaseLogger, "warn">;
  /** The time; tests move it past the minute. */
  clock?: () => Date;
}

/** Decides, per beacon, whether its address has sent too many this minute. */
export interface BeaconGuard {
  /** 0 when a beacon from `address` may be answered now, else the seconds until one may. */
  admit(address: string): number;
  /** The limit, for the refusal's message. */
  readonly perMinute: number;
}

const WINDOW_MS = 60_000;
// Each address seen this minute costs an entry: past this many the minute starts afresh, so a
// flood of made-up addresses cannot grow memory (it could reset the counts, but whoever holds
// that many addresses is not slowed by a per-address limit anyway).
const MAX_ADDRESSES = 200_000;

/**
 * Creates a guard counting beacons per address in fixed one-minute windows (an address can send
 * up to twice the limit across the turn of a minute). Addresses are held in memory for at most
 * that minute, never stored or logged.
 */
export function createBeaconGuard(opts: BeaconGuardOptions): BeaconGuard {
  const { perMinute, log } = opts;
  // Date.now() unless a test sets the clock: no Date object per beacon.
  const clock = opts.clock;
  let warned = opts.trustProxySet;
  let windowEnd = Number.NEGATIVE_INFINITY;
  let counts = new Map<string, number>();

  function firstThisMinute(address: string): void {
    // Checked once per address and minute, not per beacon: the check parses the address.
    if (warned || !isPrivateAddress(address)) return;
    warned = true;
    log.warn(
      { address },
      "view beacons arrive from a private or loopback address and MASTHEAD_TRUST_PROXY is not set: if Masthead is behind a proxy or load balancer that is not on this machine, every reader has its address, so views are capped and beacons rate-limited as if they were one reader. Set MASTHEAD_TRUST_PROXY to the proxy's address or range (see README, Configuration)",
    );
  }

  return {
    perMinute,
    admit(address) {
      const now = clock ? clock().getTime() : Date.now();
      if (now >= windowEnd || counts.size >= MAX_ADDRESSES) {
        windowEnd = now - (now % WINDOW_MS) + WINDOW_MS;
        counts = new Map();
      }
      const key = addressGroup(address);
      const n = counts.get(key);
      if (n === undefined) {
        counts.set(key, 1);
        firstThisMinute(address);
        return 0;
      }
      if (n >= perMinute) return Math.max(1, Math.ceil((windowEnd - now) / 1000));
      counts.set(key, n + 1);
      return 0;
    },
  };
}
