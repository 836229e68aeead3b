// An edition delivered through the real sender to a real SMTP server on 127.0.0.1: both parts
// arrive with each reader's own links, the RFC 8058 headers, the Message-ID fixed at queueing,
// and the one-click POST unsubscribes and counts for the edition.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DATABASES } from "../../helpers/databases.js";
import { type SmtpSink, startSmtpSink, waitForMails } from "../../helpers/smtp-sink.js";
import { useNewsletterApp } from "./app.js";

for (const db of DATABASES)
  describe(db.name, () => {
    let sink: SmtpSink;
    beforeAll(async () => {
      sink = await startSmtpSink();
    });
    afterAll(async () => {
      await sink.close();
    });
    const t = useNewsletterApp(db, { smtpUrl: () => sink.url, sender: true });

    it("delivers the edition's HTML and text parts with one-click unsubscribe headers", async () => {
      const editor = await t().staff("editor");
      const newsletter = await t().newsletter();
      const readers = [
        await t().subscriber("confirmed", [newsletter.id]),
        await t().subscriber("confirmed", [newsletter.id]),
      ];
      await t().subscriber("pending", [newsletter.id]);
      const article = await t().published({ headline: "Tram line opens on Sunday" });
      const { edition } = (
        await t().call(editor, "POST", "/editions", {
          newsletterId: newsletter.id,
          articleId: article.id,
        })
      ).json();
      expect((await t().call(editor, "POST", `/editions/${edition.id}/send`)).statusCode).toBe(202);

      const addresses = new Set(readers.map((r) => r.email));
      const mails = await waitForMails(
        sink,
        (m) => m.envelope.to.some((to) => addresses.has(to)),
        2,
      );
      const rows = await t()
        .store.db.selectFrom("mail_outbox")
        .select(["to_address", "message_id"])
        .where("edition_id", "=", edition.id)
        .execute();
      for (const reader of readers) {
        const mail = mails.find((m) => m.envelope.to.includes(reader.email));
        expect(mail?.subject).toBe("Tram line opens on Sunday");
        expect(mail?.html).toContain("Tram line opens on Sunday");
        expect(mail?.text).toContain("TRAM LINE OPENS ON SUNDAY");
        expect(mail?.text).toContain(
          `https://news.test/newsletter/${newsletter.slug}/${edition.slug}`,
        );
        expect(mail?.messageId).toBe(rows.find((r) => r.to_address === reader.email)?.message_id);
        const unsubscribe = mail?.header("list-unsubscribe") ?? "";
        expect(unsubscribe).toContain(`/newsletter/unsubscribe?s=${reader.id}`);
        expect(unsubscribe).toContain(`e=${edition.id}`);
        expect(mail?.header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
        // No tracking: the links are the article's own address, never a redirector.
        expect(mail?.html).toContain(`https://news.test/articles/${article.slug}`);
        expect(mail?.html).not.toMatch(/<img[^>]+width="1"/);
      }

      // The mail client's one-click POST (RFC 8058) to the first reader's link.
      const first = mails.find((m) => m.envelope.to.includes(readers[0]?.email as string));
      const link = new URL((first?.header("list-unsubscribe") ?? "").replace(/^<|>$/g, ""));
      const posted = await t().app.inject({
        method: "POST",
        url: `${link.pathname}${link.search}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "List-Unsubscribe=One-Click",
      });
      expect(posted.statusCode).toBeLessThan(300);
      const status = await t()
        .store.db.selectFrom("subscribers")
        .select("status")
        .where("id", "=", readers[0]?.id as string)
        .executeTakeFirstOrThrow();
      expect(status.status).toBe("unsubscribed");

      // The sender settles the edition just after the batch it sent.
      await vi.waitFor(async () => {
        const { edition: after } = (
          await t().call(editor, "GET", `/editions/${edition.id}`)
        ).json();
        expect(after.figures).toMatchObject({ recipients: 2, sent: 2, queued: 0, unsubscribed: 1 });
        expect(after.status).toBe("sent");
      });
    });
  });
