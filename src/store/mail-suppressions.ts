// Addresses no message goes to any more (migration 0027's mail_suppressions): a hard bounce, a
// complaint, an SMTP server refusing the address for good, or an operator's word. Suppressing an
// address also ends its queued messages, and the sender checks the list again at send time.
import type { SuppressionReason } from "../content/index.js";
import { chunks, nowIso, toIso } from "./columns.js";
import type { Store } from "./store.js";

/** A suppressed address as stored. */
export interface Suppression {
  email: string;
  reason: SuppressionReason;
  detail: string | null;
  createdAt: string;
}

/**
 * The form addresses are compared in: the domain lower-cased, the local part as given (as
 * parseEmailAddress normalises), so a bounce for "Ana@Example.ORG" matches "Ana@example.org".
 */
export function suppressionKey(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf("@");
  return at < 0 ? trimmed : `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/**
 * Suppresses `email` (kept as first recorded if it already is) and ends its queued messages as
 * `suppressed`. Returns whether the address was newly suppressed.
 */
export async function suppressAddress(
  store: Store,
  {
    email,
    reason,
    detail = null,
  }: { email: string; reason: SuppressionReason; detail?: string | null },
): Promise<boolean> {
  const key = suppressionKey(email);
  const result = await store.db
    .insertInto("mail_suppressions")
    .values({ email: key, reason, detail: detail?.slice(0, 1000) ?? null, created_at: nowIso() })
    .onConflict((oc) => oc.column("email").doNothing())
    .executeTakeFirst();
  await store.db
    .updateTable("mail_outbox")
    .set({
      status: "suppressed",
      lease_owner: null,
      lease_until: null,
      last_error: `suppressed: ${reason}`,
    })
    .where("to_address", "=", key)
    .where("status", "=", "queued")
    .execute();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Lifts a suppression (an operator's decision); returns whether there was one. */
export async function unsuppressAddress(store: Store, email: string): Promise<boolean> {
  const result = await store.db
    .deleteFrom("mail_suppressions")
    .where("email", "=", suppressionKey(email))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Which of `emails` are suppressed (in suppressionKey form). */
export async function suppressedAmong(
  store: Store,
  emails: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  const keys = [...new Set(emails.map(suppressionKey))];
  for (const part of chunks(keys, 500)) {
    if (part.length === 0) continue;
    const rows = await store.db
      .selectFrom("mail_suppressions")
      .select("email")
      .where("email", "in", part)
      .execute();
    for (const r of rows) out.add(r.email);
  }
  return out;
}

/** The suppression of one address, or undefined. */
export async function getSuppression(
  store: Store,
  email: string,
): Promise<Suppression | undefined> {
  const row = await store.db
    .selectFrom("mail_suppressions")
    .selectAll()
    .where("email", "=", suppressionKey(email))
    .executeTakeFirst();
  return row
    ? {
        email: row.email,
        reason: row.reason as SuppressionReason,
        detail: row.detail,
        createdAt: toIso(row.created_at),
      }
    : undefined;
}

/**
 * Records an asynchronous bounce: the message it names by Message-ID (with or without angle
 * brackets), else the latest message sent to the address, becomes `bounced`; a permanent one also
 * suppresses the address. Returns the outbox row marked, if any.
 */
export async function recordBounce(
  store: Store,
  bounce: {
    address: string;
    messageId?: string | undefined;
    permanent: boolean;
    reason: "hard_bounce" | "complaint";
    detail?: string | null | undefined;
  },
): Promise<string | undefined> {
  const key = suppressionKey(bounce.address);
  let rowId: string | undefined;
  if (bounce.messageId) {
    const bare = bounce.messageId.replace(/^<|>$/g, "");
    const row = await store.db
      .selectFrom("mail_outbox")
      .select("id")
      .where("message_id", "=", `<${bare}>`)
      .executeTakeFirst();
    rowId = row?.id;
  }
  if (!rowId) {
    const row = await store.db
      .selectFrom("mail_outbox")
      .select("id")
      .where("to_address", "=", key)
      .where("status", "=", "sent")
      .orderBy("sent_at", "desc")
      .limit(1)
      .executeTakeFirst();
    rowId = row?.id;
  }
  if (rowId && (bounce.permanent || bounce.reason === "complaint"))
    await store.db
      .updateTable("mail_outbox")
      .set({ status: "bounced", last_error: bounce.detail?.slice(0, 1000) ?? bounce.reason })
      .where("id", "=", rowId)
      .where("status", "in", ["sent", "queued"])
      .execute();
  if (bounce.permanent || bounce.reason === "complaint")
    await suppressAddress(store, {
      email: key,
      reason: bounce.reason,
      detail: bounce.detail ?? null,
    });
  return rowId;
}
