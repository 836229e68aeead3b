// The mail sender against a real SMTP server (the sink), on both databases: what arrives, rate,
// retries, suppression at a 5xx, a server that refuses connections, and two senders that never
// send the same row.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMailSender, type MailSender } from "../../src/mail/sender.js";
import { createMailTransport } from "../../src/mail/transport.js";
import { settleEditions } from "../../src/services/editions.js";
import { getSuppression, type Store } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { freePort } from "../helpers/free-port.js";
import { type SmtpSink, startSmtpSink, waitForMail, waitForMails } from "../helpers/smtp-sink.js";
import { mailConfig, makeAllDue, queuePlain, seedEdition, statusCounts } from "./seed.js";

const silent = { info() {}, warn() {}, error() {} };
const TIMEOUTS = { connectionMs: 2_000, greetingMs: 2_000, socketMs: 800 };

/** Polls `check` until true (database state has no event to wait on). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(DATABASES)("mail sender on $name", (database) => {
  let store: Store;
  let sink: SmtpSink;
  const senders: MailSender[] = [];
  const start = (env: Record<string, string> = {}, smtpUrl = sink.url, extra = {}) => {
    const config = mailConfig(smtpUrl, env);
    const sender = createMailSender({
      store,
      config,
      transport: createMailTransport(config.mail, TIMEOUTS),
      log: silent,
      pollMs: 50,
      leaseMs: 10_000,
      settleEditions: (ids: readonly string[]) => settleEditions({ store }, ids),
      ...extra,
    });
    senders.push(sender);
    sender.start();
    return sender;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });
  afterEach(async () => {
    await Promise.all(senders.splice(0).map((s) => s.stop()));
    await store?.close();
  });

  it("sends text and HTML with the row's Message-ID and the right headers", async () => {
    store = await database.open();
    await queuePlain(store, 3, {
      to: (i) => `plain${i}-${database.name}@example.org`,
      name: 'Ana "<evil@x.org>"\r\nBcc: all@x.org',
      subject: "Hello\r\nBcc: all@x.org",
    });
    const rows = await store.db
      .selectFrom("mail_outbox")
      .selectAll()
      .orderBy("to_address")
      .execute();
    start();
    const got = await waitForMails(
      sink,
      (m) =>
        m.envelope.to[0]?.startsWith("plain") === true && m.envelope.to[0].includes(database.name),
      3,
    );
    for (const row of rows) {
      const m = got.find((g) => g.envelope.to[0] === row.to_address);
      expect(m?.messageId).toBe(row.message_id);
      expect(m?.text?.trim()).toBe(row.text);
      expect(m?.html).toContain(row.html as string);
      expect(m?.parsed.from?.value[0]).toEqual({ name: "The Paper", address: "news@paper.test" });
      expect(m?.header("reply-to")).toContain("desk@paper.test");
      expect(m?.header("x-masthead-test")).toBeDefined();
      // The injected Bcc stays inside the subject and name: one line each, no new header.
      expect(m?.subject).toBe("Hello Bcc: all@x.org");
      expect(m?.parsed.headers.has("bcc")).toBe(false);
      expect(m?.parsed.to && "value" in m.parsed.to ? m.parsed.to.value[0]?.address : "").toBe(
        row.to_address,
      );
      expect(m?.envelope.to).toEqual([row.to_address]);
      expect(m?.header("date")).toBeDefined();
    }
    await eventually(async () => (await statusCounts(store)).sent === 3);
  });

  it("personalises an edition per subscriber, adds List-Unsubscribe, and marks the edition sent", async () => {
    store = await database.open();
    const editionId = await seedEdition(store, 5);
    start();
    const got = await waitForMails(
      sink,
      (m) =>
        m.subject === "This week: the harbour" &&
        m.envelope.to[0]?.startsWith("sub") === true &&
        m.receivedAt >= 0 &&
        m.messageId?.includes("paper.test") === true,
      5,
    );
    const subs = await store.db.selectFrom("subscribers").selectAll().execute();
    for (const sub of subs) {
      const m = got.find((g) => g.envelope.to[0] === sub.email);
      expect(m).toBeDefined();
      const unsubscribe = m?.header("list-unsubscribe") ?? "";
      expect(unsubscribe).toMatch(/^<https:\/\/paper\.test\/newsletter\/unsubscribe\?s=/);
      expect(unsubscribe).toContain(`s=${sub.id}`);
      expect(unsubscribe).toContain(`e=${editionId}`);
      expect(m?.header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect(m?.text).toContain(`s=${sub.id}`);
      expect(m?.text).not.toContain("%%MH_");
      expect(m?.html).not.toContain("%%MH_");
      expect(m?.html).toContain("https://paper.test/newsletter/weekly-");
    }
    await eventually(async () => {
      const e = await store.db
        .selectFrom("editions")
        .selectAll()
        .where("id", "=", editionId)
        .executeTakeFirstOrThrow();
      return e.status === "sent" && e.sent_at !== null;
    });
  });

  it("sends nothing of an edition to whoever unsubscribed or left the newsletter after it was queued", async () => {
    store = await database.open();
    await seedEdition(store, 4);
    const subs = await store.db.selectFrom("subscribers").selectAll().orderBy("email").execute();
    const [left, dropped] = subs as [(typeof subs)[0], (typeof subs)[0]];
    await store.db
      .updateTable("subscribers")
      .set({ status: "unsubscribed" })
      .where("id", "=", left.id)
      .execute();
    await store.db.deleteFrom("subscriptions").where("subscriber_id", "=", dropped.id).execute();
    const before = sink.messages.length;
    start();
    await eventually(async () => {
      const c = await statusCounts(store);
      return c.sent === 2 && c.suppressed === 2;
    });
    const got = sink.messages.slice(before).map((m) => m.envelope.to[0]);
    expect(got).not.toContain(left.email);
    expect(got).not.toContain(dropped.email);
    const rows = await store.db
      .selectFrom("mail_outbox")
      .selectAll()
      .where("status", "=", "suppressed")
      .execute();
    expect(rows.map((r) => r.last_error)).toEqual([
      "unsubscribed before it was sent",
      "unsubscribed before it was sent",
    ]);
  });

  it("holds to the configured rate", async () => {
    store = await database.open();
    await queuePlain(store, 30, { to: (i) => `rate${i}-${database.name}@example.org` });
    const t0 = Date.now();
    start({ MASTHEAD_MAIL_RATE: "20" });
    const got = await waitForMails(
      sink,
      (m) =>
        /^rate\d+-/.test(m.envelope.to[0] ?? "") &&
        m.envelope.to[0]?.includes(database.name) === true,
      30,
      15_000,
    );
    const elapsed = (got.at(-1)?.receivedAt ?? 0) - t0;
    // 30 at 20 a second after a burst of 2: about 1.4 s; well under 30 at once.
    expect(elapsed).toBeGreaterThan(1_200);
    expect(elapsed).toBeLessThan(6_000);
  });

  it("suppresses an address the server refuses with a 5xx, and sends it nothing more", async () => {
    store = await database.open();
    const bad = `refused-${database.name}@example.org`;
    sink.rule(bad, "reject");
    await queuePlain(store, 1, { to: () => bad });
    const sender = start();
    // The row fails first, then the address is suppressed.
    await eventually(async () => (await getSuppression(store, bad)) !== undefined);
    expect((await statusCounts(store)).failed).toBe(1);
    const suppression = await getSuppression(store, bad);
    expect(suppression?.reason).toBe("smtp_rejected");
    expect(suppression?.detail).toMatch(/550/);
    const row = await store.db.selectFrom("mail_outbox").selectAll().executeTakeFirstOrThrow();
    expect(row.last_error).toMatch(/550/);
    const tries = sink.attempts.get(bad);
    await queuePlain(store, 1, { to: () => bad, subject: "Again" });
    sender.wake();
    await eventually(async () => (await statusCounts(store)).suppressed === 1);
    expect(sink.attempts.get(bad)).toBe(tries);
    sink.rule(bad, null);
  });

  it.each(["defer", "hang", "drop"] as const)(
    "retries after a temporary failure (%s) with backoff, then delivers",
    async (behaviour) => {
      store = await database.open();
      const addr = `${behaviour}-${database.name}@example.org`;
      sink.rule(addr, behaviour, 1);
      await queuePlain(store, 1, { to: () => addr });
      const sender = start();
      await eventually(async () => {
        const row = await store.db.selectFrom("mail_outbox").selectAll().executeTakeFirstOrThrow();
        return row.attempts === 1;
      });
      const row = await store.db.selectFrom("mail_outbox").selectAll().executeTakeFirstOrThrow();
      expect(row.status).toBe("queued");
      expect(row.last_error).toBeTruthy();
      // The backoff: a minute or more away.
      expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 50_000);
      expect(sink.to(addr)).toHaveLength(0);
      await makeAllDue(store);
      sender.wake();
      const m = await waitForMail(sink, (x) => x.envelope.to[0] === addr);
      expect(m.messageId).toBe(row.message_id);
      await eventually(async () => (await statusCounts(store)).sent === 1);
    },
  );

  it("keeps every row queued, with the error, while the SMTP server refuses connections", async () => {
    store = await database.open();
    await queuePlain(store, 4, { to: (i) => `down${i}@example.org` });
    const closedPort = await freePort();
    start({}, `smtp://127.0.0.1:${closedPort}`);
    await eventually(async () => {
      const rows = await store.db.selectFrom("mail_outbox").selectAll().execute();
      return rows.every((r) => r.last_error !== null);
    });
    const rows = await store.db.selectFrom("mail_outbox").selectAll().execute();
    for (const r of rows) {
      expect(r.status).toBe("queued");
      expect(r.attempts).toBe(0);
      expect(r.last_error).toMatch(/ECONNREFUSED|ECONNECTION|connect/i);
    }
  });

  // PostgreSQL: SKIP LOCKED; SQLite: one writer, so each claim sees the one before.
  it("two senders at once never send the same row", async () => {
    store = await database.open();
    await queuePlain(store, 300, { to: (i) => `pair${i}@example.org` });
    const a = start({}, sink.url, { batchSize: 20 });
    const b = start({}, sink.url, { batchSize: 20 });
    const got = await waitForMails(
      sink,
      (m) => /^pair\d+@/.test(m.envelope.to[0] ?? ""),
      300,
      20_000,
    );
    await eventually(async () => (await statusCounts(store)).sent === 300);
    const ids = got.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(300);
    // Both took part.
    expect(a.stats.sent).toBeGreaterThan(0);
    expect(b.stats.sent).toBeGreaterThan(0);
    expect(a.stats.sent + b.stats.sent).toBe(300);
    // No duplicates arrived afterwards either.
    expect(sink.messages.filter((m) => /^pair\d+@/.test(m.envelope.to[0] ?? ""))).toHaveLength(300);
  }, 30_000);
});
