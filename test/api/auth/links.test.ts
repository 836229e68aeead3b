import { describe, expect, it } from "vitest";
import { hashToken } from "../../../src/auth/tokens.js";
import { sessionCookie, signIn, TEST_PASSWORD } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { useDemoApp } from "../../http/app.js";

const API = "/api/admin/v1";
const NEW_PASSWORD = "a brand new passphrase";

/** The token of a one-time link URL. */
const tokenOf = (url: string) => new URL(url).searchParams.get("token") as string;

for (const db of DATABASES)
  describe(`invitations and password resets (${db.name})`, () => {
    const t = useDemoApp(db);
    const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
      t().app.inject({ method: "POST", url: `${API}${url}`, payload, headers });
    const login = (email: string, password: string) => post("/session", { email, password });
    const invite = async (email: string, role = "author") => {
      const owner = await signIn(t().app, t().store, "owner");
      const res = await post("/invitations", { email, role }, owner.headers);
      expect(res.statusCode).toBe(201);
      return res.json() as { url: string; expiresAt: string };
    };

    it("an invitation is a one-time link under /admin/accept that works for 7 days", async () => {
      const link = await invite("newbie@example.org");
      expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/admin\/accept\?token=[\w-]{43}$/);
      const days = (Date.parse(link.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);
    });

    it("accepting creates the account with the invited role and signs it in; a second use is refused", async () => {
      const link = await invite("Joiner@Example.org", "editor");
      const token = tokenOf(link.url);
      const res = await post("/invitations/accept", {
        token,
        name: "Jo Iner",
        password: NEW_PASSWORD,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().user).toMatchObject({
        email: "joiner@example.org",
        role: "editor",
        name: "Jo Iner",
      });
      const session = await t().app.inject({
        method: "GET",
        url: `${API}/session`,
        headers: { cookie: sessionCookie(res.headers["set-cookie"]) },
      });
      expect(session.statusCode).toBe(200);
      const again = await post("/invitations/accept", {
        token,
        name: "Mallory",
        password: NEW_PASSWORD,
      });
      expect(again.statusCode).toBe(400);
      expect(again.json().error.message).toMatch(/used already, has expired/);
      const accounts = await t()
        .store.db.selectFrom("users")
        .select("name")
        .where("email", "=", "joiner@example.org")
        .execute();
      expect(accounts).toEqual([{ name: "Jo Iner" }]);
    });

    it("a too-short password is 400 at path password, and the invitation stays usable", async () => {
      const link = await invite("shorty@example.org");
      const token = tokenOf(link.url);
      const res = await post("/invitations/accept", { token, name: "Shorty", password: "short" });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.issues).toEqual([
        { path: "password", message: "password must be at least 12 characters" },
      ]);
      expect(
        (await post("/invitations/accept", { token, name: "Shorty", password: NEW_PASSWORD }))
          .statusCode,
      ).toBe(201);
    });

    it("an expired or made-up invitation is refused and creates nothing", async () => {
      const link = await invite("late@example.org");
      await t()
        .store.db.updateTable("one_time_tokens")
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where("token_hash", "=", hashToken(tokenOf(link.url)))
        .execute();
      for (const token of [tokenOf(link.url), "made-up"]) {
        const res = await post("/invitations/accept", {
          token,
          name: "Late",
          password: NEW_PASSWORD,
        });
        expect(res.statusCode).toBe(400);
      }
      const found = await t()
        .store.db.selectFrom("users")
        .select("id")
        .where("email", "=", "late@example.org")
        .execute();
      expect(found).toEqual([]);
    });

    it("an email that already has an account cannot be invited (409)", async () => {
      const existing = await signIn(t().app, t().store, "author");
      const owner = await signIn(t().app, t().store, "owner");
      const res = await post(
        "/invitations",
        { email: existing.user.email.toUpperCase(), role: "editor" },
        owner.headers,
      );
      expect(res.statusCode).toBe(409);
    });

    it("a reset link sets a new password once, ends every session of the account and signs in afresh", async () => {
      const person = await signIn(t().app, t().store, "author");
      const owner = await signIn(t().app, t().store, "owner");
      const made = await post(`/users/${person.user.id}/reset-link`, {}, owner.headers);
      expect(made.statusCode).toBe(201);
      const { url, expiresAt } = made.json();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/admin\/reset\?token=/);
      expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(3_600_000);
      const res = await post("/password-reset", { token: tokenOf(url), password: NEW_PASSWORD });
      expect(res.statusCode).toBe(200);
      expect(res.json().user.id).toBe(person.user.id);
      const old = await t().app.inject({
        method: "GET",
        url: `${API}/session`,
        headers: person.headers,
      });
      expect(old.statusCode).toBe(401);
      expect((await login(person.user.email, TEST_PASSWORD)).statusCode).toBe(401);
      expect((await login(person.user.email, NEW_PASSWORD)).statusCode).toBe(200);
      const again = await post("/password-reset", {
        token: tokenOf(url),
        password: "yet another passphrase",
      });
      expect(again.statusCode).toBe(400);
      expect((await login(person.user.email, NEW_PASSWORD)).statusCode).toBe(200);
    });

    it("an expired reset link is refused and changes nothing", async () => {
      const person = await signIn(t().app, t().store, "author");
      const owner = await signIn(t().app, t().store, "owner");
      const { url } = (await post(`/users/${person.user.id}/reset-link`, {}, owner.headers)).json();
      await t()
        .store.db.updateTable("one_time_tokens")
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where("token_hash", "=", hashToken(tokenOf(url)))
        .execute();
      const res = await post("/password-reset", { token: tokenOf(url), password: NEW_PASSWORD });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("MH_BAD_REQUEST");
      expect((await login(person.user.email, TEST_PASSWORD)).statusCode).toBe(200);
    });

    it("a newer reset link voids the older one", async () => {
      const person = await signIn(t().app, t().store, "author");
      const owner = await signIn(t().app, t().store, "owner");
      const first = (await post(`/users/${person.user.id}/reset-link`, {}, owner.headers)).json();
      await post(`/users/${person.user.id}/reset-link`, {}, owner.headers);
      const res = await post("/password-reset", {
        token: tokenOf(first.url),
        password: NEW_PASSWORD,
      });
      expect(res.statusCode).toBe(400);
    });

    it("a reset with a short password is 400 at path password and leaves the link usable", async () => {
      const person = await signIn(t().app, t().store, "author");
      const owner = await signIn(t().app, t().store, "owner");
      const { url } = (await post(`/users/${person.user.id}/reset-link`, {}, owner.headers)).json();
      const res = await post("/password-reset", { token: tokenOf(url), password: "tiny" });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.issues.map((i: { path: string }) => i.path)).toEqual(["password"]);
      expect(
        (await post("/password-reset", { token: tokenOf(url), password: NEW_PASSWORD })).statusCode,
      ).toBe(200);
    });
  });
