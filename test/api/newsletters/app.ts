// The real app with sending configured, for the newsletter and edition tests: the content app's
// basics, staff of every role, and subscribers written straight to the store (their own service
// is tested in its own files).
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { type Config, loadConfig } from "../../../src/config.js";
import type { Role, SubscriberStatus } from "../../../src/content/index.js";
import { buildServer } from "../../../src/server.js";
import {
  createArticle,
  createNewsletter,
  createPerson,
  type Store,
  transitionArticle,
} from "../../../src/store/index.js";
import { type SignedIn, signIn } from "../../helpers/auth.js";
import type { TestDatabase } from "../../helpers/databases.js";
import { type Basics, personInput, seedBasics, uniqueSlug } from "../../helpers/fixtures.js";

/** Where the admin API lives. */
export const API = "/api/admin/v1";

export interface NewsletterApp {
  app: FastifyInstance;
  store: Store;
  config: Config;
  basics: Basics;
  staff(role: Role): Promise<SignedIn>;
  call(
    who: SignedIn | undefined,
    method: "GET" | "POST" | "PUT" | "DELETE",
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
  /** A published article (published `at`, default an hour ago) in `sectionId` (default basics'). */
  published(opts?: {
    at?: Date;
    sectionId?: string;
    headline?: string;
  }): Promise<{ id: string; slug: string }>;
  /** A draft article. */
  draft(): Promise<{ id: string; slug: string }>;
  newsletter(opts?: { digest?: unknown }): Promise<{ id: string; slug: string; name: string }>;
  /** A subscriber with `status`, subscribed to these newsletters; returns its id and email. */
  subscriber(
    status: SubscriberStatus,
    newsletterIds: readonly string[],
    email?: string,
  ): Promise<{ id: string; email: string; secret: string }>;
  /** Puts an address on the suppression list. */
  suppress(email: string): Promise<void>;
}

/**
 * Starts the app on a fresh `db` for the enclosing describe block, with sending configured
 * (`smtpUrl`, default a closed port) and this instance's sender off unless `sender` is true, so
 * queued rows stay queued for the test to count.
 */
export function useNewsletterApp(
  db: TestDatabase,
  opts: { smtpUrl?: () => string; sender?: boolean } = {},
): () => NewsletterApp {
  let current: NewsletterApp | undefined;
  let closeAll: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const store = await db.open();
    const dataDir = await mkdtemp(path.join(tmpdir(), "mh-newsletters-"));
    const config = loadConfig({
      MASTHEAD_DATA_DIR: dataDir,
      MASTHEAD_URL: "https://news.test",
      MASTHEAD_SMTP_URL: opts.smtpUrl?.() ?? "smtp://127.0.0.1:9",
      MASTHEAD_MAIL_FROM: "The News <letters@news.test>",
      MASTHEAD_MAIL_SENDER: opts.sender ? "on" : "off",
    });
    const app = await buildServer({
      config,
      store,
      logLevel: "silent",
      ...(opts.sender ? { mailSender: { pollMs: 50 } } : {}),
    });
    await app.ready();
    const basics = await seedBasics(store);
    closeAll = async () => {
      await app.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    };
    const actor = { userId: null, name: "Test setup" };
    current = {
      app,
      store,
      config,
      basics,
      async staff(role) {
        const person = await createPerson(store, personInput({ name: `A ${role}` }));
        return signIn(app, store, role, { personId: person.id });
      },
      call(who, method, url, payload) {
        return app.inject({
          method,
          url: API + url,
          headers: who?.headers ?? {},
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
      },
      async published({ at = new Date(Date.now() - 3_600_000), sectionId, headline } = {}) {
        const created = await createArticle(
          store,
          basics.articleInput({
            ...(sectionId ? { sectionId } : {}),
            ...(headline ? { headline } : {}),
          }),
        );
        await transitionArticle(store, created.id, {
          to: "published",
          publishedAt: at.toISOString(),
          expectedVersion: 1,
          actor,
        });
        return { id: created.id, slug: created.slug };
      },
      async draft() {
        const created = await createArticle(store, basics.articleInput());
        return { id: created.id, slug: created.slug };
      },
      async newsletter({ digest = null } = {}) {
        return createNewsletter(store, {
          slug: uniqueSlug("letter"),
          name: "The Morning Letter",
          digest: digest as never,
        });
      },
      async subscriber(status, newsletterIds, email) {
        const id = randomUUID();
        const now = new Date().toISOString();
        const address = email ?? `reader-${id.slice(0, 8)}@example.org`;
        const secret = randomUUID();
        await store.db
          .insertInto("subscribers")
          .values({
            id,
            email: address,
            name: "A Reader",
            status,
            secret,
            created_at: now,
            confirmed_at: status === "confirmed" ? now : null,
            unsubscribed_at: status === "unsubscribed" ? now : null,
            confirm_sent_at: null,
            updated_at: now,
          })
          .execute();
        for (const newsletterId of newsletterIds)
          await store.db
            .insertInto("subscriptions")
            .values({ subscriber_id: id, newsletter_id: newsletterId, created_at: now })
            .execute();
        return { id, email: address, secret };
      },
      async suppress(email) {
        await store.db
          .insertInto("mail_suppressions")
          .values({
            email,
            reason: "hard_bounce",
            detail: null,
            created_at: new Date().toISOString(),
          })
          .execute();
      },
    };
  });
  afterAll(async () => {
    await closeAll?.();
  });
  return () => {
    if (!current) throw new Error("useNewsletterApp: the app exists only inside a test");
    return current;
  };
}
