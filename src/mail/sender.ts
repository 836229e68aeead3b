// The sender: takes due rows from the outbox in batches under a lease, sends them over the pooled
// SMTP transport, and records each outcome. A row is marked sent only after the server took it,
// so a process killed mid-batch leaves its rows leased; once the lease runs out any sender sends
// them again with the same Message-ID: at most the batch in flight goes twice, nothing is lost.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { MailConfig } from "../config.js";
import type { ChangeConsumer } from "../content/change-events.js";
import { safeDisplayName, safeSubject } from "../content/email-address.js";
import {
  type ClaimedMail,
  claimDueMail,
  deferMail,
  type EditionContent,
  editionContent,
  finishMail,
  markMailSent,
  releaseMailLeases,
  rescheduleMail,
  type Store,
  type SubscriberForMail,
  subscriberSecrets,
  suppressAddress,
  suppressedAmong,
  suppressionKey,
  transact,
} from "../store/index.js";
import { listUnsubscribeHeaders, subscriberLinks } from "./links.js";
import { personalize } from "./render/index.js";
import type { MailTransport, OutgoingMail, SmtpError } from "./transport.js";

/** Where the sender logs (pino's shape). */
export interface SenderLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What a sender works with. */
export interface MailSenderOptions {
  store: Store;
  config: { mail: MailConfig; publicUrl: string };
  transport: MailTransport;
  log: SenderLog;
  /** Rows claimed at a time (default 100; fewer when the rate is low, to fit in the lease). */
  batchSize?: number;
  /** How long a claimed row is this sender's (default 2 min); a crashed sender's rows wait this long. */
  leaseMs?: number;
  /** The wait between looks at an empty outbox (default 1 s); `wake` cuts it short. */
  pollMs?: number;
  /** Told the editions whose rows a batch sent (src/services/editions.ts settleEditions). */
  settleEditions: (editionIds: readonly string[]) => Promise<void>;
  /** Temporary failures before a message is given up (default MAIL_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /**
   * The process size past which the sender collects garbage after a batch: for a process that
   * only sends (`masthead mail-sender`); unset, V8 decides (a server's heap is its own business).
   */
  memoryBoundBytes?: number;
}

/** Counts since start, for logs and tests. */
export interface SenderStats {
  sent: number;
  retried: number;
  failed: number;
  suppressed: number;
  deferred: number;
}

/** A running sender. */
export interface MailSender {
  /** Its lease owner name: host, pid and a random part. */
  owner: string;
  stats: SenderStats;
  /** Starts the loop (again a no-op once started). */
  start(): void;
  /** Looks at the outbox now instead of at the next poll (mail was just queued). */
  wake(): void;
  /** Finishes the sends in flight, gives back the leases of rows not begun, closes the transport. */
  stop(): Promise<void>;
}

/**
 * A full garbage collection when the process has grown past `rssBytes`, at most every 2 s. Each
 * message leaves a few hundred kilobytes of garbage (personalised parts, MIME encoding, socket
 * buffers); V8 lets its old space and the buffers it holds grow lazily, to 200 MB on a long send,
 * before collecting. Collecting when the process is past the bound keeps it near it, for about
 * 20 ms every few seconds. V8's gc is reached through --expose-gc set at run time.
 */
function memoryBound(rssBytes: number): () => void {
  let gc: (() => void) | undefined;
  try {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  } catch {
    return () => {};
  }
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last < 2_000 || process.memoryUsage.rss() < rssBytes) return;
    last = now;
    gc?.();
  };
}

/** Senders of this process, woken by wakeMailSenders. */
const running = new Set<MailSender>();

/**
 * Tells this process's senders that mail was queued (call after the transaction commits), so it
 * goes now rather than at the next poll. Other processes find it by their poll (1 s).
 */
export function wakeMailSenders(): void {
  for (const sender of running) sender.wake();
}

/**
 * A change consumer that wakes `sender` after each batch of change events, from any instance:
 * an edition queued, or staff mail queued by the consumers before it, goes at once.
 */
export function mailWakeConsumer(sender: MailSender): ChangeConsumer {
  return {
    name: "mail-sender-wake",
    handle: () => sender.wake(),
    reset: () => sender.wake(),
  };
}

/** How one failed send is taken. */
type Outcome =
  /** The server refused the recipient for good (5xx at RCPT): the address is suppressed. */
  | "rejected"
  /** Refused for good, but not for the address (5xx at DATA): the row fails. */
  | "failed"
  /** Try this message again later (4xx, a timeout, a dropped connection). */
  | "temporary"
  /** The server is out of reach or refuses us (connection refused, authentication): wait, uncounted. */
  | "down";

const DOWN_CODES = new Set(["EAUTH", "ENOAUTH", "ETLS", "EDNS", "EPROXY", "ECONFIG", "EOAUTH2"]);

/** Which kind of failure an SMTP error is. */
export function classifySmtpError(error: SmtpError): Outcome {
  const rc = error.responseCode ?? 0;
  if (DOWN_CODES.has(error.code ?? "")) return "down";
  // Refused before a conversation began: nothing was said about this message.
  if (
    error.syscall === "connect" ||
    error.errno === "ECONNREFUSED" ||
    /ECONNREFUSED/.test(error.message)
  )
    return "down";
  if (rc >= 500 && rc !== 503) return error.code === "EENVELOPE" ? "rejected" : "failed";
  return "temporary";
}

/** A token bucket: `take` resolves when a message may go, at most `rate` a second after a burst. */
function tokenBucket(rate: number): { take(): Promise<void> } {
  const capacity = Math.max(1, Math.ceil(rate / 10));
  let tokens = capacity;
  let last = Date.now();
  let chain: Promise<void> = Promise.resolve();
  const refill = () => {
    const now = Date.now();
    tokens = Math.min(capacity, tokens + ((now - last) * rate) / 1000);
    last = now;
  };
  return {
    take() {
      chain = chain.then(async () => {
        refill();
        if (tokens < 1) {
          await new Promise((r) => setTimeout(r, Math.ceil(((1 - tokens) * 1000) / rate)));
          refill();
        }
        tokens -= 1;
      });
      return chain;
    },
  };
}

const errorText = (error: SmtpError): string =>
  [error.code, error.responseCode, error.response ?? error.message].filter(Boolean).join(" ");

/** An edition as its rows are sent: the rendered parts and the link to its web page. */
interface EditionParts extends EditionContent {
  webVersion: string;
}

/** Creates a sender; `start` runs it. */
export function createMailSender(options: MailSenderOptions): MailSender {
  const { store, config, transport, log } = options;
  const mail = config.mail;
  if (!mail.from) throw new Error("email sending needs MASTHEAD_MAIL_FROM");
  const from = {
    name: mail.from.name ? safeDisplayName(mail.from.name) : null,
    address: mail.from.address,
  };
  const leaseMs = options.leaseMs ?? 120_000;
  const pollMs = options.pollMs ?? 1_000;
  // A batch must be sent well within its lease at the configured rate, or another sender could
  // claim its last rows while they are still going out.
  const batchSize = Math.max(
    1,
    Math.min(options.batchSize ?? 100, Math.floor((mail.ratePerSecond * leaseMs) / 1000 / 4)),
  );
  const bucket = tokenBucket(mail.ratePerSecond);
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const stats: SenderStats = { sent: 0, retried: 0, failed: 0, suppressed: 0, deferred: 0 };
  const editions = new Map<string, EditionParts | null>();
  const collect = options.memoryBoundBytes ? memoryBound(options.memoryBoundBytes) : () => {};

  let started = false;
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  // While the server is out of reach: how long to wait before the next try (doubling to 1 min).
  let downWaitMs = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopping) {
        woken = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });

  const editionParts = async (editionId: string): Promise<EditionParts | null> => {
    if (editions.has(editionId)) return editions.get(editionId) ?? null;
    const content = await editionContent(store, editionId);
    const parts = content ? { ...content, webVersion: `${config.publicUrl}${content.path}` } : null;
    // Editions go out one after another; a handful is all a sender ever needs at once.
    if (editions.size >= 16) editions.clear();
    editions.set(editionId, parts);
    return parts;
  };

  /** The message of one row, or a reason it cannot be built. */
  const build = async (
    row: ClaimedMail,
    secrets: Map<string, SubscriberForMail>,
  ): Promise<OutgoingMail | string | { skip: string }> => {
    let subject = row.subject;
    let html = row.html;
    let text = row.text;
    const headers: Record<string, string> = { ...row.headers };
    if (row.editionId) {
      const parts = await editionParts(row.editionId);
      if (!parts) return "the edition has no rendered content";
      const subscriber = row.subscriberId ? secrets.get(row.subscriberId) : undefined;
      // Left, unsubscribed or dropped this newsletter after the edition was queued: not sent.
      if (!subscriber) return { skip: "the subscriber was deleted before it was sent" };
      if (
        subscriber.status !== "confirmed" ||
        !subscriber.newsletterIds.includes(parts.newsletterId)
      )
        return { skip: "unsubscribed before it was sent" };
      const links = subscriberLinks(config.publicUrl, subscriber, row.editionId);
      const personal = personalize(parts, {
        unsubscribe: links.unsubscribe,
        preferences: links.preferences,
        webVersion: parts.webVersion,
      });
      ({ subject, html, text } = personal);
      Object.assign(headers, listUnsubscribeHeaders(links));
    }
    if (subject === null || text === null) return "the message has no subject or text";
    return {
      from,
      replyTo: mail.replyTo,
      to: {
        name: row.to.name ? safeDisplayName(row.to.name) || null : null,
        address: row.to.address,
      },
      subject: safeSubject(subject),
      text,
      html,
      messageId: row.messageId,
      date: new Date(),
      headers,
    };
  };

  const sendBatch = async (batch: ClaimedMail[], leaseEnds: number): Promise<void> => {
    const suppressed = await suppressedAmong(
      store,
      batch.map((r) => r.to.address),
    );
    const blocked = batch.filter((r) => suppressed.has(suppressionKey(r.to.address)));
    if (blocked.length > 0) {
      await finishMail(
        store,
        blocked.map((r) => r.id),
        "suppressed",
        "suppressed address",
      );
      stats.suppressed += blocked.length;
    }
    const todo = batch.filter((r) => !suppressed.has(suppressionKey(r.to.address)));
    const secrets = await subscriberSecrets(
      store,
      todo.flatMap((r) => (r.editionId && r.subscriberId ? [r.subscriberId] : [])),
    );

    const sent: string[] = [];
    const unstarted: string[] = [];
    const down: string[] = [];
    let downError: string | undefined;
    const temporary: { row: ClaimedMail; error: string }[] = [];
    const failed: { row: ClaimedMail; error: string }[] = [];
    const skipped: { row: ClaimedMail; error: string }[] = [];
    const rejected: { row: ClaimedMail; error: string }[] = [];
    // Stops taking rows once closing, once the server is out of reach, or near the lease's end.
    const margin = Math.min(5_000, leaseMs / 4);
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const row = todo[next++] as ClaimedMail;
        if (stopping || downError !== undefined || Date.now() > leaseEnds - margin) {
          (downError !== undefined ? down : unstarted).push(row.id);
          continue;
        }
        let message: OutgoingMail | string | { skip: string };
        try {
          message = await build(row, secrets);
        } catch (error) {
          // The database briefly away while reading the edition: the row waits for the next round.
          log.error({ err: error, id: row.id }, "could not build a message; it stays queued");
          unstarted.push(row.id);
          continue;
        }
        if (typeof message === "string") {
          failed.push({ row, error: message });
          continue;
        }
        if ("skip" in message) {
          skipped.push({ row, error: message.skip });
          continue;
        }
        await bucket.take();
        try {
          await transport.send(message);
          sent.push(row.id);
        } catch (error) {
          const e = error as SmtpError;
          const outcome = classifySmtpError(e);
          const text = errorText(e);
          if (outcome === "down") {
            downError ??= text;
            down.push(row.id);
          } else if (outcome === "rejected") rejected.push({ row, error: text });
          else if (outcome === "failed") failed.push({ row, error: text });
          else temporary.push({ row, error: text });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, mail.connections) }, worker));

    await markMailSent(store, sent);
    stats.sent += sent.length;
    for (const { row, error } of temporary) {
      const status = await rescheduleMail(store, row, error, {
        ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
      });
      if (status === "failed") stats.failed += 1;
      else stats.retried += 1;
    }
    for (const { row, error } of failed) {
      await finishMail(store, [row.id], "failed", error);
      stats.failed += 1;
    }
    for (const { row, error } of skipped) {
      await finishMail(store, [row.id], "suppressed", error);
      stats.suppressed += 1;
    }
    for (const { row, error } of rejected) {
      // One transaction: the row fails and the address is suppressed together.
      await transact(store, async (tx) => {
        await finishMail(tx, [row.id], "failed", error);
        await suppressAddress(tx, {
          email: row.to.address,
          reason: "smtp_rejected",
          detail: error,
        });
      });
      stats.failed += 1;
      log.warn(
        { to: row.to.address, error },
        "the SMTP server refused an address; it is suppressed",
      );
    }
    if (downError !== undefined) {
      downWaitMs = Math.min(Math.max(1_000, downWaitMs * 2), 60_000);
      await deferMail(store, down, downError, new Date(Date.now() + downWaitMs));
      stats.deferred += down.length;
      log.warn(
        { error: downError, retryInMs: downWaitMs, rows: down.length },
        `the SMTP server ${transport.describe} cannot be used now; messages stay queued`,
      );
    } else if (sent.length > 0) downWaitMs = 0;
    await releaseMailLeases(store, owner, unstarted);
    const editionIds = batch.flatMap((r) => (r.editionId ? [r.editionId] : []));
    if (editionIds.length > 0) await options.settleEditions(editionIds);
  };

  const run = async () => {
    while (!stopping) {
      if (downWaitMs > 0) await sleep(downWaitMs);
      if (stopping) break;
      try {
        const claimedAt = Date.now();
        const batch = await claimDueMail(store, { owner, limit: batchSize, leaseMs });
        if (batch.length === 0) {
          await sleep(pollMs);
          continue;
        }
        await sendBatch(batch, claimedAt + leaseMs);
        collect();
      } catch (error) {
        // The database briefly away: the leases run out and the rows are claimed again.
        log.error({ err: error }, "the mail sender failed a round; retrying shortly");
        await sleep(Math.max(pollMs, 1_000));
      }
    }
  };

  const sender: MailSender = {
    owner,
    stats,
    start() {
      if (started) return;
      started = true;
      running.add(sender);
      loop = run();
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      stopping = true;
      running.delete(sender);
      wakeUp?.();
      await loop;
      await releaseMailLeases(store, owner).catch(() => {});
      transport.close();
    },
  };
  return sender;
}
