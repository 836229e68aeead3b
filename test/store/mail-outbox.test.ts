// Queueing mail: rows with a fixed Message-ID, and a dedupe key that queues a message once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNewsletter, listNewsletters, queueMail, type Store } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";

describe.each(DATABASES)("mail outbox on $name", (database) => {
  let store: Store;
  beforeAll(async () => {
    store = await database.open();
  });
  afterAll(async () => store?.close());

  it("queues a message once per dedupe key, with a Message-ID on the given domain", async () => {
    const mail = {
      kind: "notification" as const,
      to: { address: "editor@paper.org", name: "Ed" },
      subject: "A story awaits review",
      html: "<p>Review</p>",
      text: "Review",
      dedupeKey: "submitted:1:editor",
    };
    expect(await queueMail(store, [mail, { ...mail, dedupeKey: "other" }], "paper.org")).toBe(2);
    expect(await queueMail(store, [mail], "paper.org")).toBe(0);
    const rows = await store.db.selectFrom("mail_outbox").selectAll().execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.message_id).toBe(`<${row.id}@paper.org>`);
      expect(row.status).toBe("queued");
    }
  });

  it("keeps newsletters in reader order and refuses a taken slug", async () => {
    await createNewsletter(store, { slug: "weekly", name: "The Week", position: 2 });
    await createNewsletter(store, {
      slug: "daily",
      name: "The Daily",
      digest: { cadence: "daily", hourUtc: 6 },
    });
    const list = await listNewsletters(store);
    expect(list.map((n) => n.slug)).toEqual(["daily", "weekly"]);
    expect(list[0]?.digest).toMatchObject({ cadence: "daily", hourUtc: 6, sectionIds: [] });
    await expect(createNewsletter(store, { slug: "daily", name: "Again" })).rejects.toMatchObject({
      code: "MH_CONFLICT",
    });
  });
});
