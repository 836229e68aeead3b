// The mail outbox (migration 0027): every message Masthead sends is a row here first, written in
// the transaction of the change that causes it, so nothing is lost if the process dies before
// sending. Senders claim rows with a lease (see the sender, src/mail/sender.ts); a row whose
// lease ran out is claimed again and sent with the same Message-ID.
import { randomUUID } from "node:crypto";
import type { MailKind } from "../content/index.js";
import { chunks, nowIso, toCount, toIso } from "./columns.js";
import type { Store } from "./store.js";

/** A message to one recipient, rendered, ready to queue. */
export interface NewMail {
  kind: MailKind;
  to: { address: string; name?: string | null };
  subject: string;
  html: string;
  text: string;
  /** Extra headers such as List-Unsubscribe; names as sent. */
  headers?: Readonly<Record<string, string>>;
  /** Queued once whoever asks (every instance hears each change event): later asks are ignored. */
  dedupeKey?: string;
  userId?: string | null;
  subscriberId?: string | null;
  /** Not sent before this time (ISO); default now. */
  notBefore?: string;
}

/** The Message-ID of an outbox row: fixed at queue time, so a resent message keeps it. */
export function messageIdFor(rowId: string, domain: string): string {
  return `<${rowId}@${domain}>`;
}

/**
 * Queues messages; `domain` names the Message-IDs (the From address's domain). Returns how many
 * rows were added: a message whose dedupeKey is already queued is left out.
 */
export async function queueMail(
  store: Store,
  mails: readonly NewMail[],
  domain: string,
): Promise<number> {
  const now = nowIso();
  let added = 0;
  for (const part of chunks(mails, 200)) {
    const rows = part.map((mail) => {
      const id = randomUUID();
      return {
        id,
        message_id: messageIdFor(id, domain),
        kind: mail.kind,
        dedupe_key: mail.dedupeKey ?? null,
        edition_id: null,
        subscriber_id: mail.subscriberId ?? null,
        user_id: mail.userId ?? null,
        to_address: mail.to.address,
        to_name: mail.to.name ?? null,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: mail.headers ? JSON.stringify(mail.headers) : null,
        status: "queued",
        attempts: 0,
        next_attempt_at: mail.notBefore ?? now,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        created_at: now,
        sent_at: null,
      };
    });
    const result = await store.db
      .insertInto("mail_outbox")
      .values(rows)
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

// ---- The sender's side: claim, lease, mark (src/mail/sender.ts) ----

/** An outbox row a sender holds a lease on. */
export interface ClaimedMail {
  id: string;
  messageId: string;
  kind: string;
  editionId: string | null;
  subscriberId: string | null;
  to: { address: string; name: string | null };
  /** Null for an edition's rows: the edition has them. */
  subject: string | null;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  /** Failed attempts so far (temporary failures). */
  attempts: number;
}

const parseHeaders = (value: unknown): Record<string, string> => {
  if (value === null || value === undefined) return {};
  const parsed = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  if (typeof parsed !== "object" || parsed === null) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) if (typeof v === "string") out[k] = v;
  return out;
};

/**
 * Leases up to `limit` due rows (queued, next attempt due, no live lease) to `owner` until
 * `leaseMs` from now, oldest first, in one statement. On PostgreSQL the rows are locked with SKIP
 * LOCKED, so senders on several instances never claim the same row; SQLite has one writer at a
 * time, so the same statement is enough there.
 */
export async function claimDueMail(
  store: Store,
  {
    owner,
    limit,
    leaseMs,
    now = new Date(),
  }: { owner: string; limit: number; leaseMs: number; now?: Date },
): Promise<ClaimedMail[]> {
  const nowText = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  let due = store.db
    .selectFrom("mail_outbox")
    .select("id")
    .where("status", "=", "queued")
    .where("next_attempt_at", "<=", nowText)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", nowText)]))
    .orderBy("next_attempt_at")
    .limit(limit);
  if (store.dialect === "postgres") due = due.forUpdate().skipLocked();
  const rows = await store.db
    .updateTable("mail_outbox")
    .set({ lease_owner: owner, lease_until: until })
    .where("id", "in", due)
    .returning([
      "id",
      "message_id",
      "kind",
      "edition_id",
      "subscriber_id",
      "to_address",
      "to_name",
      "subject",
      "html",
      "text",
      "headers",
      "attempts",
      "next_attempt_at",
    ])
    .execute();
  // The statement returns rows in no set order; the oldest go first.
  rows.sort((a, b) => String(toIso(a.next_attempt_at)).localeCompare(toIso(b.next_attempt_at)));
  return rows.map((r) => ({
    id: r.id,
    messageId: r.message_id,
    kind: r.kind,
    editionId: r.edition_id,
    subscriberId: r.subscriber_id,
    to: { address: r.to_address, name: r.to_name },
    subject: r.subject,
    html: r.html,
    text: r.text,
    headers: parseHeaders(r.headers),
    attempts: r.attempts,
  }));
}

/** Marks rows sent (the SMTP server took them) and ends their lease; one statement per chunk. */
export async function markMailSent(store: Store, ids: readonly string[]): Promise<void> {
  const now = nowIso();
  for (const part of chunks(ids, 500))
    await store.db
      .updateTable("mail_outbox")
      .set({ status: "sent", sent_at: now, lease_owner: null, lease_until: null, last_error: null })
      .where("id", "in", part)
      .where("status", "=", "queued")
      .execute();
}

/** The wait before attempt `attempts + 1`: 1 min doubling to 6 h, with up to 20 % jitter. */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const base = Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
  return Math.round(base * (1 + 0.2 * random()));
}

/** How many temporary failures a message may have before it is given up as failed. */
export const MAIL_MAX_ATTEMPTS = 10;

/**
 * After a temporary failure (4xx, a timeout, a dropped connection): the row waits out a backoff
 * and is tried again, or after MAIL_MAX_ATTEMPTS failures is `failed`. Returns the new status.
 */
export async function rescheduleMail(
  store: Store,
  row: { id: string; attempts: number },
  error: string,
  { maxAttempts = MAIL_MAX_ATTEMPTS, now = new Date() }: { maxAttempts?: number; now?: Date } = {},
): Promise<"queued" | "failed"> {
  const attempts = row.attempts + 1;
  const status = attempts >= maxAttempts ? "failed" : "queued";
  await store.db
    .updateTable("mail_outbox")
    .set({
      status,
      attempts,
      next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
      lease_owner: null,
      lease_until: null,
      last_error: error.slice(0, 1000),
    })
    .where("id", "=", row.id)
    .where("status", "=", "queued")
    .execute();
  return status;
}

/**
 * Rows that could not be tried because the SMTP server itself is out of reach (refused, failed
 * authentication): they stay queued, with the error, due again at `retryAt`; their attempts are
 * not counted, so an outage however long loses nothing.
 */
export async function deferMail(
  store: Store,
  ids: readonly string[],
  error: string,
  retryAt: Date,
): Promise<void> {
  for (const part of chunks(ids, 500))
    await store.db
      .updateTable("mail_outbox")
      .set({
        next_attempt_at: retryAt.toISOString(),
        lease_owner: null,
        lease_until: null,
        last_error: error.slice(0, 1000),
      })
      .where("id", "in", part)
      .where("status", "=", "queued")
      .execute();
}

/** Ends a message for good: `failed` (refused for good) or `suppressed` (address suppressed). */
export async function finishMail(
  store: Store,
  ids: readonly string[],
  status: "failed" | "suppressed",
  error: string | null,
): Promise<void> {
  for (const part of chunks(ids, 500))
    await store.db
      .updateTable("mail_outbox")
      .set({
        status,
        lease_owner: null,
        lease_until: null,
        last_error: error?.slice(0, 1000) ?? null,
      })
      .where("id", "in", part)
      .where("status", "=", "queued")
      .execute();
}

/** Gives back the leases `owner` holds on rows it did not get to (a sender stopping). */
export async function releaseMailLeases(
  store: Store,
  owner: string,
  ids?: readonly string[],
): Promise<void> {
  let q = store.db
    .updateTable("mail_outbox")
    .set({ lease_owner: null, lease_until: null })
    .where("lease_owner", "=", owner)
    .where("status", "=", "queued");
  if (ids) {
    if (ids.length === 0) return;
    q = q.where("id", "in", ids);
  }
  await q.execute();
}

/** An edition's content as the sender needs it: rendered once, links still placeholders. */
export interface EditionContent {
  subject: string;
  html: string;
  text: string;
  /** The edition's web page, from the site's root: /newsletter/<newsletter>/<edition>. */
  path: string;
  newsletterId: string;
}

/** The rendered subject and parts of an edition, or undefined if it has none (not rendered). */
export async function editionContent(
  store: Store,
  editionId: string,
): Promise<EditionContent | undefined> {
  const row = await store.db
    .selectFrom("editions")
    .innerJoin("newsletters", "newsletters.id", "editions.newsletter_id")
    .select([
      "editions.subject",
      "editions.html",
      "editions.text",
      "editions.slug",
      "newsletters.slug as newsletter_slug",
      "newsletters.id as newsletter_id",
    ])
    .where("editions.id", "=", editionId)
    .executeTakeFirst();
  if (!row || row.html === null || row.text === null) return undefined;
  return {
    subject: row.subject,
    html: row.html,
    text: row.text,
    path: `/newsletter/${encodeURIComponent(row.newsletter_slug)}/${encodeURIComponent(row.slug)}`,
    newsletterId: row.newsletter_id,
  };
}

/** A subscriber as the sender needs them: for their links, and whether they still take it. */
export interface SubscriberForMail {
  id: string;
  secret: string;
  status: string;
  /** The newsletters they take now. */
  newsletterIds: string[];
}

/** Each of these subscribers that still exists, with their link secret and subscriptions. */
export async function subscriberSecrets(
  store: Store,
  ids: readonly string[],
): Promise<Map<string, SubscriberForMail>> {
  const out = new Map<string, SubscriberForMail>();
  for (const part of chunks([...new Set(ids)], 500)) {
    if (part.length === 0) continue;
    const rows = await store.db
      .selectFrom("subscribers")
      .select(["id", "secret", "status"])
      .where("id", "in", part)
      .execute();
    for (const r of rows)
      out.set(r.id, { id: r.id, secret: r.secret, status: r.status, newsletterIds: [] });
    const subscriptions = await store.db
      .selectFrom("subscriptions")
      .select(["subscriber_id", "newsletter_id"])
      .where("subscriber_id", "in", part)
      .execute();
    for (const s of subscriptions) out.get(s.subscriber_id)?.newsletterIds.push(s.newsletter_id);
  }
  return out;
}

/** How many rows are queued now (all, or of one edition): for logs and the health report. */
export async function countQueuedMail(store: Store, editionId?: string): Promise<number> {
  let q = store.db
    .selectFrom("mail_outbox")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("status", "=", "queued");
  if (editionId) q = q.where("edition_id", "=", editionId);
  const row = await q.executeTakeFirst();
  return toCount(row?.n as number | string | bigint | undefined);
}
