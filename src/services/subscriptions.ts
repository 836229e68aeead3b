// Newsletter subscriptions (issue 15): the one write path for subscribers. A reader subscribes
// (double opt-in: pending until the link in the confirmation message is confirmed by a button),
// changes preferences, unsubscribes or asks to be deleted, each through a link signed with their
// own secret; an editor lists, adds, changes, imports, exports and erases. Every change records a
// consent row (when, which form, which newsletters), in the transaction that makes the change,
// and every message is queued in that transaction too.
import { type Actor, actorCan } from "../auth/actor.js";
import { type Config, mailDomain } from "../config.js";
import { parseEmailAddress } from "../content/email-address.js";
import {
  type ConsentForm,
  ContentInvalidError,
  type FieldIssue,
  forbidden,
  type Newsletter,
  NotFoundError,
  parseOrThrow,
  RateLimitedError,
  type SubscribeForm,
  type Subscriber,
  type SubscriberAdd,
  SubscriberAddSchema,
  type SubscriberChange,
  SubscriberChangeSchema,
  type SubscriberConsent,
  type SubscriberImport,
  type SubscriberImportReport,
  SubscriberImportSchema,
  type SubscriberListQuery,
  SubscriberNameSchema,
} from "../content/index.js";
import {
  type SubscriberLinkPurpose,
  subscriberLinks,
  verifySubscriberToken,
} from "../mail/links.js";
import { parseSubscriberCsv, subscribersToCsv } from "../mail/subscriber-csv.js";
import { alreadySubscribedMessage, confirmationMessage } from "../mail/subscriber-messages.js";
import {
  addSubscriptions,
  claimConfirmationSlot,
  countConsentsSince,
  createSubscriber,
  createSubscribers,
  deleteSubscriber,
  eachSubscriber,
  getSettings,
  getSubscriber,
  getSubscriberByEmail,
  listConsents,
  listNewsletters,
  listSubscribers,
  type NewConsent,
  type NewSubscriber,
  queueMail,
  recordConsents,
  type Store,
  type StoredSubscriber,
  setSubscriptions,
  subscriberIndex,
  transact,
  updateSubscriberFields,
} from "../store/index.js";

/** What the subscription functions need. */
export interface SubscriptionDeps {
  store: Store;
  config: Pick<Config, "publicUrl" | "mail">;
}

/** At most one confirmation (or "already subscribed") message per address in this window. */
export const CONFIRM_RESEND_MS = 10 * 60_000;
/** At most this many subscribe requests per address per hour reach the database as consents. */
export const SUBSCRIBES_PER_HOUR = 10;

const issue = (path: string, message: string): ContentInvalidError =>
  new ContentInvalidError("subscription", [{ path, message }]);

/** Whether messages are sent at all (an SMTP server is configured). */
export function sendingEnabled(config: Pick<Config, "mail">): boolean {
  return config.mail.smtpUrl !== null;
}

/** The active newsletters readers can choose, in their order. */
export async function activeNewsletters(store: Store): Promise<Newsletter[]> {
  return (await listNewsletters(store)).filter((n) => n.active);
}

/**
 * Reads an address as the public form takes it: the parse's reason as the field's error, and a
 * throwaway domain refused (confirmation to a mailbox that vanishes proves nothing).
 */
function publicAddress(raw: string): string {
  const parsed = parseEmailAddress(raw);
  if (!parsed.ok) throw issue("email", parsed.reason);
  if (parsed.disposable)
    throw issue(
      "email",
      `addresses at ${parsed.address.slice(parsed.address.lastIndexOf("@") + 1)} are throwaway mailboxes; please use an address you keep`,
    );
  return parsed.address;
}

/** A name as typed, or null when empty; one that could end a header line is refused. */
function readName(raw: string | null | undefined): string | null {
  if (raw === undefined || raw === null) return null;
  const parsed = SubscriberNameSchema.safeParse(raw);
  if (!parsed.success) throw issue("name", parsed.error.issues[0]?.message ?? "invalid name");
  return parsed.data === "" ? null : parsed.data;
}

/** The chosen ids among `offered`, or an error naming the field. */
function chosen(ids: readonly string[], offered: readonly Newsletter[], path = "newsletters") {
  const known = new Set(offered.map((n) => n.id));
  const picked = [...new Set(ids)];
  const unknown = picked.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw issue(path, "one of the chosen newsletters does not exist (any more); reload the page");
  return picked;
}

const namesOf = (ids: readonly string[], newsletters: readonly Newsletter[]) =>
  newsletters.filter((n) => ids.includes(n.id)).map((n) => n.name);

/**
 * Queues the confirmation message (or, for a confirmed address, "already subscribed") unless
 * one went out within CONFIRM_RESEND_MS. Returns whether one was queued.
 */
async function queueSubscriberMessage(
  tx: Store,
  deps: SubscriptionDeps,
  subscriber: Pick<StoredSubscriber, "id" | "secret" | "email" | "name">,
  which: "confirm" | "already",
  newsletterNames: readonly string[],
): Promise<boolean> {
  const since = new Date(Date.now() - CONFIRM_RESEND_MS).toISOString();
  if (!(await claimConfirmationSlot(tx, subscriber.id, since))) return false;
  const settings = await getSettings(tx);
  const links = subscriberLinks(deps.config.publicUrl, subscriber);
  const input = { publication: settings.title, newsletterNames };
  const message =
    which === "confirm"
      ? confirmationMessage(input, links)
      : alreadySubscribedMessage(input, links);
  await queueMail(
    tx,
    [
      {
        kind: "confirm",
        to: { address: subscriber.email, name: subscriber.name },
        ...message,
        subscriberId: subscriber.id,
      },
    ],
    mailDomain(deps.config),
  );
  return true;
}

/** What a public subscribe did (the page says the same whatever it is). */
export interface SubscribeOutcome {
  subscriberId: string;
  /** pending: waits for confirmation; confirmed: was already, nothing changed. */
  status: "pending" | "confirmed";
  /** Whether a message was queued (none within 10 minutes of the last). */
  messageQueued: boolean;
}

/**
 * A reader subscribes from a public form. New, pending or unsubscribed addresses become pending
 * with the chosen newsletters and get a confirmation message; a confirmed address changes
 * nothing and gets "already subscribed, manage here". No newsletters chosen: the first active
 * one (the forms on articles and the front page offer no choice). Throws ContentInvalidError
 * (field paths email, name, newsletters) or RateLimitedError.
 */
export async function subscribe(
  deps: SubscriptionDeps,
  input: { email: string; name?: string; newsletterIds?: readonly string[]; form: SubscribeForm },
): Promise<SubscribeOutcome> {
  const email = publicAddress(input.email);
  const name = readName(input.name);
  const offered = await activeNewsletters(deps.store);
  if (offered.length === 0)
    throw issue("newsletters", "there is no newsletter to subscribe to yet");
  const picked =
    input.newsletterIds && input.newsletterIds.length > 0
      ? chosen(input.newsletterIds, offered)
      : input.form === "newsletter-page"
        ? []
        : [(offered[0] as Newsletter).id];
  if (picked.length === 0) throw issue("newsletters", "choose at least one newsletter");
  const names = namesOf(picked, offered);
  return transact(deps.store, async (tx) => {
    const existing = await getSubscriberByEmail(tx, email);
    if (existing?.status === "confirmed") {
      // Adding lists here would let anyone who knows the address sign its owner up for more:
      // the owner adds them on the preferences page the message links to.
      const messageQueued = await queueSubscriberMessage(tx, deps, existing, "already", names);
      return { subscriberId: existing.id, status: "confirmed", messageQueued };
    }
    let id: string;
    let lists: string[];
    if (existing) {
      id = existing.id;
      const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
      if ((await countConsentsSince(tx, id, "subscribe", hourAgo)) >= SUBSCRIBES_PER_HOUR)
        throw new RateLimitedError(
          "this address was subscribed many times in the last hour; wait an hour, then try again",
          3600,
        );
      // An unsubscribed reader starts again; a pending one keeps what they chose before.
      lists = existing.status === "pending" ? [...existing.newsletterIds, ...picked] : picked;
      await updateSubscriberFields(tx, id, {
        status: "pending",
        ...(name !== null ? { name } : {}),
      });
      await setSubscriptions(tx, id, lists);
    } else {
      id = await createSubscriber(tx, { email, name, status: "pending" });
      lists = picked;
      await setSubscriptions(tx, id, lists);
    }
    await recordConsents(tx, [
      { subscriberId: id, action: "subscribe", form: input.form, newsletterIds: picked },
    ]);
    const subscriber = (await getSubscriber(tx, id)) as StoredSubscriber;
    const messageQueued = await queueSubscriberMessage(
      tx,
      deps,
      subscriber,
      "confirm",
      namesOf(subscriber.newsletterIds, offered),
    );
    return { subscriberId: id, status: "pending", messageQueued };
  });
}

/** The subscriber a link names, when its token is theirs for `purpose`; else undefined. */
export async function linkedSubscriber(
  store: Store,
  link: { id: unknown; token: unknown },
  purpose: SubscriberLinkPurpose,
): Promise<StoredSubscriber | undefined> {
  if (typeof link.id !== "string" || typeof link.token !== "string") return undefined;
  if (!/^[0-9a-f-]{36}$/i.test(link.id) || link.token.length > 100) return undefined;
  const subscriber = await getSubscriber(store, link.id);
  return subscriber && verifySubscriberToken(subscriber, purpose, link.token)
    ? subscriber
    : undefined;
}

/** What following a reader's link did. */
export type LinkOutcome = "done" | "already" | "invalid";

/**
 * Confirms a pending subscription from the confirmation page's button, with the newsletters
 * ticked there (by default those chosen when subscribing). "already" for a confirmed one;
 * "invalid" for a tampered link, a deleted subscriber, or one that unsubscribed meanwhile.
 * Throws ContentInvalidError when no newsletter is ticked.
 */
export async function confirmSubscription(
  deps: SubscriptionDeps,
  link: { id: unknown; token: unknown },
  newsletterIds?: readonly string[],
): Promise<LinkOutcome> {
  return transact(deps.store, async (tx) => {
    const subscriber = await linkedSubscriber(tx, link, "confirm");
    if (!subscriber || subscriber.status === "unsubscribed") return "invalid";
    if (subscriber.status === "confirmed") return "already";
    let lists = subscriber.newsletterIds;
    if (newsletterIds !== undefined) {
      lists = chosen(newsletterIds, await activeNewsletters(tx));
      if (lists.length === 0) throw issue("newsletters", "choose at least one newsletter");
      await setSubscriptions(tx, subscriber.id, lists);
    }
    await updateSubscriberFields(tx, subscriber.id, {
      status: "confirmed",
      confirmedAt: new Date().toISOString(),
      unsubscribedAt: null,
    });
    await recordConsents(tx, [
      {
        subscriberId: subscriber.id,
        action: "confirm",
        form: "confirm-page",
        newsletterIds: lists,
      },
    ]);
    return "done";
  });
}

/**
 * Saves the preferences page: the name and the newsletters ticked. None ticked unsubscribes;
 * an unsubscribed reader who ticks some is subscribed again (the link proves the inbox is
 * theirs). Throws ContentInvalidError.
 */
export async function updatePreferences(
  deps: SubscriptionDeps,
  link: { id: unknown; token: unknown },
  change: { name: string; newsletterIds: readonly string[] },
): Promise<LinkOutcome> {
  const name = readName(change.name);
  return transact(deps.store, async (tx) => {
    const subscriber = await linkedSubscriber(tx, link, "manage");
    if (!subscriber) return "invalid";
    const lists = chosen(change.newsletterIds, await activeNewsletters(tx));
    // Inactive newsletters are not offered on the page, so ticking cannot have dropped them.
    const kept = subscriber.newsletterIds.filter(
      (id) => !lists.includes(id) && !(change.newsletterIds as string[]).includes(id),
    );
    const inactiveKept = (await listNewsletters(tx))
      .filter((n) => !n.active && kept.includes(n.id))
      .map((n) => n.id);
    const all = [...lists, ...inactiveKept];
    const now = new Date().toISOString();
    if (lists.length === 0) {
      await setSubscriptions(tx, subscriber.id, []);
      await updateSubscriberFields(tx, subscriber.id, {
        name,
        ...(subscriber.status === "unsubscribed"
          ? {}
          : { status: "unsubscribed", unsubscribedAt: now }),
      });
      await recordConsents(tx, [
        {
          subscriberId: subscriber.id,
          action: "unsubscribe",
          form: "preferences",
          newsletterIds: [],
        },
      ]);
      return "done";
    }
    await setSubscriptions(tx, subscriber.id, all);
    await updateSubscriberFields(tx, subscriber.id, {
      name,
      ...(subscriber.status === "unsubscribed"
        ? { status: "confirmed", confirmedAt: now, unsubscribedAt: null }
        : {}),
    });
    await recordConsents(tx, [
      {
        subscriberId: subscriber.id,
        action: "preferences",
        form: "preferences",
        newsletterIds: all,
      },
    ]);
    return "done";
  });
}

/**
 * Unsubscribes from every newsletter: from a message's link (purpose "unsubscribe", the
 * edition it came in recorded with the consent, by the page's button or an RFC 8058 one-click
 * POST) or from the preferences page ("manage"). "already" when it was already done.
 */
export async function unsubscribe(
  deps: SubscriptionDeps,
  link: { id: unknown; token: unknown },
  via: { purpose: "unsubscribe" | "manage"; form: ConsentForm; editionId?: unknown },
): Promise<LinkOutcome> {
  return transact(deps.store, async (tx) => {
    const subscriber = await linkedSubscriber(tx, link, via.purpose);
    if (!subscriber) return "invalid";
    if (subscriber.status === "unsubscribed") return "already";
    const editionId = await knownEdition(tx, via.editionId);
    await updateSubscriberFields(tx, subscriber.id, {
      status: "unsubscribed",
      unsubscribedAt: new Date().toISOString(),
    });
    await setSubscriptions(tx, subscriber.id, []);
    await recordConsents(tx, [
      {
        subscriberId: subscriber.id,
        action: "unsubscribe",
        form: via.form,
        newsletterIds: subscriber.newsletterIds,
        editionId,
      },
    ]);
    return "done";
  });
}

/** The edition id a link names, when it is one (a made-up one must not skew its figures). */
async function knownEdition(store: Store, id: unknown): Promise<string | null> {
  if (typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const row = await store.db
    .selectFrom("editions")
    .select("id")
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Deletion on request, from the preferences page: the subscriber, their subscriptions, their
 * record of consent and their messages not yet sent are gone (see deleteSubscriber).
 */
export async function eraseOnRequest(
  deps: SubscriptionDeps,
  link: { id: unknown; token: unknown },
): Promise<LinkOutcome> {
  return transact(deps.store, async (tx) => {
    const subscriber = await linkedSubscriber(tx, link, "manage");
    if (!subscriber) return "invalid";
    await deleteSubscriber(tx, subscriber.id);
    return "done";
  });
}

// ---- The newsroom's side: permission "subscriber.manage". ----

const publicJson = ({ secret: _secret, ...subscriber }: StoredSubscriber): Subscriber => subscriber;

function mayManage(actor: Actor, does: string): void {
  if (!actorCan(actor, "subscriber.manage")) throw forbidden(does);
}

/** A page of subscribers for the admin list. Throws MH_FORBIDDEN. */
export async function findSubscribers(
  deps: { store: Store },
  actor: Actor,
  query: SubscriberListQuery,
): Promise<{ items: Subscriber[]; total: number }> {
  mayManage(actor, "list subscribers");
  const { items, total } = await listSubscribers(deps.store, query);
  return { items: items.map(publicJson), total };
}

/** One subscriber with their record of consent. Throws MH_FORBIDDEN or NotFoundError. */
export async function subscriberDetail(
  deps: { store: Store },
  actor: Actor,
  id: string,
): Promise<{ subscriber: Subscriber; consents: SubscriberConsent[] }> {
  mayManage(actor, "read subscribers");
  const subscriber = await getSubscriber(deps.store, id);
  if (!subscriber) throw new NotFoundError("subscriber", id);
  return { subscriber: publicJson(subscriber), consents: await listConsents(deps.store, id) };
}

/** An address as an editor enters it; a throwaway domain is the newsroom's call, so allowed. */
function editorAddress(raw: string, path = "email"): string {
  const parsed = parseEmailAddress(raw);
  if (!parsed.ok) throw issue(path, parsed.reason);
  return parsed.address;
}

/**
 * An editor adds a subscriber: pending with a confirmation message, or confirmed at once when
 * the request says how the person agreed (consentNote). Throws MH_FORBIDDEN,
 * ContentInvalidError, or ConflictError for a known address.
 */
export async function addSubscriber(
  deps: SubscriptionDeps,
  actor: Actor,
  input: SubscriberAdd,
): Promise<Subscriber> {
  mayManage(actor, "add subscribers");
  const data = parseOrThrow(SubscriberAddSchema, input, "subscriber");
  const email = editorAddress(data.email);
  const newsletters = await listNewsletters(deps.store);
  const lists = chosen(data.newsletterIds, newsletters, "newsletterIds");
  return transact(deps.store, async (tx) => {
    if (await getSubscriberByEmail(tx, email))
      throw new ContentInvalidError("subscriber", [
        { path: "email", message: `${email} is already a subscriber; find it in the list` },
      ]);
    const now = new Date().toISOString();
    const id = await createSubscriber(tx, {
      email,
      name: data.name || null,
      status: data.confirmed ? "confirmed" : "pending",
      confirmedAt: data.confirmed ? now : null,
    });
    await setSubscriptions(tx, id, lists);
    await recordConsents(tx, [
      {
        subscriberId: id,
        action: "admin",
        form: "admin",
        newsletterIds: lists,
        note: data.consentNote ?? null,
        userId: actor.userId,
      },
    ]);
    const subscriber = (await getSubscriber(tx, id)) as StoredSubscriber;
    if (!data.confirmed)
      await queueSubscriberMessage(tx, deps, subscriber, "confirm", namesOf(lists, newsletters));
    return publicJson((await getSubscriber(tx, id)) as StoredSubscriber);
  });
}

/**
 * An editor changes a subscriber's name, newsletters or status. Confirming by hand needs a
 * consentNote; setting pending sends a confirmation message (at most one per 10 minutes).
 * Throws MH_FORBIDDEN, NotFoundError or ContentInvalidError.
 */
export async function changeSubscriber(
  deps: SubscriptionDeps,
  actor: Actor,
  id: string,
  input: SubscriberChange,
): Promise<Subscriber> {
  mayManage(actor, "change subscribers");
  const data = parseOrThrow(SubscriberChangeSchema, input, "subscriber change");
  const newsletters = await listNewsletters(deps.store);
  const lists =
    data.newsletterIds === undefined
      ? undefined
      : chosen(data.newsletterIds, newsletters, "newsletterIds");
  return transact(deps.store, async (tx) => {
    const before = await getSubscriber(tx, id);
    if (!before) throw new NotFoundError("subscriber", id);
    const now = new Date().toISOString();
    const status = data.status ?? before.status;
    await updateSubscriberFields(tx, id, {
      ...(data.name !== undefined ? { name: data.name || null } : {}),
      ...(status !== before.status
        ? {
            status,
            ...(status === "confirmed" ? { confirmedAt: now, unsubscribedAt: null } : {}),
            ...(status === "unsubscribed" ? { unsubscribedAt: now } : {}),
            ...(status === "pending" ? { confirmedAt: null, unsubscribedAt: null } : {}),
          }
        : {}),
    });
    if (status === "unsubscribed") await setSubscriptions(tx, id, []);
    else if (lists !== undefined) await setSubscriptions(tx, id, lists);
    const after = (await getSubscriber(tx, id)) as StoredSubscriber;
    await recordConsents(tx, [
      {
        subscriberId: id,
        action:
          status === "unsubscribed" && before.status !== "unsubscribed" ? "unsubscribe" : "admin",
        form: "admin",
        newsletterIds: after.newsletterIds,
        note: data.consentNote ?? null,
        userId: actor.userId,
      },
    ]);
    if (status === "pending" && before.status !== "pending")
      await queueSubscriberMessage(
        tx,
        deps,
        after,
        "confirm",
        namesOf(after.newsletterIds, newsletters),
      );
    return publicJson(after);
  });
}

/** Erases a subscriber (deletion on request, by an editor). Throws MH_FORBIDDEN or NotFoundError. */
export async function eraseSubscriberByEditor(
  deps: { store: Store },
  actor: Actor,
  id: string,
): Promise<void> {
  mayManage(actor, "delete subscribers");
  const erased = await transact(deps.store, (tx) => deleteSubscriber(tx, id));
  if (!erased) throw new NotFoundError("subscriber", id);
}

/**
 * Queues a confirmation message to every pending subscriber who has had none in the last
 * 10 minutes (e.g. after an import without consent dates). Returns how many were queued.
 */
export async function sendPendingConfirmations(
  deps: SubscriptionDeps,
  actor: Actor,
): Promise<number> {
  mayManage(actor, "send confirmation messages");
  const newsletters = await listNewsletters(deps.store);
  let queued = 0;
  for (let offset = 0; ; offset += 500) {
    const page = await listSubscribers(deps.store, { status: "pending", limit: 500, offset });
    if (page.items.length === 0) break;
    await transact(deps.store, async (tx) => {
      for (const s of page.items)
        if (
          await queueSubscriberMessage(
            tx,
            deps,
            s,
            "confirm",
            namesOf(s.newsletterIds, newsletters),
          )
        )
          queued += 1;
    });
    if (page.items.length < 500) break;
  }
  return queued;
}

/**
 * Imports subscribers from CSV (parseSubscriberCsv), or on a dry run says what it would do.
 * No one is confirmed without evidence: a row with consented_at is confirmed with that date as
 * its consent; a row without stays pending (with a confirmation message only when
 * `sendConfirmations`). An address that unsubscribed is never subscribed again by an import.
 * The real run is one transaction: all of it or nothing. Throws MH_FORBIDDEN or
 * ContentInvalidError.
 */
export async function importSubscribers(
  deps: SubscriptionDeps,
  actor: Actor,
  input: SubscriberImport,
): Promise<SubscriberImportReport> {
  mayManage(actor, "import subscribers");
  const data = parseOrThrow(SubscriberImportSchema, input, "import");
  const newsletters = await listNewsletters(deps.store);
  const defaults = chosen(data.newsletterIds, newsletters, "newsletterIds");
  const bySlug = new Map(newsletters.map((n) => [n.slug.toLowerCase(), n.id]));
  const parsed = parseSubscriberCsv(data.csv, { newsletterSlugs: [...bySlug.keys()] });
  const report: SubscriberImportReport = {
    dryRun: data.dryRun,
    added: { confirmed: 0, pending: 0 },
    updated: 0,
    unchanged: 0,
    skipped: [],
    problems: [...parsed.problems],
    duplicates: parsed.duplicates,
    warnings: [],
    confirmationsQueued: 0,
  };
  const run = async (tx: Store) => {
    const known = await subscriberIndex(tx);
    const consents: NewConsent[] = [];
    const toConfirm: string[] = [];
    const fresh: (NewSubscriber & { newsletterIds: string[]; consentedAt?: string })[] = [];
    for (const row of parsed.rows) {
      const lists = row.newsletters.length
        ? row.newsletters.map((slug) => bySlug.get(slug) as string)
        : defaults;
      if (lists.length === 0) {
        report.problems.push({
          line: row.line,
          message: "the row names no newsletter and the import chose none for such rows",
        });
        continue;
      }
      const address = parseEmailAddress(row.email);
      if (address.ok && address.disposable)
        report.warnings.push({
          line: row.line,
          message: `${row.email} is at a throwaway-mail domain; imported all the same`,
        });
      const existing = known.get(row.email.toLowerCase());
      const evidence = row.consentedAt !== undefined;
      if (existing?.status === "unsubscribed") {
        report.skipped.push({
          line: row.line,
          email: row.email,
          reason: "unsubscribed: an import does not subscribe them again",
        });
        continue;
      }
      if (existing) {
        const missing = lists.filter((id) => !existing.newsletterIds.includes(id));
        const confirms = existing.status === "pending" && evidence;
        // A confirmed reader gets more newsletters only with consent the file vouches for.
        const adds = missing.length > 0 && (existing.status === "pending" || evidence);
        if (!adds && !confirms) {
          report.unchanged += 1;
          if (missing.length > 0)
            report.skipped.push({
              line: row.line,
              email: row.email,
              reason: "already confirmed; newsletters are added only with a consented_at date",
            });
          continue;
        }
        report.updated += 1;
        if (data.dryRun) continue;
        if (adds) await addSubscriptions(tx, existing.id, missing);
        if (confirms)
          await updateSubscriberFields(tx, existing.id, {
            status: "confirmed",
            confirmedAt: row.consentedAt,
          });
        consents.push({
          subscriberId: existing.id,
          action: "import",
          form: "import",
          newsletterIds: lists,
          at: row.consentedAt,
          userId: actor.userId,
        });
        continue;
      }
      if (evidence) report.added.confirmed += 1;
      else report.added.pending += 1;
      // The parse already kept one row per address, so none of these is added twice.
      fresh.push({
        email: row.email,
        name: row.name ?? null,
        status: evidence ? "confirmed" : "pending",
        confirmedAt: row.consentedAt ?? null,
        newsletterIds: lists,
        consentedAt: row.consentedAt,
      });
    }
    if (data.dryRun) return;
    // New subscribers a few hundred a statement: a file of 100,000 is not 200,000 round trips.
    const ids = await createSubscribers(tx, fresh);
    fresh.forEach((row, i) => {
      const id = ids[i] as string;
      consents.push({
        subscriberId: id,
        action: "import",
        form: "import",
        newsletterIds: row.newsletterIds,
        at: row.consentedAt,
        userId: actor.userId,
      });
      if (row.status === "pending" && data.sendConfirmations) toConfirm.push(id);
    });
    await recordConsents(tx, consents);
    for (const id of toConfirm) {
      const s = (await getSubscriber(tx, id)) as StoredSubscriber;
      if (
        await queueSubscriberMessage(tx, deps, s, "confirm", namesOf(s.newsletterIds, newsletters))
      )
        report.confirmationsQueued += 1;
    }
  };
  if (data.dryRun) await run(deps.store);
  else await transact(deps.store, run);
  return report;
}

/** Every subscriber as CSV (subscribersToCsv), newsletters by slug. Throws MH_FORBIDDEN. */
export async function exportSubscribers(deps: { store: Store }, actor: Actor): Promise<string> {
  mayManage(actor, "export subscribers");
  const slugs = new Map((await listNewsletters(deps.store)).map((n) => [n.id, n.slug]));
  const rows = [];
  for await (const page of eachSubscriber(deps.store))
    for (const s of page)
      rows.push({
        email: s.email,
        name: s.name,
        status: s.status,
        newsletters: s.newsletterIds.map((id) => slugs.get(id) ?? id),
        subscribedAt: s.createdAt,
        confirmedAt: s.confirmedAt,
      });
  return subscribersToCsv(rows);
}

/** The field issues of a refused subscription, for a form to show beside its fields. */
export function subscriptionIssues(error: unknown): FieldIssue[] | undefined {
  return error instanceof ContentInvalidError ? error.issues : undefined;
}
