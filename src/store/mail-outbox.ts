// The mail outbox (migration 0027): every message Masthead sends is a row here first, written in
// the transaction of the change that causes it, so nothing is lost if the process dies before
// sending. Senders claim rows with a lease (see the sender, src/mail/sender.ts); a row whose
// lease ran out is claimed again and sent with the same Message-ID.
import { randomUUID } from "node:crypto";
import type { MailKind } from "../content/index.js";
import { chunks, nowIso } from "./columns.js";
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
