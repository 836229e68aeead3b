// The newsletter's public pages on the real app (issue 15): subscribe from an article, the front
// page or /newsletter (double opt-in: a pending subscriber and a queued confirmation message),
// confirm by the page's button only, preferences, unsubscribe by button or RFC 8058 one-click,
// deletion on request, and the bad input the issue names. Sending is off in this app, so the
// messages stay in the outbox, where these tests read them.
import type { LightMyRequestResponse } from "fastify";
import { describe, expect, it } from "vitest";
import { subscriberLinks } from "../../src/mail/links.js";
import {
  createNewsletter,
  getSubscriberByEmail,
  listConsents,
  type Store,
} from "../../src/store/index.js";
import { useContentApp } from "../api/content/app.js";
import { DATABASES } from "../helpers/databases.js";
import { uniqueSlug } from "../helpers/fixtures.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

let ips = 0;
/** A client address of its own for each post. */
const freshIp = () => {
  ips += 1;
  return `10.7.${(ips >> 8) & 255}.${ips & 255}`;
};

let addresses = 0;
const freshAddress = (local = "reader") => {
  addresses += 1;
  return `${local}${addresses}@example.org`;
};

/** The confirmation messages queued to `address`, oldest first. */
async function outboxTo(store: Store, address: string) {
  return store.db
    .selectFrom("mail_outbox")
    .selectAll()
    .where("to_address", "=", address)
    .orderBy("created_at")
    .execute();
}

/** The first link in a message's text part that goes to `path`. */
function linkIn(text: string | null, path: string): string {
  const found = (text ?? "").match(new RegExp(`https://news\\.test${path}\\?\\S+`));
  if (!found) throw new Error(`no ${path} link in: ${text}`);
  return found[0];
}

/** A link's path and query, for inject. */
const local = (url: string) => url.replace("https://news.test", "");

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);

    const post = (url: string, fields: Record<string, string | string[]>) => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields))
        for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      return t().app.inject({
        method: "POST",
        url,
        payload: body.toString(),
        headers: { ...FORM, "x-forwarded-for": freshIp() },
      });
    };
    const get = (url: string) => t().app.inject({ method: "GET", url });

    let newsletters: { daily: string; weekly: string } | undefined;
    /** Two active newsletters and an inactive one, made once. */
    async function lists() {
      if (newsletters) return newsletters;
      const daily = await createNewsletter(t().store, {
        slug: uniqueSlug("daily"),
        name: "The Daily",
        position: 0,
      });
      const weekly = await createNewsletter(t().store, {
        slug: uniqueSlug("weekly"),
        name: "The Weekly",
        position: 1,
      });
      await createNewsletter(t().store, {
        slug: uniqueSlug("old"),
        name: "Retired letter",
        active: false,
        position: 2,
      });
      newsletters = { daily: daily.id, weekly: weekly.id };
      return newsletters;
    }

    /** Subscribes `email` from the article form and returns the confirm link it was sent. */
    async function subscribed(email: string) {
      const res = await post("/newsletter", { form: "article", email });
      expect(res.statusCode).toBe(303);
      const [mail] = await outboxTo(t().store, email);
      return linkIn(mail?.text ?? null, "/newsletter/confirm");
    }

    /** A confirmed subscriber and their links. */
    async function confirmed(email = freshAddress()) {
      const confirm = await subscribed(email);
      const ticked = { newsletter: (await lists()).daily };
      expect((await post(local(confirm), ticked)).statusCode).toBe(200);
      const subscriber = await getSubscriberByEmail(t().store, email);
      if (!subscriber) throw new Error("not subscribed");
      return { subscriber, links: subscriberLinks("https://news.test", subscriber) };
    }

    it("shows the subscribe form under articles and on the front page once a newsletter is active", async () => {
      const article = await t().article({ status: "published" });
      const before = await get(`/articles/${article.slug}`);
      expect(before.body).not.toContain('action="/newsletter"');
      // Created through the admin API: its change event drops the cached pages.
      const editor = await t().staff("editor");
      const created = await t().call(editor, "POST", "/newsletters", {
        slug: uniqueSlug("first"),
        name: "First Letter",
        position: 50,
      });
      expect(created.statusCode).toBe(201);
      let page = await get(`/articles/${article.slug}`);
      for (let i = 0; i < 50 && !page.body.includes('action="/newsletter"'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        page = await get(`/articles/${article.slug}`);
      }
      expect(page.body).toContain('action="/newsletter"');
      expect(page.body).toContain('name="form" value="article"');
      const home = await get("/");
      expect(home.body).toContain('name="form" value="home"');
      await lists();
    });

    it("lists the active newsletters with checkboxes, uncached", async () => {
      await lists();
      const res = await get("/newsletter");
      expect(res.statusCode).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.body).toContain("The Daily");
      expect(res.body).toContain("The Weekly");
      expect(res.body).not.toContain("Retired letter");
      expect(res.body).toContain('type="checkbox"');
      // Sending is off in this app: the page says so.
      expect(res.body).toContain("Confirmation emails are not being sent yet");
    });

    it("a subscribe makes a pending subscriber and queues one confirmation message", async () => {
      const { daily } = await lists();
      const email = freshAddress();
      const res = await post("/newsletter", { form: "article", email, name: "Ana" });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/newsletter/check-inbox");
      const check = await get("/newsletter/check-inbox");
      expect(check.body).toContain("Check your inbox");
      expect(check.headers["cache-control"]).toBe("no-store");

      const subscriber = await getSubscriberByEmail(t().store, email);
      expect(subscriber).toMatchObject({ status: "pending", name: "Ana", newsletterIds: [daily] });
      const consents = await listConsents(t().store, subscriber?.id as string);
      expect(consents).toMatchObject([
        { action: "subscribe", form: "article", newsletterIds: [daily] },
      ]);
      const mails = await outboxTo(t().store, email);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ kind: "confirm", status: "queued", to_name: "Ana" });
      expect(mails[0]?.subject).toContain("Confirm your subscription");
      expect(mails[0]?.message_id).toMatch(/^<.+@news\.test>$/);
      expect(linkIn(mails[0]?.text ?? null, "/newsletter/confirm")).toContain(
        `s=${subscriber?.id}`,
      );
    });

    it("the confirm link's GET changes nothing; its button confirms with the newsletters ticked", async () => {
      const { daily, weekly } = await lists();
      const email = freshAddress();
      const confirm = await subscribed(email);
      const page = await get(local(confirm));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Confirm my subscription");
      expect(page.headers["cache-control"]).toBe("no-store");
      expect((await getSubscriberByEmail(t().store, email))?.status).toBe("pending");

      const none = await post(local(confirm), {});
      expect(none.statusCode).toBe(400);
      expect(none.body).toContain("choose at least one newsletter");

      const done = await post(local(confirm), { newsletter: [daily, weekly] });
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain("You are subscribed");
      expect(done.body).toContain("/newsletter/preferences?");
      const subscriber = await getSubscriberByEmail(t().store, email);
      expect(subscriber).toMatchObject({
        status: "confirmed",
        newsletterIds: [daily, weekly].sort(),
      });
      expect(subscriber?.confirmedAt).not.toBeNull();
      const actions = (await listConsents(t().store, subscriber?.id as string)).map(
        (c) => c.action,
      );
      expect(actions).toEqual(["subscribe", "confirm"]);

      const again = await get(local(confirm));
      expect(again.body).toContain("You are already subscribed");
    });

    it("a confirmed address subscribing again is not duplicated and gets 'already subscribed' (not within 10 minutes)", async () => {
      await lists();
      const { subscriber } = await confirmed();
      const before = await outboxTo(t().store, subscriber.email);
      const res = await post("/newsletter", { form: "home", email: subscriber.email });
      // The same answer as for anyone: the page never tells whether an address is known.
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/newsletter/check-inbox");
      expect(await outboxTo(t().store, subscriber.email)).toHaveLength(before.length);
      // Ten minutes later, one "already subscribed" message with the preferences link.
      await t()
        .store.db.updateTable("subscribers")
        .set({ confirm_sent_at: new Date(Date.now() - 11 * 60_000).toISOString() })
        .where("id", "=", subscriber.id)
        .execute();
      await post("/newsletter", { form: "home", email: subscriber.email.toUpperCase() });
      const after = await outboxTo(t().store, subscriber.email);
      expect(after).toHaveLength(before.length + 1);
      expect(after.at(-1)?.subject).toContain("already subscribed");
      expect(after.at(-1)?.text).toContain("/newsletter/preferences?");
      const again = await getSubscriberByEmail(t().store, subscriber.email);
      expect(again?.status).toBe("confirmed");
      const count = await t()
        .store.db.selectFrom("subscribers")
        .select((eb) => eb.fn.countAll().as("n"))
        .where((eb) => eb(eb.fn("lower", ["email"]), "=", subscriber.email.toLowerCase()))
        .executeTakeFirst();
      expect(Number(count?.n)).toBe(1);
    });

    it("a flooded form sends one message per 10 minutes and refuses an address past 5 submissions", async () => {
      await lists();
      const email = freshAddress("flood");
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (
            await post("/newsletter", {
              form: "newsletter-page",
              email,
              newsletter: (await lists()).daily,
            })
          ).statusCode,
        );
      expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
      expect(await outboxTo(t().store, email)).toHaveLength(1);
      const refused = await post("/newsletter", { form: "home", email });
      expect(refused.statusCode).toBe(429);
      expect(refused.body).toContain("Wait ten minutes");
    });

    it("one network address may not sign up more than 20 addresses in 10 minutes", async () => {
      const { daily } = await lists();
      const ip = freshIp();
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        const res = await t().app.inject({
          method: "POST",
          url: "/newsletter",
          payload: new URLSearchParams({
            form: "newsletter-page",
            email: freshAddress("stranger"),
            newsletter: daily,
          }).toString(),
          headers: { ...FORM, "x-forwarded-for": ip },
        });
        statuses.push(res.statusCode);
        if (i === 20) expect(res.body).toContain("Many subscriptions came from your network");
      }
      expect(statuses.filter((s) => s === 303)).toHaveLength(20);
      expect(statuses.at(-1)).toBe(429);
    });

    it("refuses invalid, throwaway and header-injecting addresses and names with clear errors", async () => {
      const { daily } = await lists();
      const cases: [Record<string, string>, string][] = [
        [{ email: "not-an-address" }, "needs an @"],
        [{ email: "someone@mailinator.com" }, "throwaway"],
        [{ email: "a@example.org\r\nBcc: victim@example.org" }, "line break"],
        [{ email: "Ana <ana@example.org>" }, "without a name or angle brackets"],
        [{ email: freshAddress(), name: "Ana\r\nBcc: victim@example.org" }, "one line"],
      ];
      for (const [fields, message] of cases) {
        const res = await post("/newsletter", {
          form: "newsletter-page",
          newsletter: daily,
          ...fields,
        });
        expect(res.statusCode, JSON.stringify(fields)).toBe(400);
        expect(res.body).toContain(message);
        expect(res.body).toContain("Your subscription was not taken");
      }
      const none = await post("/newsletter", { form: "newsletter-page", email: freshAddress() });
      expect(none.statusCode).toBe(400);
      expect(none.body).toContain("choose at least one newsletter");
      const rows = await t()
        .store.db.selectFrom("subscribers")
        .select("email")
        .where("email", "like", "%mailinator%")
        .execute();
      expect(rows).toEqual([]);
    });

    it("preferences: change name and newsletters, unsubscribe from all, delete my data", async () => {
      const { daily, weekly } = await lists();
      const { subscriber, links } = await confirmed();
      const page = await get(local(links.preferences));
      expect(page.statusCode).toBe(200);
      expect(page.headers["cache-control"]).toBe("no-store");
      expect(page.body).toContain(subscriber.email);

      const saved = await post(local(links.preferences), {
        do: "save",
        name: "Ana B.",
        newsletter: [weekly],
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.body).toContain("Your preferences are saved");
      expect(await getSubscriberByEmail(t().store, subscriber.email)).toMatchObject({
        name: "Ana B.",
        newsletterIds: [weekly],
        status: "confirmed",
      });
      const badName = await post(local(links.preferences), {
        do: "save",
        name: "x\ny",
        newsletter: [daily],
      });
      expect(badName.statusCode).toBe(400);
      expect(badName.body).toContain("one line");

      const off = await post(local(links.preferences), { do: "unsubscribe" });
      expect(off.body).toContain("You are unsubscribed");
      expect(await getSubscriberByEmail(t().store, subscriber.email)).toMatchObject({
        status: "unsubscribed",
        newsletterIds: [],
      });
      // Ticking a newsletter again subscribes again: the link proves the inbox is theirs.
      await post(local(links.preferences), { do: "save", name: "", newsletter: [daily] });
      expect(await getSubscriberByEmail(t().store, subscriber.email)).toMatchObject({
        status: "confirmed",
        newsletterIds: [daily],
      });
      const actions = (await listConsents(t().store, subscriber.id)).map((c) => c.action);
      expect(actions).toEqual([
        "subscribe",
        "confirm",
        "preferences",
        "unsubscribe",
        "preferences",
      ]);

      const deleted = await post(local(links.preferences), { do: "delete" });
      expect(deleted.body).toContain("Your data is deleted");
      expect(await getSubscriberByEmail(t().store, subscriber.email)).toBeUndefined();
      expect(await listConsents(t().store, subscriber.id)).toEqual([]);
      const gone = await get(local(links.preferences));
      expect(gone.statusCode).toBe(404);
      expect(gone.body).toContain("This link is not valid");
    });

    it("unsubscribe: the GET only shows a button; the POST unsubscribes and records the edition", async () => {
      await lists();
      const { subscriber } = await confirmed();
      const edition = await t()
        .store.db.insertInto("editions")
        .values({
          id: crypto.randomUUID(),
          newsletter_id: subscriber.newsletterIds[0] as string,
          kind: "article",
          article_id: null,
          article_ids: "[]",
          subject: "An edition",
          intro: "",
          slug: uniqueSlug("edition"),
          status: "sent",
          html: null,
          text: null,
          send_at: null,
          recipients: 1,
          created_by: null,
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
          queued_at: null,
          sent_at: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const link = subscriberLinks("https://news.test", subscriber, edition.id).unsubscribe;
      const page = await get(local(link));
      expect(page.statusCode).toBe(200);
      expect(page.headers["cache-control"]).toBe("no-store");
      expect(page.body).toContain("Unsubscribe");
      expect((await getSubscriberByEmail(t().store, subscriber.email))?.status).toBe("confirmed");

      const done = await post(local(link), {});
      expect(done.body).toContain("You are unsubscribed");
      const after = await getSubscriberByEmail(t().store, subscriber.email);
      expect(after?.status).toBe("unsubscribed");
      expect(after?.unsubscribedAt).not.toBeNull();
      const last = (await listConsents(t().store, subscriber.id)).at(-1);
      expect(last).toMatchObject({
        action: "unsubscribe",
        form: "unsubscribe-page",
        editionId: edition.id,
      });

      // Reused: says so, with the way back.
      const reused = await get(local(link));
      expect(reused.body).toContain("You are already unsubscribed");
      expect(reused.body).toContain("/newsletter/preferences?");
      const reposted = await post(local(link), {});
      expect(reposted.body).toContain("You are already unsubscribed");
    });

    it("RFC 8058 one-click: a POST of List-Unsubscribe=One-Click unsubscribes with a 200 and no page", async () => {
      await lists();
      const { subscriber, links } = await confirmed();
      const res = await post(local(links.unsubscribe), { "List-Unsubscribe": "One-Click" });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("text/plain");
      expect((await getSubscriberByEmail(t().store, subscriber.email))?.status).toBe(
        "unsubscribed",
      );
      const last = (await listConsents(t().store, subscriber.id)).at(-1);
      expect(last).toMatchObject({ action: "unsubscribe", form: "one-click", editionId: null });
      // Again: still 200, nothing more recorded.
      expect(
        (await post(local(links.unsubscribe), { "List-Unsubscribe": "One-Click" })).statusCode,
      ).toBe(200);
      expect(await listConsents(t().store, subscriber.id)).toHaveLength(3);
    });

    it("RFC 8058 one-click sent as multipart/form-data unsubscribes too", async () => {
      await lists();
      const { subscriber, links } = await confirmed();
      const boundary = "----masthead-test";
      const res = await t().app.inject({
        method: "POST",
        url: local(links.unsubscribe),
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe("Unsubscribed.\n");
      expect((await getSubscriberByEmail(t().store, subscriber.email))?.status).toBe(
        "unsubscribed",
      );
      expect((await listConsents(t().store, subscriber.id)).at(-1)?.form).toBe("one-click");
    });

    it("a tampered link is not valid and changes nothing", async () => {
      await lists();
      const { subscriber, links } = await confirmed();
      const tamper = (url: string) => {
        const u = new URL(url);
        const token = u.searchParams.get("t") as string;
        u.searchParams.set("t", `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`);
        return local(u.toString());
      };
      const checks: LightMyRequestResponse[] = [
        await get(tamper(links.unsubscribe)),
        await post(tamper(links.unsubscribe), {}),
        await post(tamper(links.unsubscribe), { "List-Unsubscribe": "One-Click" }),
        await get(tamper(links.preferences)),
        await post(tamper(links.preferences), { do: "delete" }),
        await post(tamper(links.confirm), {}),
        // A link of one purpose does not do another's job.
        await post(local(links.preferences).replace("/preferences", "/unsubscribe"), {}),
        await get("/newsletter/unsubscribe?s=nope&t=nope"),
        await get("/newsletter/unsubscribe"),
      ];
      for (const res of checks) expect(res.statusCode).toBe(404);
      expect(checks[0]?.body).toContain("This link is not valid");
      expect((await getSubscriberByEmail(t().store, subscriber.email))?.status).toBe("confirmed");
    });
  });
