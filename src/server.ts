import { createServer } from "node:http";
import Fastify, { type FastifyError, type FastifyInstance, LogController } from "fastify";
import { adminApiPlugin } from "./api/admin/plugin.js";
import { createUploadSlots } from "./api/admin/upload-limits.js";
import { adminAppPlugin } from "./api/admin-app.js";
import { registerHealthRoutes } from "./api/health.js";
import { hooksPlugin } from "./api/hooks.js";
import { addSecurityHeaders } from "./api/security-headers.js";
import { createChangeDispatcher } from "./changes/dispatcher.js";
import type { Config } from "./config.js";
import { apiErrorReply } from "./http/error-reply.js";
import { createMailSender, mailWakeConsumer } from "./mail/sender.js";
import {
  checkMailTransport,
  createMailTransport,
  DEFAULT_TIMEOUTS,
  type TransportTimeouts,
} from "./mail/transport.js";
import { createImagePool } from "./media/index.js";
import { createDigestJob, settleEditions } from "./services/editions.js";
import { createImportService } from "./services/import-runs.js";
import { sweepOrphanMedia } from "./services/media-sweep.js";
import { createScheduler } from "./services/scheduler.js";
import { staffNotificationsConsumer } from "./services/staff-notifications.js";
import {
  createBeaconFastPath,
  createBeaconServices,
  createLiveHub,
  createPageCache,
  type FastPath,
  liveUpdatesConsumer,
  type PageCacheOptions,
  pageCacheConsumer,
  SITE_CSP_DIRECTIVES,
  sitePlugin,
  type ViewSettings,
  viewCounterConsumer,
} from "./site/index.js";
import { redirectIndexConsumer, type Store } from "./store/reads.js";

/** What the app is assembled from. */
export interface ServerOptions {
  config: Config;
  store: Store;
  /** pino log level; "silent" in tests. */
  logLevel?: string;
  /** How the view counter runs (clock, flush interval); tests set these. */
  views?: ViewSettings;
  /** How the page cache runs (clock, time to live); tests set these. */
  pageCache?: PageCacheOptions;
  /** How the mail sender runs (poll, lease, SMTP timeouts); tests shorten these. */
  mailSender?: { pollMs?: number; leaseMs?: number; timeouts?: TransportTimeouts };
}

/** Assembles the Fastify app from its plugins; it does not listen. */
export async function buildServer({
  config,
  store,
  logLevel = "info",
  views,
  pageCache: pageCacheOptions,
  mailSender: mailSenderOptions = {},
}: ServerOptions): Promise<FastifyInstance> {
  // Requests the fast path takes never reach Fastify; it is set once the view counter exists.
  let fastPath: FastPath | undefined;
  const app = Fastify({
    serverFactory: (handler, options) => {
      const server = createServer((request, response) => {
        if (!fastPath?.(request, response)) handler(request, response);
      });
      // What Fastify sets on a server it makes itself (fastify/lib/server.js).
      const o = options as Record<
        "keepAliveTimeout" | "requestTimeout" | "connectionTimeout",
        number
      >;
      server.keepAliveTimeout = o.keepAliveTimeout;
      server.requestTimeout = o.requestTimeout;
      server.setTimeout(o.connectionTimeout);
      return server;
    },
    logger: { level: logLevel },
    // Per-request log lines cost a large share of a cached page's time; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });

  // First, so every route below, 404s and errors included, carries them.
  addSecurityHeaders(app, { contentSecurityPolicy: SITE_CSP_DIRECTIVES });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body, headers } = apiErrorReply(error);
    if (status >= 500) request.log.error({ err: error }, "request failed");
    return reply.status(status).headers(headers).send(body);
  });

  const sendsMail = config.mail.smtpUrl !== null && config.mail.senderEnabled;
  registerHealthRoutes(app, store, {
    email: config.mail.smtpUrl === null ? "off" : sendsMail ? "on" : "queued",
  });

  // One page cache for the site, kept exact by the change events of every instance's writes.
  const pageCache = createPageCache({
    maxBytes: config.pageCacheMb * 1024 * 1024,
    ...pageCacheOptions,
  });
  // The view counter forgets an article's visibility as soon as it is published or unpublished.
  const beacons = createBeaconServices({ store, config, log: app.log, settings: views });
  // Scheduled articles publish on time, and at start those that came due while it was down; the
  // events tell it of every newly scheduled article.
  const scheduler = createScheduler({ store, log: app.log });
  function createMail() {
    const transport = createMailTransport(
      config.mail,
      mailSenderOptions.timeouts ?? DEFAULT_TIMEOUTS,
    );
    const sender = createMailSender({
      store,
      config,
      transport,
      log: app.log,
      settleEditions: (ids) => settleEditions({ store }, ids),
      ...(mailSenderOptions.pollMs ? { pollMs: mailSenderOptions.pollMs } : {}),
      ...(mailSenderOptions.leaseMs ? { leaseMs: mailSenderOptions.leaseMs } : {}),
    });
    return { transport, sender };
  }
  // Readers of live articles on this instance; each change to one is rendered once and pushed.
  const live = createLiveHub();
  // The mail sender, when this instance sends: the change events wake it (an edition queued on
  // any instance, a notification queued) sooner than its poll would.
  const mail = sendsMail ? createMail() : undefined;
  const changes = createChangeDispatcher({
    store,
    database: config.database,
    consumers: [
      pageCacheConsumer(pageCache),
      redirectIndexConsumer(),
      viewCounterConsumer(beacons),
      scheduler,
      liveUpdatesConsumer({ store, config, hub: live }),
      // Queues staff email (review, moderation, scheduled publishing) once across instances.
      staffNotificationsConsumer({ store, config, log: app.log }),
      ...(mail ? [mailWakeConsumer(mail.sender)] : []),
    ],
    log: app.log,
  });
  // First of the start hooks, so nothing written at start (the scheduler) goes unseen.
  app.addHook("onReady", () => changes.start());
  app.addHook("onClose", () => changes.stop());
  app.addHook("onReady", () => scheduler.start());
  app.addHook("onClose", () => scheduler.stop());
  // Newsletter digests composed at their hour, and editions marked sent once their outbox drains.
  const digests = createDigestJob({ store, config, log: app.log });
  app.addHook("onReady", () => digests.start());
  app.addHook("onClose", () => digests.stop());
  // Imports run in a worker; their runs live in the database, so any instance shows them.
  const imports = createImportService({
    store,
    dataDir: config.dataDir,
    database: config.database,
    log: app.log,
  });
  app.addHook("onReady", () => imports.recover());
  app.addHook("onClose", () => imports.close());
  // Uploads are processed in worker processes of their own (see media/image-pool.ts); what a
  // crash mid-upload left behind is removed before the server answers anything.
  const images = createImagePool({ workers: config.imageWorkers, queue: config.imageQueue });
  app.addHook("onReady", async () => {
    const swept = await sweepOrphanMedia(store, config.dataDir);
    if (swept.staging.length > 0 || swept.files.length > 0)
      app.log.warn(swept, "removed what interrupted uploads left behind");
  });
  app.addHook("onClose", () => images.close());
  // Email: this instance sends the outbox unless a separate `masthead mail-sender` does
  // (MASTHEAD_MAIL_SENDER=off); without MASTHEAD_SMTP_URL messages wait and links are printed.
  if (mail) {
    app.addHook("onReady", async () => {
      // The check only informs: a server that is down now is retried by the sender.
      void checkMailTransport(config.mail, mail.transport, {
        info: (msg) => app.log.info(msg),
        warn: (obj, msg) => app.log.warn(obj, msg),
      });
      mail.sender.start();
    });
    app.addHook("onClose", () => mail.sender.stop());
  } else if (config.mail.smtpUrl !== null)
    app.addHook("onReady", async () =>
      app.log.info("email is queued here and sent by a separate 'masthead mail-sender'"),
    );
  else
    app.addHook("onReady", async () => {
      await checkMailTransport(config.mail, undefined, {
        info: (msg) => app.log.info(msg),
        warn: () => {},
      });
    });
  await app.register(adminApiPlugin, {
    prefix: "/api/admin/v1",
    store,
    config,
    imports,
    images,
    uploadSlots: createUploadSlots(),
  });
  await app.register(adminAppPlugin);
  await app.register(hooksPlugin, { prefix: "/api/hooks", store, config });
  fastPath = createBeaconFastPath(beacons, { trustProxy: config.trustProxy, log: app.log });
  // Once closing, beacons go to Fastify, which refuses them (503) so none arrives after the last flush.
  app.addHook("preClose", async () => {
    fastPath = undefined;
  });
  // Live streams never end by themselves: end them first, or closing would wait for every reader.
  app.addHook("preClose", async () => live.close());
  await app.register(sitePlugin, { store, config, pageCache, beacons, live });
  return app;
}
