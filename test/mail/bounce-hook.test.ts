// POST /api/hooks/bounces: its token, and what a delivery report or an SES notice records.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/server.js";
import { getSuppression, type Store } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { queuePlain } from "./seed.js";

const TOKEN = "bounce-token-0123456789abcdef";
const fixture = (name: string) => readFile(path.join("test/fixtures/bounces", name));

async function app(store: Store, token: string | null): Promise<FastifyInstance> {
  const server = await buildServer({
    config: loadConfig({
      MASTHEAD_DATA_DIR: "/tmp/mh-bounce-hook",
      MASTHEAD_URL: "https://paper.test",
      ...(token ? { MASTHEAD_BOUNCE_TOKEN: token } : {}),
    }),
    store,
    logLevel: "silent",
  });
  await server.ready();
  return server;
}

describe.each(DATABASES)("bounce hook on $name", (database) => {
  let store: Store;
  let hook: FastifyInstance;
  beforeAll(async () => {
    store = await database.open();
    hook = await app(store, TOKEN);
  });
  afterAll(async () => {
    await hook?.close();
    await store?.close();
  });

  it("is not there (404) without MASTHEAD_BOUNCE_TOKEN", async () => {
    const off = await app(store, null);
    const res = await off.inject({
      method: "POST",
      url: "/api/hooks/bounces",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      payload: "{}",
    });
    await off.close();
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("MH_NOT_FOUND");
  });

  it("refuses a missing or wrong token (401)", async () => {
    for (const headers of [
      {},
      { authorization: "Bearer wrong-token-0123456789" },
      { authorization: TOKEN },
    ]) {
      const res = await hook.inject({
        method: "POST",
        url: "/api/hooks/bounces?token=also-wrong",
        headers: { ...headers, "content-type": "message/rfc822" },
        payload: await fixture("postfix-dsn.eml"),
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("MH_UNAUTHENTICATED");
    }
    expect(await getSuppression(store, "Gone.Reader@reader.example")).toBeUndefined();
  });

  it("records a Postfix delivery report: the message bounced, the address suppressed", async () => {
    const address = "Gone.Reader@reader.example";
    const id = "edition-42-row";
    const now = new Date().toISOString();
    await store.db
      .insertInto("mail_outbox")
      .values({
        id,
        message_id: "<edition-42.r-7f3a9c@masthead.example>",
        kind: "notification",
        dedupe_key: null,
        edition_id: null,
        subscriber_id: null,
        user_id: null,
        to_address: address,
        to_name: null,
        subject: "s",
        html: "<p>h</p>",
        text: "t",
        headers: null,
        status: "sent",
        attempts: 0,
        next_attempt_at: now,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        created_at: now,
        sent_at: now,
      })
      .execute();
    // A later message to the same address, still queued: it will not go.
    await queuePlain(store, 1, { to: () => address });
    const body = await fixture("postfix-dsn.eml");
    const res = await hook.inject({
      method: "POST",
      url: "/api/hooks/bounces",
      headers: {
        authorization: `Bearer ${TOKEN}`,
        "content-type":
          'multipart/report; report-type=delivery-status; boundary="3F1A2C0123.1764670323/mail.masthead.example"',
      },
      // Posted as Postfix pipes it: the whole message, headers and all, as message/rfc822 would be.
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().suppressed).toEqual([address]);
    const rows = await store.db
      .selectFrom("mail_outbox")
      .selectAll()
      .where("to_address", "=", address)
      .execute();
    expect(rows.find((r) => r.id === id)?.status).toBe("bounced");
    expect(rows.find((r) => r.id !== id)?.status).toBe("suppressed");
    expect((await getSuppression(store, address))?.reason).toBe("hard_bounce");
  });

  it("records SES bounces and complaints from SNS (text/plain), token in the query", async () => {
    for (const name of ["ses-sns-permanent-bounce.json", "ses-sns-complaint.json"]) {
      const res = await hook.inject({
        method: "POST",
        url: `/api/hooks/bounces?token=${TOKEN}`,
        headers: { "content-type": "text/plain; charset=UTF-8" },
        payload: await fixture(name),
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await getSuppression(store, "Gone@reader.example"))?.reason).toBe("hard_bounce");
    expect((await getSuppression(store, "annoyed@reader.example"))?.reason).toBe("complaint");
  });

  it("answers an SNS subscription confirmation with the address to open, and refuses garbage (422)", async () => {
    const sub = await hook.inject({
      method: "POST",
      url: "/api/hooks/bounces",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/plain" },
      payload: await fixture("sns-subscription-confirmation.json"),
    });
    expect(sub.statusCode).toBe(200);
    expect(sub.json().subscribeUrl).toMatch(/^https:\/\/sns\./);
    const bad = await hook.inject({
      method: "POST",
      url: "/api/hooks/bounces",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "message/rfc822" },
      payload: await fixture("garbage.txt"),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe("MH_BOUNCE_UNREADABLE");
  });
});
