// Newsletter subscribers, their subscriptions and their record of consent (migrations 0027 and
// 0030). These only read and write; what a reader or an editor may do, and which consent each
// change records, is src/services/subscriptions.ts.
import { randomBytes, randomUUID } from "node:crypto";
import { type Selectable, sql } from "kysely";
import type {
  ConsentAction,
  ConsentForm,
  Subscriber,
  SubscriberConsent,
  SubscriberListQuery,
  SubscriberStatus,
} from "../content/index.js";
import { chunks, nowIso, toBool, toCount, toIso } from "./columns.js";
import { adapterFor } from "./dialect/index.js";
import type { SubscribersTable } from "./schema.js";
import type { Store } from "./store.js";

/** A subscriber with the secret that signs their links: for the server, never for an answer. */
export interface StoredSubscriber extends Subscriber {
  secret: string;
}

const iso = (value: Date | string | null) => (value === null ? null : toIso(value));

function toSubscriber(
  row: Selectable<SubscribersTable>,
  newsletterIds: string[],
): StoredSubscriber {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status as SubscriberStatus,
    secret: row.secret,
    newsletterIds,
    createdAt: toIso(row.created_at),
    confirmedAt: iso(row.confirmed_at),
    unsubscribedAt: iso(row.unsubscribed_at),
    confirmSentAt: iso(row.confirm_sent_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** The newsletter ids of each of `ids`, by subscriber. */
async function subscriptionsOf(store: Store, ids: readonly string[]) {
  const byId = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const part of chunks(ids, 500)) {
    const rows = await store.db
      .selectFrom("subscriptions")
      .select(["subscriber_id", "newsletter_id"])
      .where("subscriber_id", "in", part)
      .orderBy("newsletter_id")
      .execute();
    for (const r of rows) byId.get(r.subscriber_id)?.push(r.newsletter_id);
  }
  return byId;
}

async function withSubscriptions(
  store: Store,
  row: Selectable<SubscribersTable> | undefined,
): Promise<StoredSubscriber | undefined> {
  if (!row) return undefined;
  const byId = await subscriptionsOf(store, [row.id]);
  return toSubscriber(row, byId.get(row.id) ?? []);
}

/** Whether any newsletter takes subscribers (the site then shows its subscribe forms). */
export async function takesSubscribers(store: Store): Promise<boolean> {
  const row = await store.db
    .selectFrom("newsletters")
    .select("id")
    .where("active", "=", toBool(true))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The subscriber with this id, or undefined. */
export async function getSubscriber(
  store: Store,
  id: string,
): Promise<StoredSubscriber | undefined> {
  const row = await store.db
    .selectFrom("subscribers")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return withSubscriptions(store, row);
}

/** The subscriber of this address, compared case-blind (one inbox, however it is typed). */
export async function getSubscriberByEmail(
  store: Store,
  email: string,
): Promise<StoredSubscriber | undefined> {
  const row = await store.db
    .selectFrom("subscribers")
    .selectAll()
    .where(sql<string>`lower(email)`, "=", email.toLowerCase())
    .executeTakeFirst();
  return withSubscriptions(store, row);
}

/** The id and status of every subscriber by lower-cased address: what an import compares with. */
export async function subscriberIndex(
  store: Store,
): Promise<Map<string, { id: string; status: SubscriberStatus; newsletterIds: string[] }>> {
  const rows = await store.db.selectFrom("subscribers").select(["id", "email", "status"]).execute();
  const subs = await store.db
    .selectFrom("subscriptions")
    .select(["subscriber_id", "newsletter_id"])
    .execute();
  const lists = new Map<string, string[]>();
  for (const s of subs) {
    const list = lists.get(s.subscriber_id);
    if (list) list.push(s.newsletter_id);
    else lists.set(s.subscriber_id, [s.newsletter_id]);
  }
  return new Map(
    rows.map((r) => [
      r.email.toLowerCase(),
      { id: r.id, status: r.status as SubscriberStatus, newsletterIds: lists.get(r.id) ?? [] },
    ]),
  );
}

/** A new subscriber's row. */
export interface NewSubscriber {
  email: string;
  name: string | null;
  status: SubscriberStatus;
  confirmedAt?: string | null;
}

/** Adds a subscriber with a fresh secret for their links; returns its id. */
export async function createSubscriber(store: Store, input: NewSubscriber): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await store.db
    .insertInto("subscribers")
    .values({
      id,
      email: input.email,
      name: input.name,
      status: input.status,
      secret: randomBytes(32).toString("base64url"),
      created_at: now,
      confirmed_at: input.confirmedAt ?? null,
      unsubscribed_at: null,
      confirm_sent_at: null,
      updated_at: now,
    })
    .execute();
  return id;
}

/**
 * Adds many subscribers at once (an import), each with a fresh secret and its newsletters, a few
 * hundred rows a statement; returns their ids in order.
 */
export async function createSubscribers(
  store: Store,
  inputs: readonly (NewSubscriber & { newsletterIds: readonly string[] })[],
): Promise<string[]> {
  const now = nowIso();
  const rows = inputs.map((input) => ({
    id: randomUUID(),
    email: input.email,
    name: input.name,
    status: input.status,
    secret: randomBytes(32).toString("base64url"),
    created_at: now,
    confirmed_at: input.confirmedAt ?? null,
    unsubscribed_at: null,
    confirm_sent_at: null,
    updated_at: now,
  }));
  for (const part of chunks(rows, 300))
    await store.db.insertInto("subscribers").values(part).execute();
  const subscriptions = rows.flatMap((row, i) =>
    [...new Set((inputs[i] as { newsletterIds: readonly string[] }).newsletterIds)].map(
      (newsletter_id) => ({ subscriber_id: row.id, newsletter_id, created_at: now }),
    ),
  );
  for (const part of chunks(subscriptions, 500))
    await store.db.insertInto("subscriptions").values(part).execute();
  return rows.map((r) => r.id);
}

/** The columns of a subscriber that change. */
export interface SubscriberFields {
  name?: string | null;
  status?: SubscriberStatus;
  confirmedAt?: string | null;
  unsubscribedAt?: string | null;
  confirmSentAt?: string | null;
}

/** Changes a subscriber's columns; returns whether the row exists. */
export async function updateSubscriberFields(
  store: Store,
  id: string,
  fields: SubscriberFields,
): Promise<boolean> {
  const result = await store.db
    .updateTable("subscribers")
    .set({
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.status !== undefined ? { status: fields.status } : {}),
      ...(fields.confirmedAt !== undefined ? { confirmed_at: fields.confirmedAt } : {}),
      ...(fields.unsubscribedAt !== undefined ? { unsubscribed_at: fields.unsubscribedAt } : {}),
      ...(fields.confirmSentAt !== undefined ? { confirm_sent_at: fields.confirmSentAt } : {}),
      updated_at: nowIso(),
    })
    .where("id", "=", id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Marks that a confirmation message goes out now, unless one went out after `since`: returns
 * whether this caller may send it. One statement, so two requests at once send one message.
 */
export async function claimConfirmationSlot(
  store: Store,
  id: string,
  since: string,
): Promise<boolean> {
  const now = nowIso();
  const result = await store.db
    .updateTable("subscribers")
    .set({ confirm_sent_at: now })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("confirm_sent_at", "is", null), eb("confirm_sent_at", "<", since)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Makes `newsletterIds` the subscriber's subscriptions (adding and removing). */
export async function setSubscriptions(
  store: Store,
  subscriberId: string,
  newsletterIds: readonly string[],
): Promise<void> {
  const wanted = [...new Set(newsletterIds)];
  let removal = store.db.deleteFrom("subscriptions").where("subscriber_id", "=", subscriberId);
  if (wanted.length > 0) removal = removal.where("newsletter_id", "not in", wanted);
  await removal.execute();
  await addSubscriptions(store, subscriberId, wanted);
}

/** Adds subscriptions the subscriber does not have yet. */
export async function addSubscriptions(
  store: Store,
  subscriberId: string,
  newsletterIds: readonly string[],
): Promise<void> {
  const wanted = [...new Set(newsletterIds)];
  if (wanted.length === 0) return;
  const now = nowIso();
  await store.db
    .insertInto("subscriptions")
    .values(
      wanted.map((newsletter_id) => ({
        subscriber_id: subscriberId,
        newsletter_id,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(["subscriber_id", "newsletter_id"]).doNothing())
    .execute();
}

/** One consent to record. */
export interface NewConsent {
  subscriberId: string;
  action: ConsentAction;
  form: ConsentForm;
  newsletterIds: readonly string[];
  editionId?: string | null;
  /** When it happened, if not now (an import's consent date). */
  at?: string;
  note?: string | null;
  userId?: string | null;
}

/** Records consents (one row each). */
export async function recordConsents(store: Store, consents: readonly NewConsent[]): Promise<void> {
  for (const part of chunks(consents, 300)) {
    if (part.length === 0) continue;
    await store.db
      .insertInto("subscriber_consents")
      .values(
        part.map((c) => ({
          id: randomUUID(),
          subscriber_id: c.subscriberId,
          action: c.action,
          form: c.form,
          newsletter_ids: JSON.stringify([...c.newsletterIds]),
          edition_id: c.editionId ?? null,
          at: c.at ?? nowIso(),
          note: c.note ?? null,
          user_id: c.userId ?? null,
        })),
      )
      .execute();
  }
}

/** How many consents of `action` a subscriber gave since `since`. */
export async function countConsentsSince(
  store: Store,
  subscriberId: string,
  action: ConsentAction,
  since: string,
): Promise<number> {
  const row = await store.db
    .selectFrom("subscriber_consents")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("subscriber_id", "=", subscriberId)
    .where("action", "=", action)
    .where("at", ">=", since)
    .executeTakeFirst();
  return toCount(row?.n as number | string | undefined);
}

/** A subscriber's record of consent, oldest first. */
export async function listConsents(
  store: Store,
  subscriberId: string,
): Promise<SubscriberConsent[]> {
  const rows = await store.db
    .selectFrom("subscriber_consents")
    .selectAll()
    .where("subscriber_id", "=", subscriberId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  const json = adapterFor(store.dialect).readJson;
  return rows.map((r) => ({
    id: r.id,
    action: r.action as ConsentAction,
    form: r.form as ConsentForm,
    newsletterIds: json(r.newsletter_ids) as string[],
    editionId: r.edition_id,
    at: toIso(r.at),
    note: r.note,
    userId: r.user_id,
  }));
}

function matching(store: Store, query: Omit<SubscriberListQuery, "limit" | "offset">) {
  const pattern = query.q ? `%${query.q.toLowerCase().replace(/[\\%_]/g, "\\$&")}%` : undefined;
  return store.db
    .selectFrom("subscribers")
    .$if(query.status !== undefined, (qb) => qb.where("status", "=", query.status as string))
    .$if(query.newsletterId !== undefined, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom("subscriptions")
            .select("subscriptions.subscriber_id")
            .whereRef("subscriptions.subscriber_id", "=", "subscribers.id")
            .where("subscriptions.newsletter_id", "=", query.newsletterId as string),
        ),
      ),
    )
    .$if(pattern !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          sql<boolean>`lower(email) like ${pattern} escape '\\'`,
          sql<boolean>`lower(coalesce(name, '')) like ${pattern} escape '\\'`,
        ]),
      ),
    );
}

/** A page of subscribers (newest first) matching the search and filters, and how many match. */
export async function listSubscribers(
  store: Store,
  query: SubscriberListQuery,
): Promise<{ items: StoredSubscriber[]; total: number }> {
  const [rows, count] = await Promise.all([
    matching(store, query)
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    matching(store, query)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst(),
  ]);
  const lists = await subscriptionsOf(
    store,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => toSubscriber(r, lists.get(r.id) ?? [])),
    total: toCount(count?.n as number | string | undefined),
  };
}

/** Every subscriber in address order, `size` at a time: for the export. */
export async function* eachSubscriber(
  store: Store,
  size = 1000,
): AsyncGenerator<StoredSubscriber[]> {
  let after = "";
  for (;;) {
    const rows = await store.db
      .selectFrom("subscribers")
      .selectAll()
      .where("email", ">", after)
      .orderBy("email")
      .limit(size)
      .execute();
    if (rows.length === 0) return;
    const lists = await subscriptionsOf(
      store,
      rows.map((r) => r.id),
    );
    yield rows.map((r) => toSubscriber(r, lists.get(r.id) ?? []));
    after = (rows[rows.length - 1] as Selectable<SubscribersTable>).email;
  }
}

/**
 * Erases a subscriber: the row, their subscriptions and their record of consent, and their
 * messages not yet sent. Sent outbox rows keep the address until the outbox is pruned (they are
 * the record of what went out, and carry no link to the person any more). Returns whether it
 * existed.
 */
export async function deleteSubscriber(store: Store, id: string): Promise<boolean> {
  await store.db
    .deleteFrom("mail_outbox")
    .where("subscriber_id", "=", id)
    .where("status", "=", "queued")
    .execute();
  const result = await store.db.deleteFrom("subscribers").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
