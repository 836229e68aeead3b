// Double opt-in through a real SMTP server (issue 15): the app with its mail sender running
// delivers the confirmation message to test/helpers/smtp-sink.ts; the link in what arrived opens
// a page with a button, and only the button's POST confirms.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import { createNewsletter, getSubscriberByEmail, type Store } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { type SmtpSink, startSmtpSink, waitForMail } from "../helpers/smtp-sink.js";

for (const db of DATABASES)
  describe(db.name, () => {
    let sink: SmtpSink;
    let app: FastifyInstance;
    let store: Store;
    let dataDir: string;

    beforeAll(async () => {
      sink = await startSmtpSink();
      store = await db.open();
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-newsletter-smtp-"));
      const config = loadConfig({
        MASTHEAD_DATA_DIR: dataDir,
        MASTHEAD_URL: "https://news.test",
        MASTHEAD_SMTP_URL: sink.url,
        MASTHEAD_MAIL_FROM: "The Paper <news@paper.test>",
      });
      app = await buildServer({ config, store, logLevel: "silent", mailSender: { pollMs: 50 } });
      await app.ready();
      await createNewsletter(store, { slug: "daily", name: "The Daily" });
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
      await sink?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it("the confirmation message arrives; its link shows a button; only the POST confirms", async () => {
      const email = `smtp-${db.name}@example.org`;
      const posted = await app.inject({
        method: "POST",
        url: "/newsletter",
        payload: new URLSearchParams({ form: "article", email, name: "Ana" }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(posted.statusCode).toBe(303);
      const page = await app.inject({ method: "GET", url: "/newsletter/check-inbox" });
      expect(page.body).not.toContain("not being sent yet");

      const mail = await waitForMail(sink, (m) => m.envelope.to.includes(email));
      expect(mail.subject).toContain("Confirm your subscription");
      expect(mail.header("from")).toContain("news@paper.test");
      expect(mail.html).toContain("/newsletter/confirm?");
      const link = mail.text?.match(/https:\/\/news\.test(\/newsletter\/confirm\?\S+)/)?.[1];
      expect(link).toBeDefined();

      const shown = await app.inject({ method: "GET", url: link as string });
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain("Confirm my subscription");
      expect((await getSubscriberByEmail(store, email))?.status).toBe("pending");

      const subscriber = await getSubscriberByEmail(store, email);
      const confirmed = await app.inject({
        method: "POST",
        url: link as string,
        payload: new URLSearchParams({
          newsletter: subscriber?.newsletterIds[0] as string,
        }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(confirmed.statusCode).toBe(200);
      expect((await getSubscriberByEmail(store, email))?.status).toBe("confirmed");
      // One message only: the confirmation.
      expect(sink.to(email)).toHaveLength(1);
    });
  });
