// Every write to an account records account.changed, with no public path: the outbox sees
// everything (webhooks will), and no cached page is dropped for it.
import { describe, expect, it } from "vitest";
import type { RecordedChange } from "../../../src/content/index.js";
import { latestChangePosition, readChangesAfter } from "../../../src/store/index.js";
import { signIn, signInAs, TEST_PASSWORD } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { useDemoApp } from "../../http/app.js";

const API = "/api/admin/v1";

for (const db of DATABASES)
  describe(`account events (${db.name})`, () => {
    const ctx = useDemoApp(db);

    /** The events recorded while `action` ran. */
    async function eventsOf(action: () => Promise<unknown>): Promise<RecordedChange[]> {
      const { store } = ctx();
      const before = await latestChangePosition(store);
      await action();
      return readChangesAfter(store, before);
    }

    const accountEvent = (ids: Record<string, unknown>, change: string) => ({
      type: "account.changed",
      ids,
      paths: [],
      data: { change },
    });

    it("creating, disabling, enabling an account and making its reset link each record account.changed", async () => {
      const { app, store } = ctx();
      const owner = await signIn(app, store, "owner");
      let id = "";
      const created = await eventsOf(async () => {
        const res = await app.inject({
          method: "POST",
          url: `${API}/users`,
          headers: owner.headers,
          payload: { email: "events@example.org", name: "Eve Events", role: "author" },
        });
        expect(res.statusCode).toBe(201);
        id = res.json().user.id;
      });
      expect(created).toMatchObject([accountEvent({ userId: id }, "created")]);

      for (const [change, payload] of [
        ["disabled", { disabled: true }],
        ["enabled", { disabled: false }],
        ["updated", { role: "editor" }],
      ] as const) {
        const events = await eventsOf(async () => {
          const res = await app.inject({
            method: "PATCH",
            url: `${API}/users/${id}`,
            headers: owner.headers,
            payload,
          });
          expect(res.statusCode).toBe(200);
        });
        expect(events).toMatchObject([accountEvent({ userId: id }, change)]);
      }

      const reset = await eventsOf(async () => {
        const res = await app.inject({
          method: "POST",
          url: `${API}/users/${id}/reset-link`,
          headers: owner.headers,
        });
        expect(res.statusCode).toBe(201);
      });
      expect(reset).toMatchObject([accountEvent({ userId: id }, "reset_link_made")]);
    });

    it("a refused change records nothing", async () => {
      const { app, store } = ctx();
      const owner = await signIn(app, store, "owner");
      const events = await eventsOf(async () => {
        const res = await app.inject({
          method: "PATCH",
          url: `${API}/users/${owner.user.id}`,
          headers: owner.headers,
          payload: { role: "not-a-role" },
        });
        expect(res.statusCode).toBe(400);
      });
      expect(events).toEqual([]);
    });

    it("an invitation and its acceptance, sign-in, sign-out everywhere and API keys record account.changed", async () => {
      const { app, store } = ctx();
      const owner = await signIn(app, store, "owner");
      let url = "";
      const invited = await eventsOf(async () => {
        const res = await app.inject({
          method: "POST",
          url: `${API}/invitations`,
          headers: owner.headers,
          payload: { email: "invited@example.org", role: "contributor" },
        });
        expect(res.statusCode).toBe(201);
        url = res.json().url;
      });
      expect(invited).toMatchObject([accountEvent({}, "invited")]);

      let newId = "";
      const accepted = await eventsOf(async () => {
        const res = await app.inject({
          method: "POST",
          url: `${API}/invitations/accept`,
          payload: {
            token: new URL(url).searchParams.get("token"),
            name: "Ivy Invited",
            password: TEST_PASSWORD,
          },
        });
        expect(res.statusCode).toBe(201);
        newId = res.json().user.id;
      });
      // The newcomer's byline person is made with the account.
      expect(accepted).toMatchObject([
        { type: "person.created" },
        accountEvent({ userId: newId }, "created"),
      ]);

      let ivy: Awaited<ReturnType<typeof signInAs>> | undefined;
      const signedIn = await eventsOf(async () => {
        ivy = await signInAs(app, "invited@example.org", TEST_PASSWORD);
      });
      expect(signedIn).toMatchObject([accountEvent({ userId: newId }, "signed_in")]);

      const out = await eventsOf(async () => {
        const res = await app.inject({
          method: "DELETE",
          url: `${API}/sessions`,
          headers: ivy?.headers,
        });
        expect(res.statusCode).toBe(204);
      });
      expect(out).toMatchObject([accountEvent({ userId: newId }, "signed_out_everywhere")]);

      let keyId = "";
      const made = await eventsOf(async () => {
        const res = await app.inject({
          method: "POST",
          url: `${API}/api-keys`,
          headers: owner.headers,
          payload: { name: "CI", permissions: ["article.create"] },
        });
        expect(res.statusCode).toBe(201);
        keyId = res.json().apiKey.id;
      });
      expect(made).toMatchObject([
        accountEvent({ userId: owner.user.id, apiKeyId: keyId }, "api_key_created"),
      ]);
      const revoked = await eventsOf(async () => {
        const res = await app.inject({
          method: "DELETE",
          url: `${API}/api-keys/${keyId}`,
          headers: owner.headers,
        });
        expect(res.statusCode).toBe(204);
      });
      expect(revoked).toMatchObject([
        accountEvent({ userId: owner.user.id, apiKeyId: keyId }, "api_key_revoked"),
      ]);
    });
  });
