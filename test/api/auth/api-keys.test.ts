import { describe, expect, it } from "vitest";
import { hashToken } from "../../../src/auth/tokens.js";
import { signIn } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { useDemoApp } from "../../http/app.js";

const API = "/api/admin/v1";

for (const db of DATABASES)
  describe(`API keys (${db.name})`, () => {
    const t = useDemoApp(db);
    const createKey = async (payload: object) => {
      const owner = await signIn(t().app, t().store, "owner");
      const res = await t().app.inject({
        method: "POST",
        url: `${API}/api-keys`,
        headers: owner.headers,
        payload,
      });
      return { owner, res };
    };
    const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

    it("the secret is shown once at creation and stored only as a hash", async () => {
      const { owner, res } = await createKey({
        name: "Newsletter",
        permissions: ["settings.manage"],
      });
      expect(res.statusCode).toBe(201);
      const { apiKey, secret } = res.json();
      expect(secret).toMatch(/^mh_[\w-]{43}$/);
      expect(apiKey).toMatchObject({
        name: "Newsletter",
        role: "owner",
        permissions: ["settings.manage"],
        revokedAt: null,
      });
      const list = await t().app.inject({
        method: "GET",
        url: `${API}/api-keys`,
        headers: owner.headers,
      });
      expect(JSON.stringify(list.json())).not.toContain(secret);
      const row = await t()
        .store.db.selectFrom("api_keys")
        .selectAll()
        .where("id", "=", apiKey.id)
        .executeTakeFirstOrThrow();
      expect(row.secret_hash).toBe(hashToken(secret));
      expect(JSON.stringify(row)).not.toContain(secret);
    });

    it("a key may do what its permissions allow, without CSRF token, and nothing else (403)", async () => {
      const { secret } = (
        await createKey({ name: "Settings bot", permissions: ["settings.manage"] })
      ).res.json();
      const put = await t().app.inject({
        method: "PUT",
        url: `${API}/settings`,
        headers: bearer(secret),
        payload: { title: "Key-set title", tagline: "", language: "en" },
      });
      expect(put.statusCode).toBe(200);
      const users = await t().app.inject({
        method: "GET",
        url: `${API}/users`,
        headers: bearer(secret),
      });
      expect(users.statusCode).toBe(403);
      expect(users.json().error.code).toBe("MH_FORBIDDEN");
    });

    it("records when a key was last used", async () => {
      const { apiKey, secret } = (
        await createKey({ name: "Used", permissions: ["settings.manage"] })
      ).res.json();
      await t().app.inject({ method: "GET", url: `${API}/settings`, headers: bearer(secret) });
      const row = await t()
        .store.db.selectFrom("api_keys")
        .select("last_used_at")
        .where("id", "=", apiKey.id)
        .executeTakeFirstOrThrow();
      expect(row.last_used_at).not.toBeNull();
    });

    it("a revoked key is refused with 401", async () => {
      const { owner, res } = await createKey({ name: "Old", permissions: ["settings.manage"] });
      const { apiKey, secret } = res.json();
      const revoke = await t().app.inject({
        method: "DELETE",
        url: `${API}/api-keys/${apiKey.id}`,
        headers: owner.headers,
      });
      expect(revoke.statusCode).toBe(204);
      const after = await t().app.inject({
        method: "GET",
        url: `${API}/settings`,
        headers: bearer(secret),
      });
      expect(after.statusCode).toBe(401);
      const list = await t().app.inject({
        method: "GET",
        url: `${API}/api-keys`,
        headers: owner.headers,
      });
      expect(
        list.json().items.find((k: { id: string }) => k.id === apiKey.id).revokedAt,
      ).not.toBeNull();
    });

    it("a key stops working when the account that made it is disabled", async () => {
      const { owner, res } = await createKey({ name: "Orphan", permissions: ["settings.manage"] });
      const other = await signIn(t().app, t().store, "owner");
      await t().app.inject({
        method: "PATCH",
        url: `${API}/users/${owner.user.id}`,
        headers: other.headers,
        payload: { disabled: true },
      });
      const after = await t().app.inject({
        method: "GET",
        url: `${API}/settings`,
        headers: bearer(res.json().secret),
      });
      expect(after.statusCode).toBe(401);
    });

    it("a key loses what its creator's current role no longer allows", async () => {
      const { owner, res } = await createKey({ name: "Demoted", permissions: ["settings.manage"] });
      const other = await signIn(t().app, t().store, "owner");
      await t().app.inject({
        method: "PATCH",
        url: `${API}/users/${owner.user.id}`,
        headers: other.headers,
        payload: { role: "editor" },
      });
      const after = await t().app.inject({
        method: "GET",
        url: `${API}/settings`,
        headers: bearer(res.json().secret),
      });
      expect(after.statusCode).toBe(403);
    });

    it.each([
      ["an unknown key", "Bearer mh_not-a-real-key"],
      ["a key without the mh_ prefix", "Bearer abc"],
      ["another scheme", "Basic YTpi"],
    ])(
      "%s is 401, and a cookie sent alongside does not rescue it",
      async (_name, authorization) => {
        const owner = await signIn(t().app, t().store, "owner");
        const res = await t().app.inject({
          method: "GET",
          url: `${API}/settings`,
          headers: { ...owner.headers, authorization },
        });
        expect(res.statusCode).toBe(401);
      },
    );

    it("refuses permissions beyond the key's role, at their paths, and writes nothing", async () => {
      const before = (await t().store.db.selectFrom("api_keys").select("id").execute()).length;
      const { res } = await createKey({
        name: "Too much",
        role: "editor",
        permissions: ["article.create", "settings.manage"],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.issues).toEqual([
        { path: "permissions.1", message: "the editor role does not hold 'settings.manage'" },
      ]);
      const unknown = (await createKey({ name: "Typo", permissions: ["article.destroy"] })).res;
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.issues[0].path).toBe("permissions.0");
      const none = (await createKey({ name: "Empty", permissions: [] })).res;
      expect(none.statusCode).toBe(400);
      const extra = (
        await createKey({ name: "Extra", permissions: ["article.create"], secret: "mine" })
      ).res;
      expect(extra.statusCode).toBe(400);
      expect((await t().store.db.selectFrom("api_keys").select("id").execute()).length).toBe(
        before,
      );
    });

    it("a key cannot mint a key with more than it holds itself", async () => {
      const { secret } = (
        await createKey({ name: "Key maker", permissions: ["apikeys.manage"] })
      ).res.json();
      const res = await t().app.inject({
        method: "POST",
        url: `${API}/api-keys`,
        headers: bearer(secret),
        payload: { name: "Escalation", permissions: ["apikeys.manage", "users.manage"] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.issues).toEqual([
        { path: "permissions.1", message: "you do not hold 'users.manage' yourself" },
      ]);
    });

    it("revoking a key that does not exist is 404", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const res = await t().app.inject({
        method: "DELETE",
        url: `${API}/api-keys/00000000-0000-4000-8000-000000000000`,
        headers: owner.headers,
      });
      expect(res.statusCode).toBe(404);
    });
  });

for (const db of DATABASES)
  describe(`site settings (${db.name})`, () => {
    const t = useDemoApp(db);

    it("an owner's change is stored and shows on the public pages at once", async () => {
      const home = await t().app.inject({ method: "GET", url: "/" });
      expect(home.statusCode).toBe(200);
      const owner = await signIn(t().app, t().store, "owner");
      const res = await t().app.inject({
        method: "PUT",
        url: `${API}/settings`,
        headers: owner.headers,
        payload: { title: "The Valley Courier", tagline: "News of the valley", language: "en" },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        title: "The Valley Courier",
        tagline: "News of the valley",
        language: "en",
        commentsCloseAfterDays: null,
        feedContent: "full",
        logoMediaId: null,
      });
      const read = await t().app.inject({
        method: "GET",
        url: `${API}/settings`,
        headers: owner.headers,
      });
      expect(read.json().title).toBe("The Valley Courier");
      expect((await t().app.inject({ method: "GET", url: "/" })).body).toContain(
        "The Valley Courier",
      );
    });

    it("bad settings are 400 with field paths and change nothing", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const before = (
        await t().app.inject({ method: "GET", url: `${API}/settings`, headers: owner.headers })
      ).json();
      const res = await t().app.inject({
        method: "PUT",
        url: `${API}/settings`,
        headers: owner.headers,
        payload: { title: "", language: "English", theme: "dark" },
      });
      expect(res.statusCode).toBe(400);
      expect(
        res
          .json()
          .error.issues.map((i: { path: string }) => i.path)
          .sort(),
      ).toEqual(["", "language", "title"]);
      const after = (
        await t().app.inject({ method: "GET", url: `${API}/settings`, headers: owner.headers })
      ).json();
      expect(after).toEqual(before);
    });
  });
