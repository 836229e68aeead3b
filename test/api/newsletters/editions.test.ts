// Newsletters and their editions through the admin API: sending an article as newsletter queues
// one outbox row per confirmed, unsuppressed subscriber, once; preview, test send, digests on a
// given clock, the web copy, and the figures an editor sees.
import { describe, expect, it } from "vitest";
import { systemActor } from "../../../src/auth/actor.js";
import { composeDueDigests, finishEditions, sendEdition } from "../../../src/services/editions.js";
import { createSection, latestChangePosition, readChangesAfter } from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";
import { sectionInput } from "../../helpers/fixtures.js";
import { useNewsletterApp } from "./app.js";

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useNewsletterApp(db);

    const outboxOf = (editionId: string) =>
      t()
        .store.db.selectFrom("mail_outbox")
        .selectAll()
        .where("edition_id", "=", editionId)
        .orderBy("to_address")
        .execute();

    /** A newsletter with `confirmed` confirmed subscribers (and a crowd who must get nothing). */
    async function audience(confirmed: number) {
      const newsletter = await t().newsletter();
      const other = await t().newsletter();
      const wanted = [];
      for (let i = 0; i < confirmed; i++)
        wanted.push(await t().subscriber("confirmed", [newsletter.id]));
      await t().subscriber("pending", [newsletter.id]);
      await t().subscriber("unsubscribed", [newsletter.id]);
      await t().subscriber("confirmed", [other.id]);
      const bounced = await t().subscriber("confirmed", [newsletter.id]);
      await t().suppress(bounced.email);
      return { newsletter, wanted };
    }

    it("creates newsletters for editors, refuses a subscription page's slug and authors", async () => {
      const editor = await t().staff("editor");
      const created = await t().call(editor, "POST", "/newsletters", {
        slug: "weekly-roundup",
        name: "Weekly roundup",
        digest: { cadence: "weekly", hourUtc: 8, weekday: 5 },
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().newsletter).toMatchObject({
        slug: "weekly-roundup",
        digest: { cadence: "weekly", hourUtc: 8, weekday: 5, autoSend: false, sectionIds: [] },
      });
      const listed = (await t().call(editor, "GET", "/newsletters")).json();
      expect(listed.items.find((n: { slug: string }) => n.slug === "weekly-roundup")).toMatchObject(
        { subscribers: { confirmed: 0, pending: 0 }, drafts: 0 },
      );
      const reserved = await t().call(editor, "POST", "/newsletters", {
        slug: "unsubscribe",
        name: "Nope",
      });
      expect(reserved.statusCode).toBe(400);
      expect(reserved.json().error.issues[0].path).toBe("slug");
      const author = await t().staff("author");
      expect((await t().call(author, "GET", "/newsletters")).statusCode).toBe(403);
    });

    it("sends an article as newsletter to every confirmed, unsuppressed subscriber, once", async () => {
      const editor = await t().staff("editor");
      const { newsletter, wanted } = await audience(3);
      const article = await t().published({ headline: "Bridge reopens after repairs" });

      const composed = await t().call(editor, "POST", "/editions", {
        newsletterId: newsletter.id,
        articleId: article.id,
        intro: "Good morning.",
      });
      expect(composed.statusCode, composed.body).toBe(201);
      const { edition } = composed.json();
      expect(edition).toMatchObject({
        status: "draft",
        subject: "Bridge reopens after repairs",
        slug: article.slug,
        kind: "article",
      });

      const before = await latestChangePosition(t().store);
      const sent = await t().call(editor, "POST", `/editions/${edition.id}/send`);
      expect(sent.statusCode, sent.body).toBe(202);
      expect(sent.json().edition).toMatchObject({ status: "queued", recipients: 3 });

      const rows = await outboxOf(edition.id);
      expect(rows.map((r) => r.to_address)).toEqual(wanted.map((w) => w.email).sort());
      for (const row of rows) {
        expect(row).toMatchObject({
          kind: "edition",
          status: "queued",
          subject: null,
          html: null,
          text: null,
          headers: null,
        });
        expect(row.message_id).toBe(`<${row.id}@news.test>`);
      }
      const stored = await t()
        .store.db.selectFrom("editions")
        .select(["html", "text"])
        .where("id", "=", edition.id)
        .executeTakeFirstOrThrow();
      // Rendered once: the web copy's address is in, each reader's links wait for the sender.
      const webCopy = `https://news.test/newsletter/${newsletter.slug}/${article.slug}`;
      expect(stored.text).toContain(webCopy);
      expect(stored.text).toContain("%%MH_UNSUBSCRIBE_URL%%");
      expect(stored.html).toContain("Bridge reopens after repairs");

      const events = await readChangesAfter(t().store, before);
      expect(events.map((e) => e.type)).toEqual(["edition.queued"]);
      expect(events[0]?.paths).toEqual([
        `/newsletter/${newsletter.slug}/${article.slug}`,
        `/newsletter/${newsletter.slug}`,
      ]);

      const again = await t().call(editor, "POST", `/editions/${edition.id}/send`);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("MH_CONFLICT");
      expect(await outboxOf(edition.id)).toHaveLength(3);
    });

    it("refuses a draft article, an edition nobody would receive, and sending while it is off", async () => {
      const editor = await t().staff("editor");
      const newsletter = await t().newsletter();
      const draft = await t().draft();
      const refused = await t().call(editor, "POST", "/editions", {
        newsletterId: newsletter.id,
        articleId: draft.id,
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toMatch(/only a published article/);

      const article = await t().published();
      const { edition } = (
        await t().call(editor, "POST", "/editions", {
          newsletterId: newsletter.id,
          articleId: article.id,
        })
      ).json();
      const nobody = await t().call(editor, "POST", `/editions/${edition.id}/send`);
      expect(nobody.statusCode).toBe(409);
      expect(nobody.json().error.message).toMatch(/no confirmed subscribers/);
      // Nothing half-done: still a draft, nothing queued.
      expect((await t().call(editor, "GET", `/editions/${edition.id}`)).json().edition.status).toBe(
        "draft",
      );

      await t().subscriber("confirmed", [newsletter.id]);
      const off = { ...t().config, mail: { ...t().config.mail, smtpUrl: null } };
      await expect(
        sendEdition({ store: t().store, config: off }, systemActor("test"), edition.id),
      ).rejects.toMatchObject({
        code: "MH_CONFLICT",
        message: expect.stringMatching(/MASTHEAD_SMTP_URL/),
      });
      expect(await outboxOf(edition.id)).toHaveLength(0);
    });

    it("previews as HTML and text with a sample reader's links, and sends a test to oneself", async () => {
      const editor = await t().staff("editor");
      const newsletter = await t().newsletter();
      const article = await t().published({ headline: "Library extends its hours" });
      const { edition } = (
        await t().call(editor, "POST", "/editions", {
          newsletterId: newsletter.id,
          articleId: article.id,
        })
      ).json();

      const html = await t().call(editor, "GET", `/editions/${edition.id}/preview?format=html`);
      expect(html.statusCode).toBe(200);
      expect(html.headers["content-type"]).toMatch(/^text\/html/);
      expect(html.headers["content-security-policy"]).toMatch(/sandbox/);
      expect(html.body).toContain("Library extends its hours");
      expect(html.body).not.toContain("%%MH_");
      const text = await t().call(editor, "GET", `/editions/${edition.id}/preview?format=text`);
      expect(text.headers["content-type"]).toMatch(/^text\/plain/);
      expect(text.body).toContain("LIBRARY EXTENDS ITS HOURS");
      expect(text.body).toContain("https://news.test/newsletter/unsubscribe?s=preview");

      const test = await t().call(editor, "POST", `/editions/${edition.id}/test`);
      expect(test.statusCode, test.body).toBe(202);
      expect(test.json()).toEqual({ to: editor.user.email });
      const rows = await t()
        .store.db.selectFrom("mail_outbox")
        .selectAll()
        .where("to_address", "=", editor.user.email)
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: "test", subject: "[Test] Library extends its hours" });
      // A test changes nothing about the edition.
      expect((await t().call(editor, "GET", `/editions/${edition.id}`)).json().edition.status).toBe(
        "draft",
      );
    });

    it("composes a digest at its hour from its sections' articles, once across runs", async () => {
      const section = await createSection(t().store, sectionInput());
      const now = new Date("2025-03-04T07:00:30Z");
      const inside = await t().published({
        at: new Date("2025-03-03T09:00:00Z"),
        sectionId: section.id,
        headline: "Yesterday's story",
      });
      const later = await t().published({
        at: new Date("2025-03-04T06:30:00Z"),
        sectionId: section.id,
      });
      await t().published({ at: new Date("2025-03-03T10:00:00Z") }); // another section
      await t().published({ at: new Date("2025-03-02T10:00:00Z"), sectionId: section.id }); // too old
      const newsletter = await t().newsletter({
        digest: { cadence: "daily", hourUtc: 7, sectionIds: [section.id], autoSend: false },
      });
      // Created "before" the digest's hour, as a newsletter running for a while would be.
      await t()
        .store.db.updateTable("newsletters")
        .set({ created_at: "2025-01-01T00:00:00.000Z" })
        .where("id", "=", newsletter.id)
        .execute();
      const deps = { store: t().store, config: t().config };

      expect(await composeDueDigests(deps, new Date("2025-03-04T06:59:00Z"))).toEqual(
        expect.not.arrayContaining([expect.objectContaining({ newsletterId: newsletter.id })]),
      );
      const made = (await composeDueDigests(deps, now)).filter(
        (e) => e.newsletterId === newsletter.id,
      );
      expect(made).toHaveLength(1);
      expect(made[0]).toMatchObject({
        kind: "digest",
        slug: "2025-03-04",
        status: "draft",
        articleIds: [inside.id, later.id],
      });
      // The Newsletters screen says a draft waits for an editor.
      const editor = await t().staff("editor");
      const listed = (await t().call(editor, "GET", "/newsletters")).json();
      expect(listed.items.find((n: { id: string }) => n.id === newsletter.id)).toMatchObject({
        drafts: 1,
      });
      // Another instance, or the next minute: the same digest is not made twice.
      const again = await composeDueDigests(deps, new Date("2025-03-04T07:01:30Z"));
      expect(again.filter((e) => e.newsletterId === newsletter.id)).toEqual([]);

      // An editor removes one article and renames it, then it is sent.
      const id = made[0]?.id as string;
      const edited = await t().call(editor, "PUT", `/editions/${id}`, {
        subject: "Your Tuesday",
        intro: "Two stories today.",
        articleIds: [inside.id],
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json().edition).toMatchObject({
        subject: "Your Tuesday",
        articleIds: [inside.id],
      });
      const foreign = await t().call(editor, "PUT", `/editions/${id}`, {
        subject: "x",
        articleIds: [(await t().published()).id],
      });
      expect(foreign.statusCode).toBe(400);
      const preview = await t().call(editor, "GET", `/editions/${id}/preview?format=text`);
      expect(preview.body).toMatch(/Yesterday's story/i);
    });

    it("sends a digest at once when autoSend is on", async () => {
      const section = await createSection(t().store, sectionInput());
      await t().published({ at: new Date("2025-06-01T12:00:00Z"), sectionId: section.id });
      const newsletter = await t().newsletter({
        digest: {
          cadence: "weekly",
          weekday: 1,
          hourUtc: 6,
          sectionIds: [section.id],
          autoSend: true,
        },
      });
      await t()
        .store.db.updateTable("newsletters")
        .set({ created_at: "2025-01-01T00:00:00.000Z" })
        .where("id", "=", newsletter.id)
        .execute();
      const reader = await t().subscriber("confirmed", [newsletter.id]);
      // 2025-06-02 is a Monday.
      const made = (
        await composeDueDigests(
          { store: t().store, config: t().config },
          new Date("2025-06-02T06:10:00Z"),
        )
      ).filter((e) => e.newsletterId === newsletter.id);
      expect(made).toMatchObject([{ status: "queued", recipients: 1, slug: "2025-06-02" }]);
      const rows = await outboxOf(made[0]?.id as string);
      expect(rows.map((r) => r.to_address)).toEqual([reader.email]);
      const copy = await t().app.inject({
        method: "GET",
        url: `/newsletter/${newsletter.slug}/2025-06-02`,
      });
      expect(copy.statusCode).toBe(200);
    });

    it("shows a sent edition's web copy and the newsletter's past editions; a draft has none", async () => {
      const editor = await t().staff("editor");
      const { newsletter } = await audience(1);
      const article = await t().published({ headline: "Harbour festival returns" });
      const { edition } = (
        await t().call(editor, "POST", "/editions", {
          newsletterId: newsletter.id,
          articleId: article.id,
          subject: "This weekend",
          intro: "The festival is back.",
        })
      ).json();
      const path = `/newsletter/${newsletter.slug}/${edition.slug}`;
      expect((await t().app.inject({ method: "GET", url: path })).statusCode).toBe(404);

      await t().call(editor, "POST", `/editions/${edition.id}/send`);
      const page = await t().app.inject({ method: "GET", url: path });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("This weekend");
      expect(page.body).toContain("The festival is back.");
      expect(page.body).toContain(`href="/articles/${article.slug}"`);
      const list = await t().app.inject({ method: "GET", url: `/newsletter/${newsletter.slug}` });
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(`href="${path}"`);
      expect(
        (await t().app.inject({ method: "GET", url: "/newsletter/no-such-letter" })).statusCode,
      ).toBe(404);
    });

    it("counts sent, failed, bounced, suppressed and unsubscribed per edition, and marks it sent", async () => {
      const editor = await t().staff("editor");
      const { newsletter, wanted } = await audience(5);
      const article = await t().published();
      const { edition } = (
        await t().call(editor, "POST", "/editions", {
          newsletterId: newsletter.id,
          articleId: article.id,
        })
      ).json();
      await t().call(editor, "POST", `/editions/${edition.id}/send`);
      const rows = await outboxOf(edition.id);
      const mark = (i: number, status: string) =>
        t()
          .store.db.updateTable("mail_outbox")
          .set({ status })
          .where("id", "=", rows[i]?.id as string)
          .execute();
      await mark(0, "sent");
      await mark(1, "sent");
      await mark(2, "bounced");
      await mark(3, "failed");
      await t()
        .store.db.insertInto("subscriber_consents")
        .values({
          id: crypto.randomUUID(),
          subscriber_id: wanted[0]?.id as string,
          action: "unsubscribe",
          form: "one-click",
          newsletter_ids: JSON.stringify([newsletter.id]),
          edition_id: edition.id,
          at: new Date().toISOString(),
        })
        .execute();

      const listed = (
        await t().call(editor, "GET", `/newsletters/${newsletter.id}/editions`)
      ).json();
      expect(listed.items[0].figures).toEqual({
        recipients: 5,
        queued: 1,
        sent: 2,
        failed: 1,
        bounced: 1,
        suppressed: 0,
        unsubscribed: 1,
      });

      await finishEditions({ store: t().store });
      expect((await t().call(editor, "GET", `/editions/${edition.id}`)).json().edition.status).toBe(
        "queued",
      );
      await mark(4, "suppressed");
      const finished = await finishEditions({ store: t().store });
      expect(finished.map((e) => e.id)).toContain(edition.id);
      expect(
        (await t().call(editor, "GET", `/editions/${edition.id}`)).json().edition,
      ).toMatchObject({ status: "sent", figures: { suppressed: 1 } });
    });
  });
