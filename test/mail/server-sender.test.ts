// The server runs the sender when SMTP is configured and this instance is to send; /readyz says
// whether email is on.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import type { Store } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { type SmtpSink, startSmtpSink, waitForMail } from "../helpers/smtp-sink.js";
import { queuePlain, statusCounts } from "./seed.js";

describe.each(DATABASES)("the server's mail sender on $name", (database) => {
  let sink: SmtpSink;
  let dataDir: string;
  beforeAll(async () => {
    sink = await startSmtpSink();
    dataDir = await mkdtemp(path.join(tmpdir(), "mh-server-mail-"));
  });
  afterAll(async () => {
    await sink.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const serve = (store: Store, env: Record<string, string>) =>
    buildServer({
      config: loadConfig({
        MASTHEAD_DATA_DIR: dataDir,
        MASTHEAD_URL: "https://paper.test",
        ...env,
      }),
      store,
      logLevel: "silent",
      mailSender: { pollMs: 50 },
    });

  it("sends what is queued, and says email is on", async () => {
    const store = await database.open();
    const app = await serve(store, {
      MASTHEAD_SMTP_URL: sink.url,
      MASTHEAD_MAIL_FROM: "news@paper.test",
    });
    await app.ready();
    expect((await app.inject("/readyz")).json()).toMatchObject({ email: "on" });
    const to = `server-${database.name}@example.org`;
    await queuePlain(store, 1, { to: () => to });
    const mail = await waitForMail(sink, (m) => m.envelope.to[0] === to);
    expect(mail.envelope.from).toBe("news@paper.test");
    await app.close();
    expect((await statusCounts(store)).sent).toBe(1);
    await store.close();
  });

  it("only queues with MASTHEAD_MAIL_SENDER=off, and says email is off without SMTP", async () => {
    const store = await database.open();
    const queuing = await serve(store, {
      MASTHEAD_SMTP_URL: sink.url,
      MASTHEAD_MAIL_FROM: "news@paper.test",
      MASTHEAD_MAIL_SENDER: "off",
    });
    await queuing.ready();
    expect((await queuing.inject("/readyz")).json()).toMatchObject({ email: "queued" });
    await queuing.close();
    const off = await serve(store, {});
    await off.ready();
    expect((await off.inject("/readyz")).json()).toMatchObject({ email: "off" });
    await off.close();
    await store.close();
  });
});
