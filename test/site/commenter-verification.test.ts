// Commenter email verification (issue 15, point 6) over HTTP on each database: a held comment
// with the box ticked mails a link (at most one per commenter per ten minutes); the link opens a
// page with a button and changes nothing; the button's POST, from any browser, confirms once;
// the commenter's next comment is then published without moderation. Expired, reused and
// tampered links get a clear page.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Config, loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import { askCommenterConfirmation } from "../../src/services/commenter-verification.js";
import { makeFormStamp } from "../../src/site/comments/signing.js";
import {
  createArticle,
  getCommentSecret,
  isTrustedCommenter,
  type Store,
  transitionArticle,
} from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { seedBasics, uniqueSlug } from "../helpers/fixtures.js";

for (const db of DATABASES)
  describe(`commenter email verification (${db.name})`, () => {
    let app: FastifyInstance;
    let store: Store;
    let dataDir: string;
    let config: Config;
    let article: { id: string; path: string };

    beforeAll(async () => {
      store = await db.open();
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-verify-"));
      config = loadConfig({
        MASTHEAD_DATA_DIR: dataDir,
        MASTHEAD_URL: "https://news.test",
        MASTHEAD_SMTP_URL: "smtp://127.0.0.1:9",
        MASTHEAD_MAIL_FROM: "The Paper <news@paper.test>",
        MASTHEAD_MAIL_SENDER: "off",
        // Each post from an address of its own: the per-address comment limit is not under test.
        MASTHEAD_TRUST_PROXY: "loopback",
      });
      app = await buildServer({ config, store, logLevel: "silent" });
      await app.ready();
      const basics = await seedBasics(store);
      const created = await createArticle(store, basics.articleInput({ slug: uniqueSlug("talk") }));
      await transitionArticle(store, created.id, {
        to: "published",
        publishedAt: new Date(Date.now() - 60_000).toISOString(),
        expectedVersion: 1,
        actor: { userId: null, name: "Test setup" },
      });
      article = { id: created.id, path: `/articles/${created.slug}` };
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    let posts = 1;
    const post = async (fields: Record<string, string>, cookie?: string) =>
      app.inject({
        method: "POST",
        url: `${article.path}/comments`,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": `10.0.${(posts >> 8) & 255}.${posts++ & 255}`,
          ...(cookie ? { cookie } : {}),
        },
        payload: new URLSearchParams({
          stamp: makeFormStamp(await getCommentSecret(store), article.id, Date.now() - 10_000),
          ...fields,
        }).toString(),
      });
    const cookieOf = (res: { headers: Record<string, unknown> }) =>
      String(res.headers["set-cookie"]).split(";")[0] as string;
    const verifyMail = (to: string) =>
      store.db
        .selectFrom("mail_outbox")
        .select(["to_address", "subject", "text", "html"])
        .where("kind", "=", "comment_verify")
        .where("to_address", "=", to)
        .execute();
    const linkOf = (text: string | null) =>
      /https:\/\/news\.test\/comments\/confirm-email\?t=[A-Za-z0-9_%-]+/.exec(
        text ?? "",
      )?.[0] as string;
    const form = (url: string) =>
      app.inject({
        method: "POST",
        url: "/comments/confirm-email",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ t: new URL(url).searchParams.get("t") ?? "" }).toString(),
      });

    it("mails a link; GET shows a button and changes nothing; POST confirms; the next comment is published at once", async () => {
      const page = await app.inject(article.path);
      expect(page.body).toContain('name="confirm_email"');

      const email = `${uniqueSlug("reader")}@example.org`;
      const first = await post({
        name: "Rita Reader",
        email,
        body: "First!",
        confirm_email: "yes",
      });
      expect(first.statusCode).toBe(303);
      const location = first.headers.location as string;
      expect(location).toContain("confirm=sent");
      const cookie = cookieOf(first);
      const held = await app.inject(location.replace(/#.*$/, ""));
      expect(held.body).toContain("We sent you a message");
      expect(held.body).toContain("Awaiting moderation");

      const mail = await verifyMail(email);
      expect(mail).toHaveLength(1);
      expect(mail[0]?.subject).toMatch(/^Confirm your email address/);
      const link = linkOf(mail[0]?.text ?? null);
      expect(link).toBeDefined();
      expect(mail[0]?.html).toContain(link.replace(/&/g, "&amp;"));

      // Asking again within ten minutes sends nothing more.
      const again = await post(
        { name: "Rita Reader", email, body: "Again", confirm_email: "yes" },
        cookie,
      );
      expect(again.headers.location).toContain("confirm=wait");
      expect(await verifyMail(email)).toHaveLength(1);

      // The link's page: a button, and still nothing confirmed (mail scanners fetch links).
      const opened = await app.inject(link.replace("https://news.test", ""));
      expect(opened.statusCode).toBe(200);
      expect(opened.headers["cache-control"]).toBe("no-store");
      expect(opened.body).toContain("Confirm my email address</button>");
      const hash = await store.db
        .selectFrom("commenter_email_confirmations")
        .select(["commenter_hash", "confirmed_at"])
        .where("email", "=", email)
        .executeTakeFirstOrThrow();
      expect(hash.confirmed_at).toBeNull();
      expect(await isTrustedCommenter(store, hash.commenter_hash)).toBe(false);

      // The POST, from another browser (no cookie): confirmed.
      const confirmed = await form(link);
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.body).toContain("Email address confirmed");
      expect(await isTrustedCommenter(store, hash.commenter_hash)).toBe(true);
      // Reused: a clear page, nothing changes.
      const reused = await form(link);
      expect(reused.statusCode).toBe(410);
      expect(reused.body).toContain("Already confirmed");

      // The commenter's next comment goes straight up.
      const trusted = await post({ name: "Rita Reader", email, body: "Now trusted" }, cookie);
      expect(trusted.statusCode).toBe(303);
      expect(trusted.headers.location).not.toContain("pending=");
      const statuses = await store.db
        .selectFrom("comments")
        .select(["body", "status"])
        .where("commenter_hash", "=", hash.commenter_hash)
        .orderBy("created_at")
        .execute();
      expect(statuses.map((c) => c.status)).toEqual(["pending", "pending", "approved"]);
    });

    it("refuses an expired link and a tampered one with a clear page", async () => {
      const email = `${uniqueSlug("late")}@example.org`;
      const commenterHash = `late-${uniqueSlug("c")}`;
      const asked = await askCommenterConfirmation(
        { store, config },
        { commenterHash, email },
        new Date(Date.now() - 25 * 60 * 60 * 1000),
      );
      expect(asked).toBe("sent");
      const link = linkOf((await verifyMail(email))[0]?.text ?? null);
      const opened = await app.inject(link.replace("https://news.test", ""));
      expect(opened.statusCode).toBe(410);
      expect(opened.body).toContain("This link has expired");
      expect(opened.body).not.toContain("Confirm my email address</button>");
      const expired = await form(link);
      expect(expired.statusCode).toBe(410);
      expect(await isTrustedCommenter(store, commenterHash)).toBe(false);

      const tampered = await form(`${link.slice(0, -2)}xx`);
      expect(tampered.statusCode).toBe(404);
      expect(tampered.body).toContain("This link does not work");
      const missing = await app.inject("/comments/confirm-email");
      expect(missing.statusCode).toBe(404);
    });

    it("one address gets at most one message per ten minutes, whatever cookie asks", async () => {
      const email = `${uniqueSlug("target")}@example.org`;
      const first = await post({ name: "A", email, body: "One", confirm_email: "yes" });
      expect(first.headers.location).toContain("confirm=sent");
      // No cookie: a new commenter each time, the same address.
      const second = await post({
        name: "B",
        email: email.toUpperCase(),
        body: "Two",
        confirm_email: "yes",
      });
      expect(second.headers.location).toContain("confirm=wait");
      expect(await verifyMail(email)).toHaveLength(1);
    });

    it("a held comment without the box ticked, or without an address, mails nothing", async () => {
      const email = `${uniqueSlug("quiet")}@example.org`;
      const res = await post({ name: "Quiet", email, body: "No thanks" });
      expect(res.headers.location).not.toContain("confirm=");
      const noAddress = await post({ name: "Anon", body: "Hi", confirm_email: "yes" });
      expect(noAddress.headers.location).not.toContain("confirm=");
      expect(await verifyMail(email)).toHaveLength(0);
    });
  });
