// Outbox rows for the sender's tests, written straight into the tables: an edition with its
// subscribers' rows (as the editions service queues them) and plain messages via queueMail.
import { randomBytes, randomUUID } from "node:crypto";
import { parseMailConfig } from "../../src/config.js";
import { createNewsletter, queueMail, type Store } from "../../src/store/index.js";

/** The mail configuration of a test: the sink's URL, a From, a high rate unless set. */
export function mailConfig(smtpUrl: string, env: Record<string, string> = {}) {
  return {
    publicUrl: "https://paper.test",
    mail: parseMailConfig({
      MASTHEAD_SMTP_URL: smtpUrl,
      MASTHEAD_MAIL_FROM: "The Paper <news@paper.test>",
      MASTHEAD_MAIL_REPLY_TO: "desk@paper.test",
      MASTHEAD_MAIL_RATE: "1000",
      MASTHEAD_SMTP_CONNECTIONS: "4",
      ...env,
    }),
  };
}

/** Queues `n` plain messages to reader<i>@example.org (or `to`); returns nothing. */
export async function queuePlain(
  store: Store,
  n: number,
  opts: { to?: (i: number) => string; subject?: string; name?: string } = {},
): Promise<void> {
  await queueMail(
    store,
    Array.from({ length: n }, (_, i) => ({
      kind: "notification" as const,
      to: { address: opts.to?.(i) ?? `reader${i}@example.org`, name: opts.name ?? `Reader ${i}` },
      subject: opts.subject ?? `Message ${i}`,
      html: `<p>Hello ${i}</p>`,
      text: `Hello ${i}`,
      headers: { "X-Masthead-Test": String(i) },
    })),
    "paper.test",
  );
}

/** A queued edition to `n` confirmed subscribers sub<i>@example.org; returns its id. */
export async function seedEdition(store: Store, n: number, slug = "week-1"): Promise<string> {
  const newsletter = await createNewsletter(store, {
    slug: `weekly-${randomUUID().slice(0, 8)}`,
    name: "The Week",
  });
  const now = new Date().toISOString();
  const editionId = randomUUID();
  await store.db
    .insertInto("editions")
    .values({
      id: editionId,
      newsletter_id: newsletter.id,
      kind: "article",
      article_id: null,
      article_ids: "[]",
      subject: "This week: the harbour",
      intro: "",
      slug,
      status: "queued",
      html: '<p>The harbour story.</p><a href="%%MH_UNSUBSCRIBE_URL%%">Unsubscribe</a> <a href="%%MH_WEB_VERSION_URL%%">web</a>',
      text: "The harbour story.\nUnsubscribe: %%MH_UNSUBSCRIBE_URL%%\nPreferences: %%MH_PREFERENCES_URL%%",
      send_at: null,
      recipients: n,
      created_by: null,
      created_at: now,
      updated_at: now,
      queued_at: now,
      sent_at: null,
    })
    .execute();
  for (let start = 0; start < n; start += 200) {
    const subs = Array.from({ length: Math.min(200, n - start) }, (_, k) => {
      const i = start + k;
      return {
        id: randomUUID(),
        email: `sub${i}@example.org`,
        name: `Sub ${i}`,
        status: "confirmed",
        secret: randomBytes(16).toString("hex"),
        created_at: now,
        confirmed_at: now,
        unsubscribed_at: null,
        confirm_sent_at: null,
        updated_at: now,
      };
    });
    await store.db.insertInto("subscribers").values(subs).execute();
    await store.db
      .insertInto("subscriptions")
      .values(
        subs.map((x) => ({ subscriber_id: x.id, newsletter_id: newsletter.id, created_at: now })),
      )
      .execute();
    await store.db
      .insertInto("mail_outbox")
      .values(
        subs.map((s) => {
          const id = randomUUID();
          return {
            id,
            message_id: `<${id}@paper.test>`,
            kind: "edition",
            dedupe_key: `edition:${editionId}:${s.id}`,
            edition_id: editionId,
            subscriber_id: s.id,
            user_id: null,
            to_address: s.email,
            to_name: s.name,
            subject: null,
            html: null,
            text: null,
            headers: null,
            status: "queued",
            attempts: 0,
            next_attempt_at: now,
            lease_owner: null,
            lease_until: null,
            last_error: null,
            created_at: now,
            sent_at: null,
          };
        }),
      )
      .execute();
  }
  return editionId;
}

/** Rows by status, e.g. { sent: 3, queued: 1 }. */
export async function statusCounts(store: Store): Promise<Record<string, number>> {
  const rows = await store.db
    .selectFrom("mail_outbox")
    .select(["status", (eb) => eb.fn.countAll().as("n")])
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Makes every queued row due now (a retry's backoff waited out). */
export async function makeAllDue(store: Store): Promise<void> {
  await store.db
    .updateTable("mail_outbox")
    .set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
    .where("status", "=", "queued")
    .execute();
}
