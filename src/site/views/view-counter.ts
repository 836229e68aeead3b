// Counts views in memory and writes them to the store in batches. The beacon's hot path touches
// no database once an article and the day's salt are known: dedup runs against an in-memory set
// of today's visitor hashes, and the store's table of hashes settles what another instance (or
// this one before a restart) already counted when the batch is written. One address (an IPv6
// /64) counts at most `perAddress` times per article and day whatever its user agents: here for
// this instance, and in the store for all of them.
import type { FastifyBaseLogger } from "fastify";
import { isPublic } from "../../content/index.js";
import {
  daySalt,
  forgetVisitorsBefore,
  getViewTarget,
  type PendingView,
  recordViews,
  type Store,
} from "../../store/index.js";
import { addressGroup } from "./address-group.js";
import { addressKey, newSalt, utcDay, visitorHash } from "./visitor-hash.js";

/** How the counter is set up; everything but the store has a default. */
export interface ViewCounterOptions {
  store: Store;
  /** The time; tests move it across midnight. */
  clock?: () => Date;
  /** How often pending views are written; at most this much is lost in a crash. */
  flushIntervalMs?: number;
  /** How long an article's visibility (and stored total) is trusted before it is read again. */
  articleTtlMs?: number;
  /** Beyond this many remembered hashes the in-memory set starts afresh (the store still dedups). */
  maxRemembered?: number;
  /** Views one address (IPv6: one /64) counts per article and UTC day; 10 unless set. */
  perAddress?: number;
  log?: Pick<FastifyBaseLogger, "error">;
}

/** How a counter runs (see ViewCounterOptions); tests set the clock and flush interval. */
export type ViewSettings = Omit<ViewCounterOptions, "store" | "log">;

/** One beacon's facts. */
export interface ViewInput {
  articleId: string;
  address: string;
  userAgent: string;
}

/**
 * What became of a beacon: counted, already counted today, not counted because its address
 * reached its cap for the article today, or no such public article.
 */
export type ViewOutcome =
  | { status: "counted" | "repeat" | "capped"; views: number }
  | { status: "not-found" };

/** The view counter the beacon route uses. */
export interface ViewCounter {
  /**
   * Counts a reader's view unless this visitor already viewed the article today or its address
   * reached its cap for the article today.
   */
  view(input: ViewInput): ViewOutcome | Promise<ViewOutcome>;
  /** The article's total as this instance knows it, or not-found when it is not public. */
  total(articleId: string): Promise<ViewOutcome>;
  /** Writes every pending view now, in one transaction. */
  flush(): Promise<void>;
  /** Starts the periodic flush. */
  start(): void;
  /** Stops the periodic flush and writes what is pending (logging, not throwing, a failure). */
  close(): Promise<void>;
  /** Views held in memory, not yet written. */
  pendingCount(): number;
  /**
   * Forgets whether an article is public (it was published, unpublished, deleted…): the next
   * beacon for it reads it again. Views already counted stay pending and are written.
   */
  forget(articleId: string): void;
  /** Forgets whether any article is public (change events may have been missed). */
  forgetAll(): void;
}

interface ArticleEntry {
  public: boolean;
  /** The stored total when last read or flushed. */
  base: number;
  /** Views counted here and not yet written / being written. */
  pending: number;
  inFlight: number;
  checkedAt: number;
  /** Bumped when a flush sets `base`, so an older read does not overwrite it. */
  version: number;
  /** Bumped by forget(), so a read begun before the change is not trusted after it. */
  generation: number;
  loading?: Promise<void>;
}

const MAX_ARTICLES = 50_000;
const DAY_MS = 86_400_000;
const NOT_FOUND: ViewOutcome = { status: "not-found" };

/** Creates a view counter on `store`; call start() to flush periodically and close() to finish. */
export function createViewCounter(opts: ViewCounterOptions): ViewCounter {
  const { store } = opts;
  const clock = opts.clock ?? (() => new Date());
  const flushIntervalMs = opts.flushIntervalMs ?? 1000;
  const articleTtlMs = opts.articleTtlMs ?? 5000;
  const maxRemembered = opts.maxRemembered ?? 1_000_000;
  const perAddress = opts.perAddress ?? 10;

  const articles = new Map<string, ArticleEntry>();
  let salt: { day: string; value: Promise<string>; known?: string } | undefined;
  let dayStart = Number.NEGATIVE_INFINITY;
  let dayName = "";
  let seenDay = "";
  let seen = new Set<string>();
  /** Views counted here today per address key (address group, article, day). */
  let perAddressCounted = new Map<string, number>();
  let pending = new Map<string, PendingView>();
  let flushing: Promise<void> | undefined;
  let purgedDay = "";
  let timer: NodeJS.Timeout | undefined;

  const shown = (e: ArticleEntry) => e.base + e.inFlight + e.pending;

  async function load(id: string, entry: ArticleEntry): Promise<void> {
    const version = entry.version;
    const generation = entry.generation;
    const inFlight = entry.inFlight;
    const target = await getViewTarget(store, id);
    // The article changed while this read ran: what it read may be from before the change.
    if (entry.generation !== generation) return;
    entry.public = target !== undefined && isPublic(target, clock());
    // A flush that ran meanwhile already set a fresher base; one in progress may or may not be
    // in what was read.
    if (target && entry.version === version && inFlight === 0 && entry.inFlight === 0)
      entry.base = target.total;
    entry.checkedAt = Date.now();
  }

  function evict(): void {
    // Unknown ids (a scan of random UUIDs) must not grow memory without bound.
    for (const [id, e] of articles) {
      if (articles.size < MAX_ARTICLES) return;
      if (e.pending === 0 && e.inFlight === 0 && !e.loading) articles.delete(id);
    }
  }

  async function article(id: string): Promise<ArticleEntry> {
    let entry = articles.get(id);
    if (!entry) {
      evict();
      entry = {
        public: false,
        base: 0,
        pending: 0,
        inFlight: 0,
        checkedAt: 0,
        version: 0,
        generation: 0,
      };
      articles.set(id, entry);
    }
    if (Date.now() - entry.checkedAt < articleTtlMs) return entry;
    const e = entry;
    // Read again when forget() came during the read: the answer must be from after the change.
    for (let generation = -1; generation !== e.generation; ) {
      generation = e.generation;
      if (!e.loading) {
        const loading: Promise<void> = load(id, e).finally(() => {
          if (e.loading === loading) e.loading = undefined;
        });
        e.loading = loading;
      }
      await e.loading;
    }
    return e;
  }

  /** Makes the next beacon for `entry` read the article again, even one whose read is under way. */
  function markStale(entry: ArticleEntry): void {
    entry.checkedAt = Number.NEGATIVE_INFINITY;
    entry.generation++;
    entry.loading = undefined;
  }

  function saltFor(day: string): Promise<string> {
    if (salt?.day !== day) {
      const value = daySalt(store, day, newSalt());
      const current: { day: string; value: Promise<string>; known?: string } = { day, value };
      salt = current;
      value.then(
        (known) => {
          current.known = known;
        },
        () => undefined,
      );
      // A failed read is retried by the next beacon rather than remembered.
      value.catch(() => {
        if (salt?.value === value) salt = undefined;
      });
    }
    return salt.value;
  }

  /** Today (UTC) by the clock, recomputed only when the clock leaves the remembered day. */
  function today(): string {
    const ms = clock().getTime();
    if (ms < dayStart || ms >= dayStart + DAY_MS) {
      dayStart = ms - (ms % DAY_MS);
      dayName = utcDay(new Date(dayStart));
    }
    return dayName;
  }

  function count(entry: ArticleEntry, daySaltValue: string, day: string, input: ViewInput) {
    if (!entry.public) return NOT_FOUND;
    const key = visitorHash(daySaltValue, {
      day,
      address: input.address,
      userAgent: input.userAgent,
      articleId: input.articleId,
    });
    if (seenDay !== day || seen.size >= maxRemembered) {
      seenDay = day;
      seen = new Set();
      perAddressCounted = new Map();
    }
    if (seen.has(key)) return { status: "repeat" as const, views: shown(entry) };
    const address = addressKey(daySaltValue, {
      day,
      group: addressGroup(input.address),
      articleId: input.articleId,
    });
    const counted = perAddressCounted.get(address) ?? 0;
    // Not remembered as seen: the visitor was not counted, and a pending view would be a row.
    if (counted >= perAddress) return { status: "capped" as const, views: shown(entry) };
    perAddressCounted.set(address, counted + 1);
    seen.add(key);
    pending.set(`${day} ${key}`, {
      day,
      hash: key,
      addressKey: address,
      place: counted,
      articleId: input.articleId,
    });
    entry.pending++;
    return { status: "counted" as const, views: shown(entry) };
  }

  // The hot path is synchronous: a known, recently checked article and today's salt in hand.
  function view(input: ViewInput): ViewOutcome | Promise<ViewOutcome> {
    const day = today();
    const entry = articles.get(input.articleId);
    if (entry && Date.now() - entry.checkedAt < articleTtlMs && salt?.day === day && salt.known)
      return count(entry, salt.known, day, input);
    return slowView(input, day);
  }

  async function slowView(input: ViewInput, day: string): Promise<ViewOutcome> {
    const entry = await article(input.articleId);
    if (!entry.public) return NOT_FOUND;
    return count(entry, await saltFor(day), day, input);
  }

  async function total(articleId: string): Promise<ViewOutcome> {
    const entry = await article(articleId);
    return entry.public ? { status: "repeat", views: shown(entry) } : { status: "not-found" };
  }

  async function writeBatch(): Promise<void> {
    const batch = [...pending.values()];
    pending = new Map();
    const perArticle = new Map<string, number>();
    for (const v of batch) perArticle.set(v.articleId, (perArticle.get(v.articleId) ?? 0) + 1);
    for (const [id, n] of perArticle) {
      const e = articles.get(id);
      if (e) {
        e.pending -= n;
        e.inFlight += n;
      }
    }
    try {
      const { totals } = await recordViews(store, batch, { perAddress });
      for (const [id, n] of perArticle) {
        const e = articles.get(id);
        if (!e) continue;
        e.inFlight -= n;
        e.base = totals.get(id) ?? e.base;
        e.version++;
      }
    } catch (err) {
      // Nothing was written (one transaction): put the batch back for the next flush.
      for (const v of batch) {
        const k = `${v.day} ${v.hash}`;
        if (!pending.has(k)) pending.set(k, v);
      }
      for (const [id, n] of perArticle) {
        const e = articles.get(id);
        if (e) {
          e.inFlight -= n;
          e.pending += n;
        }
      }
      throw err;
    }
    const day = today();
    if (purgedDay !== day) {
      await forgetVisitorsBefore(store, day);
      purgedDay = day;
      if (salt && salt.day < day) salt = undefined;
    }
  }

  async function flush(): Promise<void> {
    // Flushes run one at a time; a flush asked for during another runs after it.
    while (flushing) await flushing.catch(() => undefined);
    flushing = writeBatch();
    try {
      await flushing;
    } finally {
      flushing = undefined;
    }
  }

  return {
    view,
    total,
    flush,
    pendingCount: () => pending.size,
    forget(articleId) {
      const entry = articles.get(articleId);
      if (!entry) return;
      // Its pending views still belong to it: the entry stays, only its answer is dropped.
      if (entry.pending === 0 && entry.inFlight === 0 && !entry.loading) articles.delete(articleId);
      else markStale(entry);
    },
    forgetAll() {
      for (const [id, entry] of articles)
        if (entry.pending === 0 && entry.inFlight === 0 && !entry.loading) articles.delete(id);
        else markStale(entry);
    },
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (flushing) return;
        if (pending.size === 0 && purgedDay === today()) return;
        flush().catch((err) => opts.log?.error({ err }, "writing view counts failed; will retry"));
      }, flushIntervalMs);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      try {
        await flush();
      } catch (err) {
        // Said loudly, but the app's other shutdown work still runs.
        opts.log?.error(
          { err },
          `could not write ${pending.size} views at shutdown; they are lost`,
        );
      }
    },
  };
}
