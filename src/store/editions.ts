// Editions (migration 0027): the issues of a newsletter, their rendered parts, and the outbox rows
// that send them. Which actor may change them and when is the service's rule
// (src/services/editions.ts); these only read and write.
import { randomUUID } from "node:crypto";
import { type Selectable, sql } from "kysely";
import type { Edition, EditionFigures, EditionKind, EditionStatus } from "../content/index.js";
import { nowIso, toCount, toIso } from "./columns.js";
import { adapterFor } from "./dialect/index.js";
import type { EditionsTable } from "./schema.js";
import type { Store } from "./store.js";

type EditionRow = Omit<Selectable<EditionsTable>, "html" | "text">;

// Every column but the rendered parts, which only sending, the preview and the web copy read.
const LISTED = [
  "id",
  "newsletter_id",
  "kind",
  "article_id",
  "article_ids",
  "subject",
  "intro",
  "slug",
  "status",
  "send_at",
  "recipients",
  "created_by",
  "created_at",
  "updated_at",
  "queued_at",
  "sent_at",
] as const;

const isoOrNull = (value: Date | string | null): string | null =>
  value === null ? null : toIso(value);

function toEdition(store: Store, row: EditionRow): Edition {
  return {
    id: row.id,
    newsletterId: row.newsletter_id,
    kind: row.kind as EditionKind,
    articleId: row.article_id,
    articleIds: adapterFor(store.dialect).readJson(row.article_ids) as string[],
    subject: row.subject,
    intro: row.intro,
    slug: row.slug,
    status: row.status as EditionStatus,
    sendAt: isoOrNull(row.send_at),
    recipients: row.recipients,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    queuedAt: isoOrNull(row.queued_at),
    sentAt: isoOrNull(row.sent_at),
  };
}

/** The edition with this id, or undefined. */
export async function getEdition(store: Store, id: string): Promise<Edition | undefined> {
  const row = await store.db
    .selectFrom("editions")
    .select(LISTED)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toEdition(store, row);
}

/** An edition's rendered parts (with per-recipient link placeholders), once it is queued. */
export async function getEditionParts(
  store: Store,
  id: string,
): Promise<{ html: string; text: string } | undefined> {
  const row = await store.db
    .selectFrom("editions")
    .select(["html", "text"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.html != null && row.text != null ? { html: row.html, text: row.text } : undefined;
}

/** A newsletter's editions, newest first. */
export async function listEditions(
  store: Store,
  newsletterId: string,
  opts: { limit: number; publicOnly?: boolean },
): Promise<Edition[]> {
  let query = store.db
    .selectFrom("editions")
    .select(LISTED)
    .where("newsletter_id", "=", newsletterId);
  if (opts.publicOnly) query = query.where("status", "in", PUBLIC_STATUSES);
  const rows = await query
    .orderBy("queued_at", (o) => o.desc().nullsFirst())
    .orderBy("created_at", "desc")
    .limit(opts.limit)
    .execute();
  return rows.map((r) => toEdition(store, r));
}

/** Statuses whose web copy readers may see: the message is on its way or has gone. */
const PUBLIC_STATUSES: EditionStatus[] = ["queued", "sending", "sent"];

/** A queued or sent edition of this newsletter by its slug, with its parts, or undefined. */
export async function getPublicEdition(
  store: Store,
  newsletterId: string,
  slug: string,
): Promise<(Edition & { html: string; text: string }) | undefined> {
  const row = await store.db
    .selectFrom("editions")
    .selectAll()
    .where("newsletter_id", "=", newsletterId)
    .where("slug", "=", slug)
    .where("status", "in", PUBLIC_STATUSES)
    .executeTakeFirst();
  if (!row || row.html === null || row.text === null) return undefined;
  return { ...toEdition(store, row), html: row.html, text: row.text };
}

/** An edition as composed, before it has an id. */
export interface NewEdition {
  newsletterId: string;
  kind: EditionKind;
  articleId: string | null;
  articleIds: readonly string[];
  subject: string;
  intro: string;
  slug: string;
  createdBy: string | null;
}

/**
 * Adds a draft edition. With `exactSlug` (digests: one per newsletter and day) it adds nothing and
 * returns undefined when the slug is taken, so several instances composing the same digest make
 * it once; otherwise a taken slug gets a numbered suffix (an article sent again).
 */
export async function insertEdition(
  store: Store,
  edition: NewEdition,
  opts: { exactSlug?: boolean } = {},
): Promise<Edition | undefined> {
  const now = nowIso();
  for (let n = 1; n <= 50; n++) {
    const id = randomUUID();
    const slug = n === 1 ? edition.slug : `${edition.slug}-${n}`;
    const row = {
      id,
      newsletter_id: edition.newsletterId,
      kind: edition.kind,
      article_id: edition.articleId,
      article_ids: JSON.stringify(edition.articleIds),
      subject: edition.subject,
      intro: edition.intro,
      slug,
      status: "draft",
      html: null,
      text: null,
      send_at: null,
      recipients: 0,
      created_by: edition.createdBy,
      created_at: now,
      updated_at: now,
      queued_at: null,
      sent_at: null,
    };
    // ON CONFLICT DO NOTHING rather than catching the violation: on PostgreSQL a failed insert
    // would end the surrounding transaction.
    const result = await store.db
      .insertInto("editions")
      .values(row)
      .onConflict((oc) => oc.columns(["newsletter_id", "slug"]).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 1) return getEdition(store, id);
    if (opts.exactSlug) return undefined;
  }
  throw new Error(`no free edition slug after '${edition.slug}-50'`);
}

/** Changes a draft's subject, intro and articles; false when it is no longer a draft. */
export async function updateDraftEdition(
  store: Store,
  id: string,
  change: { subject: string; intro: string; articleIds?: readonly string[] },
): Promise<boolean> {
  const result = await store.db
    .updateTable("editions")
    .set({
      subject: change.subject,
      intro: change.intro,
      ...(change.articleIds ? { article_ids: JSON.stringify(change.articleIds) } : {}),
      updated_at: nowIso(),
    })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Deletes a draft edition; false when there is none (or it was queued meanwhile). */
export async function deleteDraftEdition(store: Store, id: string): Promise<boolean> {
  const result = await store.db
    .deleteFrom("editions")
    .where("id", "=", id)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/**
 * Moves a draft to queued with its rendered parts; false when it is not a draft any more (another
 * request queued it first). Run in the transaction that queues its rows.
 */
export async function markEditionQueued(
  store: Store,
  id: string,
  parts: { subject: string; html: string; text: string; sendAt?: string },
): Promise<boolean> {
  const now = nowIso();
  const result = await store.db
    .updateTable("editions")
    .set({
      status: "queued",
      subject: parts.subject,
      html: parts.html,
      text: parts.text,
      send_at: parts.sendAt ?? null,
      queued_at: now,
      updated_at: now,
    })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Queues one outbox row per confirmed subscriber of the newsletter whose address is not
 * suppressed, in one INSERT … SELECT (100,000 subscribers never pass through Node), and records
 * how many on the edition. Run after markEditionQueued, in its transaction: the rows take their
 * times from the edition. A row's id is the edition's and the subscriber's ids joined, which both
 * databases can make in SQL and which can never be queued twice; its Message-ID follows from it.
 * Subject and parts stay NULL on the rows (they come from the edition), as do the headers (the
 * sender adds each recipient's List-Unsubscribe).
 */
export async function queueEditionMail(
  store: Store,
  edition: { id: string; newsletterId: string },
  domain: string,
): Promise<number> {
  const result = await store.db
    .insertInto("mail_outbox")
    .columns([
      "id",
      "message_id",
      "kind",
      "edition_id",
      "subscriber_id",
      "to_address",
      "to_name",
      "status",
      "attempts",
      "next_attempt_at",
      "created_at",
    ])
    .expression((eb) =>
      eb
        .selectFrom("subscriptions as sub")
        .innerJoin("subscribers as s", "s.id", "sub.subscriber_id")
        .innerJoin("editions as e", (join) => join.on("e.id", "=", edition.id))
        .where("sub.newsletter_id", "=", edition.newsletterId)
        .where("s.status", "=", "confirmed")
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("mail_suppressions as m")
                .select(sql.lit(1).as("one"))
                .whereRef("m.email", "=", "s.email"),
            ),
          ),
        )
        .select([
          sql<string>`e.id || '.' || s.id`.as("id"),
          sql<string>`'<' || e.id || '.' || s.id || '@' || cast(${domain} as text) || '>'`.as(
            "message_id",
          ),
          sql.lit("edition").as("kind"),
          "e.id as edition_id",
          "s.id as subscriber_id",
          "s.email as to_address",
          "s.name as to_name",
          sql.lit("queued").as("status"),
          sql.lit(0).as("attempts"),
          sql<string>`coalesce(e.send_at, e.queued_at)`.as("next_attempt_at"),
          sql<string>`e.queued_at`.as("created_at"),
        ]),
    )
    .executeTakeFirst();
  const recipients = Number(result.numInsertedOrUpdatedRows ?? 0n);
  await store.db.updateTable("editions").set({ recipients }).where("id", "=", edition.id).execute();
  return recipients;
}

/** Marks `sending` those of these editions still `queued`: their first rows have gone out. */
export async function markEditionsSending(store: Store, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await store.db
    .updateTable("editions")
    .set({ status: "sending", updated_at: nowIso() })
    .where("id", "in", ids)
    .where("status", "=", "queued")
    .execute();
}

/**
 * Marks sent every queued or sending edition (of `ids`, if given) with no row left waiting in
 * the outbox, and returns them; the conditional update makes one instance of several do each.
 */
export async function finishSentEditions(
  store: Store,
  ids?: readonly string[],
): Promise<Edition[]> {
  if (ids?.length === 0) return [];
  let query = store.db
    .selectFrom("editions as e")
    .select("e.id")
    .where("e.status", "in", ["queued", "sending"])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("mail_outbox as o")
            .select(sql.lit(1).as("one"))
            .whereRef("o.edition_id", "=", "e.id")
            .where("o.status", "=", "queued"),
        ),
      ),
    );
  if (ids) query = query.where("e.id", "in", ids);
  const candidates = await query.execute();
  const finished: Edition[] = [];
  for (const { id } of candidates) {
    const now = nowIso();
    const result = await store.db
      .updateTable("editions")
      .set({ status: "sent", sent_at: now, updated_at: now })
      .where("id", "=", id)
      .where("status", "in", ["queued", "sending"])
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) continue;
    const edition = await getEdition(store, id);
    if (edition) finished.push(edition);
  }
  return finished;
}

/** Each edition's figures from its outbox rows and the unsubscribes made from its links. */
export async function editionFigures(
  store: Store,
  editions: readonly Pick<Edition, "id" | "recipients">[],
): Promise<Map<string, EditionFigures>> {
  const figures = new Map<string, EditionFigures>(
    editions.map((e) => [
      e.id,
      {
        recipients: e.recipients,
        queued: 0,
        sent: 0,
        failed: 0,
        bounced: 0,
        suppressed: 0,
        unsubscribed: 0,
      },
    ]),
  );
  if (editions.length === 0) return figures;
  const ids = editions.map((e) => e.id);
  const [rows, unsubscribes] = await Promise.all([
    store.db
      .selectFrom("mail_outbox")
      .select(["edition_id", "status", (eb) => eb.fn.countAll().as("n")])
      .where("edition_id", "in", ids)
      .groupBy(["edition_id", "status"])
      .execute(),
    store.db
      .selectFrom("subscriber_consents")
      .select(["edition_id", (eb) => eb.fn.count("subscriber_id").distinct().as("n")])
      .where("edition_id", "in", ids)
      .where("action", "=", "unsubscribe")
      .groupBy("edition_id")
      .execute(),
  ]);
  for (const row of rows) {
    const f = row.edition_id === null ? undefined : figures.get(row.edition_id);
    const key = row.status as keyof EditionFigures;
    if (f && key in f && key !== "recipients" && key !== "unsubscribed") f[key] = toCount(row.n);
  }
  for (const row of unsubscribes) {
    const f = row.edition_id === null ? undefined : figures.get(row.edition_id);
    if (f) f.unsubscribed = toCount(row.n);
  }
  return figures;
}

/**
 * The ids of the articles published in [from, to) in these sections (none: every section), in
 * the order they were published: what a digest gathers.
 */
export async function publishedArticleIdsBetween(
  store: Store,
  window: { from: string; to: string; sectionIds: readonly string[] },
): Promise<string[]> {
  let query = store.db
    .selectFrom("articles")
    .select("id")
    .where("kind", "=", "article")
    .where("status", "=", "published")
    .where("published_at", ">=", window.from)
    .where("published_at", "<", window.to);
  if (window.sectionIds.length > 0) query = query.where("section_id", "in", window.sectionIds);
  const rows = await query.orderBy("published_at").orderBy("id").limit(200).execute();
  return rows.map((r) => r.id);
}

/** Each newsletter's draft editions (digests composed for review, articles not yet sent), by id. */
export async function newsletterDraftCounts(store: Store): Promise<Map<string, number>> {
  const rows = await store.db
    .selectFrom("editions")
    .select(["newsletter_id", (eb) => eb.fn.countAll().as("n")])
    .where("status", "=", "draft")
    .groupBy("newsletter_id")
    .execute();
  return new Map(rows.map((r) => [r.newsletter_id, toCount(r.n)]));
}

/** Each newsletter's confirmed and pending subscribers, by newsletter id. */
export async function newsletterSubscriberCounts(
  store: Store,
): Promise<Map<string, { confirmed: number; pending: number }>> {
  const rows = await store.db
    .selectFrom("subscriptions as sub")
    .innerJoin("subscribers as s", "s.id", "sub.subscriber_id")
    .select(["sub.newsletter_id", "s.status", (eb) => eb.fn.countAll().as("n")])
    .where("s.status", "in", ["confirmed", "pending"])
    .groupBy(["sub.newsletter_id", "s.status"])
    .execute();
  const counts = new Map<string, { confirmed: number; pending: number }>();
  for (const row of rows) {
    const c = counts.get(row.newsletter_id) ?? { confirmed: 0, pending: 0 };
    if (row.status === "confirmed") c.confirmed = toCount(row.n);
    else c.pending = toCount(row.n);
    counts.set(row.newsletter_id, c);
  }
  return counts;
}
