// Staff notifications (issue 15, point 5): change events become messages in the mail outbox,
// each to the right staff by role, once however many instances hear the event, never to a
// person who switched the kind off; invitations and password links are mailed and still shown.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../../src/auth/actor.js";
import { type Config, loadConfig } from "../../../src/config.js";
import type { Role } from "../../../src/content/index.js";
import { buildServer } from "../../../src/server.js";
import { postComment } from "../../../src/services/reader-comments.js";
import { publishDueScheduled, recordScheduleFailures } from "../../../src/services/scheduler.js";
import {
  heldWindow,
  staffNotificationsConsumer,
} from "../../../src/services/staff-notifications.js";
import {
  createArticle,
  createPerson,
  latestChangePosition,
  readChangesAfter,
  type Store,
  transitionArticle,
} from "../../../src/store/index.js";
import { type SignedIn, signIn, TEST_PASSWORD } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { type Basics, personInput, seedBasics, uniqueSlug } from "../../helpers/fixtures.js";

const API = "/api/admin/v1";

interface Staff extends SignedIn {
  role: Role;
  personId: string;
}

interface OutboxRow {
  kind: string;
  to_address: string;
  subject: string | null;
  text: string | null;
  html: string | null;
  dedupe_key: string | null;
  next_attempt_at: string | Date;
  user_id: string | null;
}

/** The app with sending on (MASTHEAD_SMTP_URL) but no sender: messages stay in the outbox. */
function useMailApp(db: (typeof DATABASES)[number]) {
  let app: FastifyInstance;
  let store: Store;
  let dataDir: string;
  let config: Config;
  let basics: Basics;
  beforeAll(async () => {
    store = await db.open();
    dataDir = await mkdtemp(path.join(tmpdir(), "mh-notify-"));
    config = loadConfig({
      MASTHEAD_DATA_DIR: dataDir,
      MASTHEAD_URL: "https://news.test",
      MASTHEAD_SMTP_URL: "smtp://127.0.0.1:9",
      MASTHEAD_MAIL_FROM: "The Paper <news@paper.test>",
      MASTHEAD_MAIL_SENDER: "off",
    });
    app = await buildServer({ config, store, logLevel: "silent" });
    await app.ready();
    basics = await seedBasics(store);
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  return {
    get app() {
      return app;
    },
    get store() {
      return store;
    },
    get config() {
      return config;
    },
    get basics() {
      return basics;
    },
    async staff(role: Role): Promise<Staff> {
      const person = await createPerson(store, personInput({ name: `A ${role}` }));
      const signedIn = await signIn(app, store, role, { personId: person.id });
      return { ...signedIn, role, personId: person.id };
    },
    call(
      who: SignedIn | undefined,
      method: "GET" | "POST" | "PUT",
      url: string,
      payload?: unknown,
    ): Promise<LightMyRequestResponse> {
      return app.inject({
        method,
        url: API + url,
        headers: who?.headers ?? {},
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    },
    async outbox(kind?: string): Promise<OutboxRow[]> {
      let q = store.db
        .selectFrom("mail_outbox")
        .select([
          "kind",
          "to_address",
          "subject",
          "text",
          "html",
          "dedupe_key",
          "next_attempt_at",
          "user_id",
        ]);
      if (kind) q = q.where("kind", "=", kind);
      return (await q.orderBy("created_at").execute()) as OutboxRow[];
    },
  };
}

/** The first https link in a message's text part. */
function linkIn(text: string | null): string {
  const match = /https?:\/\/\S+/.exec(text ?? "");
  if (!match) throw new Error(`no link in: ${text}`);
  return match[0];
}

for (const db of DATABASES)
  describe(`staff notifications (${db.name})`, () => {
    const t = useMailApp(db);

    /** A draft by `authorPersonId`, in the store. */
    const draft = async (authorPersonId: string, headline = "A story for review") =>
      createArticle(
        t.store,
        t.basics.articleInput({ authorIds: [authorPersonId], headline, slug: uniqueSlug("story") }),
      );

    it("submitting for review notifies editors and owners by role, not the submitter, not contributors or authors", async () => {
      const submitter = await t.staff("editor");
      const editor = await t.staff("editor");
      const owner = await t.staff("owner");
      const author = await t.staff("author");
      const contributor = await t.staff("contributor");
      const article = await draft(submitter.personId, "Council <budget> & more");
      const res = await t.call(submitter, "POST", `/articles/${article.id}/transitions`, {
        to: "in_review",
        version: 1,
      });
      expect(res.statusCode).toBe(200);
      const rows = (await t.outbox("notification")).filter((r) =>
        r.dedupe_key?.startsWith(`submitted:${article.id}:`),
      );
      const to = rows.map((r) => r.to_address);
      expect(to).toContain(editor.user.email);
      expect(to).toContain(owner.user.email);
      expect(to).not.toContain(submitter.user.email);
      expect(to).not.toContain(author.user.email);
      expect(to).not.toContain(contributor.user.email);
      const mine = rows.find((r) => r.to_address === editor.user.email) as OutboxRow;
      expect(mine.subject).toBe("For review: Council <budget> & more");
      expect(mine.text).toContain(`https://news.test/admin/articles/${article.id}`);
      expect(mine.text).toContain(`${submitter.user.name} submitted`);
      // Escaped in the HTML part.
      expect(mine.html).toContain("Council &lt;budget&gt; &amp; more");
      expect(mine.html).not.toContain("<budget>");
      expect(mine.user_id).toBe(editor.user.id);
    });

    it("a contributor's submission reaches editors; a person who switched it off gets nothing", async () => {
      const contributor = await t.staff("contributor");
      const listening = await t.staff("editor");
      const deaf = await t.staff("editor");
      const got = await t.call(deaf, "GET", "/me/notifications");
      expect(got.statusCode).toBe(200);
      expect(got.json()).toMatchObject({ sending: true });
      expect(got.json().items.map((i: { kind: string }) => i.kind)).toEqual([
        "article_submitted",
        "comments_held",
        "scheduled_published",
        "schedule_failed",
      ]);
      const off = await t.call(deaf, "PUT", "/me/notifications", {
        switches: { article_submitted: false },
      });
      expect(off.statusCode).toBe(200);
      expect(
        off.json().items.find((i: { kind: string }) => i.kind === "article_submitted").enabled,
      ).toBe(false);
      // A contributor is offered only what their role receives, and cannot set the rest.
      const theirs = await t.call(contributor, "GET", "/me/notifications");
      expect(theirs.json().items.map((i: { kind: string }) => i.kind)).toEqual([
        "scheduled_published",
        "schedule_failed",
      ]);
      const refused = await t.call(contributor, "PUT", "/me/notifications", {
        switches: { comments_held: false },
      });
      expect(refused.statusCode).toBe(400);

      const article = await draft(contributor.personId);
      const res = await t.call(contributor, "POST", `/articles/${article.id}/transitions`, {
        to: "in_review",
        version: 1,
      });
      expect(res.statusCode).toBe(200);
      const to = (await t.outbox("notification"))
        .filter((r) => r.dedupe_key?.startsWith(`submitted:${article.id}:`))
        .map((r) => r.to_address);
      expect(to).toContain(listening.user.email);
      expect(to).not.toContain(deaf.user.email);
      expect(to).not.toContain(contributor.user.email);
    });

    it("an event heard by two instances (two dispatchers) queues each message once", async () => {
      const submitter = await t.staff("author");
      await t.staff("editor");
      const article = await draft(submitter.personId);
      const before = await latestChangePosition(t.store);
      const res = await t.call(submitter, "POST", `/articles/${article.id}/transitions`, {
        to: "in_review",
        version: 1,
      });
      expect(res.statusCode).toBe(200);
      const events = await readChangesAfter(t.store, before);
      expect(events.map((e) => e.type)).toContain("article.submitted");
      const count = async () =>
        (await t.outbox("notification")).filter((r) =>
          r.dedupe_key?.startsWith(`submitted:${article.id}:`),
        ).length;
      const once = await count();
      expect(once).toBeGreaterThan(0);
      // Another instance's consumer hears the same events (twice, as after a retry).
      const other = staffNotificationsConsumer({ store: t.store, config: t.config });
      await other.handle(events);
      await other.handle(events);
      expect(await count()).toBe(once);
      // Sending off: nothing is queued at all.
      const silent = staffNotificationsConsumer({
        store: t.store,
        config: { ...t.config, mail: { ...t.config.mail, smtpUrl: null } },
      });
      const rows = (await t.outbox()).length;
      await silent.handle(events.map((e) => ({ ...e, position: e.position + 1_000_000 })));
      expect((await t.outbox()).length).toBe(rows);
    });

    it("held comments are gathered into one message per moderator per window, sent at the window's end", async () => {
      const moderator = await t.staff("editor");
      const author = await t.staff("author");
      const created = await createArticle(
        t.store,
        t.basics.articleInput({ slug: uniqueSlug("commented") }),
      );
      await transitionArticle(t.store, created.id, {
        to: "published",
        publishedAt: new Date(Date.now() - 60_000).toISOString(),
        expectedVersion: 1,
        actor: { userId: null, name: "Test setup" },
      });
      const before = await latestChangePosition(t.store);
      for (const n of [1, 2, 3])
        await postComment(
          { store: t.store },
          {
            kind: "reader",
            commenterHash: `commenter-${n}-${uniqueSlug("c")}`,
            addressHash: `address-${n}`,
            limit: { max: 100, since: new Date(Date.now() - 600_000).toISOString() },
          },
          {
            articleId: created.id,
            parentId: "",
            authorName: `Reader ${n}`,
            authorEmail: "",
            body: `Comment number ${n}`,
          },
        );
      const held = (await readChangesAfter(t.store, before)).filter(
        (e) => e.type === "comment.held",
      );
      expect(held).toHaveLength(3);
      const windows = new Set(held.map((e) => heldWindow(e.at, 15).start));
      const rows = (await t.outbox("notification")).filter((r) =>
        r.dedupe_key?.startsWith("comments-held:"),
      );
      const mine = rows.filter((r) => r.to_address === moderator.user.email);
      // One per window (the three comments nearly always share one).
      expect(mine).toHaveLength(windows.size);
      expect(rows.filter((r) => r.to_address === author.user.email)).toEqual([]);
      const last = mine[mine.length - 1] as OutboxRow;
      const window = heldWindow(held[held.length - 1]?.at as string, 15);
      expect(last.dedupe_key).toBe(`comments-held:${moderator.user.id}:${window.start}`);
      expect(new Date(last.next_attempt_at).toISOString()).toBe(window.end);
      // It tells every comment waiting (earlier tests' included), the latest by name.
      expect(last.subject).toMatch(/^\d+ comments await moderation$/);
      expect(last.text).toContain("Reader 3 on");
      expect(last.text).toContain("https://news.test/admin/comments");
    });

    it("a scheduled article's publication tells its authors and whoever scheduled it; a failure too", async () => {
      const author = await t.staff("author");
      const scheduler = await t.staff("editor");
      const bystander = await t.staff("editor");
      const article = await draft(author.personId, "Scheduled story");
      const inADay = new Date(Date.now() + 86_400_000).toISOString();
      const moved = await t.call(scheduler, "POST", `/articles/${article.id}/transitions`, {
        to: "scheduled",
        version: 1,
        publishedAt: inADay,
      });
      expect(moved.statusCode).toBe(200);
      // Due now (written behind the scheduler's back, so only this test publishes it).
      await t.store.db
        .updateTable("articles")
        .set({ published_at: new Date(Date.now() - 1000).toISOString() })
        .where("id", "=", article.id)
        .execute();

      expect(
        await recordScheduleFailures({ store: t.store }, new Error("disk full\nstack")),
      ).toBeGreaterThan(0);
      const failed = (await t.outbox("notification")).filter((r) =>
        r.dedupe_key?.startsWith(`schedule-failed:${article.id}:`),
      );
      expect(failed.map((r) => r.to_address).sort()).toEqual(
        [author.user.email, scheduler.user.email].sort(),
      );
      expect(failed[0]?.subject).toBe("Not published: Scheduled story");
      expect(failed[0]?.text).toContain("disk full");
      expect(failed[0]?.text).not.toContain("stack");
      // A second failure of the same due time is not told again.
      await recordScheduleFailures({ store: t.store }, new Error("disk full"));
      expect(
        (await t.outbox("notification")).filter((r) =>
          r.dedupe_key?.startsWith(`schedule-failed:${article.id}:`),
        ),
      ).toHaveLength(2);

      // The failure's event woke the app's own scheduler, which may have published it already.
      await publishDueScheduled({ store: t.store }, systemActor("scheduler"));
      const toldOf = async () =>
        (await t.outbox("notification")).filter((r) =>
          r.dedupe_key?.startsWith(`scheduled-published:${article.id}:`),
        );
      for (let i = 0; i < 50 && (await toldOf()).length < 2; i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const told = await toldOf();
      expect(told.map((r) => r.to_address).sort()).toEqual(
        [author.user.email, scheduler.user.email].sort(),
      );
      expect(told.map((r) => r.to_address)).not.toContain(bystander.user.email);
      expect(told[0]?.subject).toBe("Published: Scheduled story");
      expect(told[0]?.text).toContain(`https://news.test/articles/${article.slug}`);
    });

    it("an invitation is mailed with a working link, and still shown to the owner", async () => {
      const owner = await t.staff("owner");
      const email = `${uniqueSlug("invitee")}@example.org`;
      const res = await t.call(owner, "POST", "/invitations", { email, role: "author" });
      expect(res.statusCode).toBe(201);
      const link = res.json();
      expect(link.sentTo).toBe(email);
      expect(link.url).toMatch(/^https:\/\/news\.test\/admin\/accept\?token=/);
      const mail = (await t.outbox("invitation")).filter((r) => r.to_address === email);
      expect(mail).toHaveLength(1);
      expect(mail[0]?.subject).toMatch(/^You are invited to /);
      const url = linkIn(mail[0]?.text ?? null);
      expect(url).toBe(link.url);
      expect(mail[0]?.text).toContain(`${owner.user.name} invited you`);
      const accepted = await t.call(undefined, "POST", "/invitations/accept", {
        token: new URL(url).searchParams.get("token"),
        name: "New Colleague",
        password: TEST_PASSWORD,
      });
      expect(accepted.statusCode).toBe(201);
      expect(accepted.json().user.email).toBe(email);
    });

    it("a password reset is mailed with a working link; an account made without a password gets its set-password link", async () => {
      const owner = await t.staff("owner");
      const forgetful = await t.staff("author");
      const res = await t.call(owner, "POST", `/users/${forgetful.user.id}/reset-link`, {});
      expect(res.statusCode).toBe(201);
      expect(res.json().sentTo).toBe(forgetful.user.email);
      const mail = (await t.outbox("password_reset")).filter(
        (r) => r.to_address === forgetful.user.email,
      );
      expect(mail).toHaveLength(1);
      expect(mail[0]?.subject).toMatch(/^Reset your password for /);
      const url = linkIn(mail[0]?.text ?? null);
      const reset = await t.call(undefined, "POST", "/password-reset", {
        token: new URL(url).searchParams.get("token"),
        password: "a brand new long password",
      });
      expect(reset.statusCode).toBeLessThan(300);

      const email = `${uniqueSlug("made")}@example.org`;
      const made = await t.call(owner, "POST", "/users", {
        email,
        name: "Made Here",
        role: "author",
      });
      expect(made.statusCode).toBe(201);
      expect(made.json().setPasswordLink.sentTo).toBe(email);
      const first = (await t.outbox("password_reset")).filter((r) => r.to_address === email);
      expect(first[0]?.subject).toMatch(/^Set your password for /);
      // The token is stored hashed: the message body is the only place it is in plain text.
      const token = new URL(linkIn(first[0]?.text ?? null)).searchParams.get("token") as string;
      const tokens = await t.store.db.selectFrom("one_time_tokens").selectAll().execute();
      expect(JSON.stringify(tokens)).not.toContain(token);
      const changes = await readChangesAfter(t.store, 0);
      expect(JSON.stringify(changes)).not.toContain(token);
    });
  });
