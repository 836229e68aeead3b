// Staff notifications, invitations, password links and commenter verification through a real
// SMTP server (issue 15): the app with its mail sender running delivers to
// test/helpers/smtp-sink.ts, and what arrives is read as a mail client would.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import type { Role } from "../../../src/content/index.js";
import { buildServer } from "../../../src/server.js";
import { makeFormStamp } from "../../../src/site/comments/signing.js";
import {
  createArticle,
  createPerson,
  getCommentSecret,
  type Store,
  transitionArticle,
} from "../../../src/store/index.js";
import { signIn, TEST_PASSWORD } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { type Basics, personInput, seedBasics, uniqueSlug } from "../../helpers/fixtures.js";
import { type SmtpSink, startSmtpSink, waitForMail } from "../../helpers/smtp-sink.js";

const API = "/api/admin/v1";

for (const db of DATABASES)
  describe(`notifications through SMTP (${db.name})`, () => {
    let sink: SmtpSink;
    let app: FastifyInstance;
    let store: Store;
    let dataDir: string;
    let basics: Basics;

    beforeAll(async () => {
      sink = await startSmtpSink();
      store = await db.open();
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-notify-smtp-"));
      const config = loadConfig({
        MASTHEAD_DATA_DIR: dataDir,
        MASTHEAD_URL: "https://news.test",
        MASTHEAD_SMTP_URL: sink.url,
        MASTHEAD_MAIL_FROM: "The Paper <news@paper.test>",
      });
      app = await buildServer({ config, store, logLevel: "silent", mailSender: { pollMs: 50 } });
      await app.ready();
      basics = await seedBasics(store);
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
      await sink?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    const staff = async (role: Role) => {
      const person = await createPerson(store, personInput({ name: `A ${role}` }));
      const signedIn = await signIn(app, store, role, { personId: person.id });
      return { ...signedIn, personId: person.id };
    };
    const call = (
      who: { headers: Record<string, string> } | undefined,
      method: "POST" | "PUT",
      url: string,
      payload: object,
    ) => app.inject({ method, url: API + url, headers: who?.headers ?? {}, payload });

    it("a submission reaches the editors by role, and not the submitter, a contributor or one who switched it off", async () => {
      const submitter = await staff("author");
      const editor = await staff("editor");
      const owner = await staff("owner");
      const deaf = await staff("editor");
      const contributor = await staff("contributor");
      await call(deaf, "PUT", "/me/notifications", { switches: { article_submitted: false } });
      const article = await createArticle(
        store,
        basics.articleInput({ authorIds: [submitter.personId], headline: "Harbour plan" }),
      );
      const res = await call(submitter, "POST", `/articles/${article.id}/transitions`, {
        to: "in_review",
        version: 1,
      });
      expect(res.statusCode).toBe(200);
      const mail = await waitForMail(sink, (m) => m.envelope.to.includes(editor.user.email));
      expect(mail.subject).toBe("For review: Harbour plan");
      expect(mail.header("from")).toContain("news@paper.test");
      expect(mail.text).toContain(`https://news.test/admin/articles/${article.id}`);
      expect(mail.html).toContain(`href="https://news.test/admin/articles/${article.id}"`);
      await waitForMail(sink, (m) => m.envelope.to.includes(owner.user.email));
      // Whatever else was due has been sent by now (the sender takes due rows oldest first).
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const left of [submitter, deaf, contributor])
        expect(sink.to(left.user.email)).toEqual([]);
      expect(sink.to(editor.user.email)).toHaveLength(1);
    });

    it("an invitation arrives with a link that works; so does a password reset", async () => {
      const owner = await staff("owner");
      const email = `${uniqueSlug("invitee")}@example.org`;
      const invited = await call(owner, "POST", "/invitations", { email, role: "editor" });
      expect(invited.json().sentTo).toBe(email);
      const invitation = await waitForMail(sink, (m) => m.envelope.to.includes(email));
      expect(invitation.subject).toMatch(/^You are invited to /);
      const url = invitation.text?.match(/https:\/\/news\.test\/admin\/accept\?token=\S+/)?.[0];
      expect(url).toBe(invited.json().url);
      const accepted = await call(undefined, "POST", "/invitations/accept", {
        token: new URL(url as string).searchParams.get("token"),
        name: "Ida Invited",
        password: TEST_PASSWORD,
      });
      expect(accepted.statusCode).toBe(201);
      const userId = accepted.json().user.id as string;

      const reset = await call(owner, "POST", `/users/${userId}/reset-link`, {});
      expect(reset.json().sentTo).toBe(email);
      const message = await waitForMail(
        sink,
        (m) => m.envelope.to.includes(email) && /^Reset your password/.test(m.subject ?? ""),
      );
      const link = message.text?.match(/https:\/\/news\.test\/admin\/reset\?token=\S+/)?.[0];
      const done = await call(undefined, "POST", "/password-reset", {
        token: new URL(link as string).searchParams.get("token"),
        password: "another long enough password",
      });
      expect(done.statusCode).toBeLessThan(300);
    });

    it("a commenter confirms their address from the message; their next comment is published at once", async () => {
      const created = await createArticle(store, basics.articleInput({ slug: uniqueSlug("talk") }));
      await transitionArticle(store, created.id, {
        to: "published",
        publishedAt: new Date(Date.now() - 60_000).toISOString(),
        expectedVersion: 1,
        actor: { userId: null, name: "Test setup" },
      });
      const post = async (fields: Record<string, string>, cookie?: string) =>
        app.inject({
          method: "POST",
          url: `/articles/${created.slug}/comments`,
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            ...(cookie ? { cookie } : {}),
          },
          payload: new URLSearchParams({
            stamp: makeFormStamp(await getCommentSecret(store), created.id, Date.now() - 10_000),
            ...fields,
          }).toString(),
        });
      const email = `${uniqueSlug("reader")}@example.org`;
      const held = await post({ name: "Rosa", email, body: "Hello", confirm_email: "yes" });
      expect(held.headers.location).toContain("pending=");
      const cookie = String(held.headers["set-cookie"]).split(";")[0] as string;
      const mail = await waitForMail(sink, (m) => m.envelope.to.includes(email));
      expect(mail.subject).toMatch(/^Confirm your email address/);
      const link = mail.text?.match(/https:\/\/news\.test(\/comments\/confirm-email\?t=\S+)/)?.[1];
      const page = await app.inject(link as string);
      expect(page.body).toContain("Confirm my email address</button>");
      const confirmed = await app.inject({
        method: "POST",
        url: "/comments/confirm-email",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({
          t: new URL(`https://news.test${link}`).searchParams.get("t") as string,
        }).toString(),
      });
      expect(confirmed.statusCode).toBe(200);
      const next = await post({ name: "Rosa", email, body: "Trusted now" }, cookie);
      expect(next.statusCode).toBe(303);
      expect(next.headers.location).not.toContain("pending=");
    });
  });
