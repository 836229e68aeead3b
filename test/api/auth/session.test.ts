import type { InjectOptions } from "fastify";
import { describe, expect, it } from "vitest";
import { hashToken } from "../../../src/auth/tokens.js";
import { sessionCookie, signIn, TEST_PASSWORD } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { useDemoApp } from "../../http/app.js";

const API = "/api/admin/v1";

for (const db of DATABASES)
  describe(`signing in and out (${db.name})`, () => {
    const t = useDemoApp(db);
    const inject = (opts: InjectOptions) => t().app.inject(opts);
    const login = (email: string, password: string, headers: Record<string, string> = {}) =>
      inject({ method: "POST", url: `${API}/session`, payload: { email, password }, headers });
    const session = (headers: Record<string, string>) =>
      inject({ method: "GET", url: `${API}/session`, headers });

    it("a correct email and password start a session: cookie, user and CSRF token", async () => {
      const s = await signIn(t().app, t().store, "editor", { email: "Eve.Editor@Example.org" });
      const res = await session(s.headers);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        user: {
          id: s.user.id,
          email: "eve.editor@example.org",
          name: s.user.name,
          role: "editor",
          personId: null,
        },
        csrfToken: s.csrf,
      });
    });

    it("the email is matched case-blind", async () => {
      const s = await signIn(t().app, t().store, "author", { email: "mixed.case@example.org" });
      const res = await login("MIXED.Case@example.org", TEST_PASSWORD);
      expect(res.statusCode).toBe(200);
      expect(res.json().user.id).toBe(s.user.id);
    });

    it("the cookie is HttpOnly, SameSite=Lax, Path=/ and not Secure over plain HTTP", async () => {
      const s = await signIn(t().app, t().store, "author");
      const res = await login(s.user.email, TEST_PASSWORD);
      const cookie = String(res.headers["set-cookie"]);
      expect(cookie).toMatch(/^mh_session=[\w-]{43};/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Secure/);
    });

    it("the cookie is Secure when the request came over HTTPS through a proxy", async () => {
      const s = await signIn(t().app, t().store, "author");
      const res = await login(s.user.email, TEST_PASSWORD, { "x-forwarded-proto": "https" });
      expect(String(res.headers["set-cookie"])).toMatch(/; Secure/);
    });

    it("the database holds only a hash of the session token", async () => {
      const s = await signIn(t().app, t().store, "author");
      const token = s.cookie.slice("mh_session=".length);
      const ids = await t().store.db.selectFrom("sessions").select("id").execute();
      expect(ids.map((r) => r.id)).toContain(hashToken(token));
      expect(ids.map((r) => r.id)).not.toContain(token);
    });

    it("an unknown email and a wrong password get the same answer", async () => {
      const s = await signIn(t().app, t().store, "author");
      const unknown = await login("nobody-here@example.org", "whatever it is really");
      const wrong = await login(s.user.email, "not the password at all");
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.json()).toEqual(wrong.json());
      expect(wrong.json().error.code).toBe("MH_UNAUTHENTICATED");
      expect(wrong.headers["set-cookie"]).toBeUndefined();
    });

    it("a disabled account cannot sign in, with the same answer as a wrong password", async () => {
      const s = await signIn(t().app, t().store, "author");
      await t()
        .store.db.updateTable("users")
        .set({ disabled_at: new Date().toISOString() })
        .where("id", "=", s.user.id)
        .execute();
      const res = await login(s.user.email, TEST_PASSWORD);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toBe(
        (await login("x@example.org", "y")).json().error.message,
      );
      expect((await session(s.headers)).statusCode).toBe(401);
    });

    it("without a session, GET /session is 401", async () => {
      const res = await session({});
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("MH_UNAUTHENTICATED");
      expect((await session({ cookie: "mh_session=made-up" })).statusCode).toBe(401);
    });

    it("an expired session is refused", async () => {
      const s = await signIn(t().app, t().store, "editor");
      const id = hashToken(s.cookie.slice("mh_session=".length));
      await t()
        .store.db.updateTable("sessions")
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where("id", "=", id)
        .execute();
      expect((await session(s.headers)).statusCode).toBe(401);
      // The next sign-in sweeps expired sessions out of the table.
      await login(s.user.email, TEST_PASSWORD);
      const left = await t()
        .store.db.selectFrom("sessions")
        .select("id")
        .where("id", "=", id)
        .execute();
      expect(left).toEqual([]);
    });

    it("activity slides the idle expiry forward, at most once a minute", async () => {
      const s = await signIn(t().app, t().store, "editor");
      const id = hashToken(s.cookie.slice("mh_session=".length));
      const row = () =>
        t()
          .store.db.selectFrom("sessions")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
      const soon = new Date(Date.now() + 60_000).toISOString();
      const longAgo = new Date(Date.now() - 3_600_000).toISOString();
      await t()
        .store.db.updateTable("sessions")
        .set({ expires_at: soon, last_seen_at: longAgo })
        .where("id", "=", id)
        .execute();
      expect((await session(s.headers)).statusCode).toBe(200);
      const slid = await row();
      expect(Date.parse(String(new Date(slid.expires_at)))).toBeGreaterThan(
        Date.now() + 11 * 3_600_000,
      );
      await session(s.headers);
      expect(new Date((await row()).last_seen_at).getTime()).toBe(
        new Date(slid.last_seen_at).getTime(),
      );
    });

    it("signing out ends this session and clears the cookie", async () => {
      const s = await signIn(t().app, t().store, "contributor");
      const res = await inject({ method: "DELETE", url: `${API}/session`, headers: s.headers });
      expect(res.statusCode).toBe(204);
      expect(String(res.headers["set-cookie"])).toMatch(/^mh_session=;.*Expires=Thu, 01 Jan 1970/);
      expect((await session(s.headers)).statusCode).toBe(401);
    });

    it("signing out everywhere ends the account's other sessions too, and no one else's", async () => {
      const a = await signIn(t().app, t().store, "author");
      const b = await login(a.user.email, TEST_PASSWORD);
      const other = { cookie: sessionCookie(b.headers["set-cookie"]) };
      const bystander = await signIn(t().app, t().store, "author");
      const res = await inject({ method: "DELETE", url: `${API}/sessions`, headers: a.headers });
      expect(res.statusCode).toBe(204);
      expect((await session(a.headers)).statusCode).toBe(401);
      expect((await session(other)).statusCode).toBe(401);
      expect((await session(bystander.headers)).statusCode).toBe(200);
    });

    it("signing out needs the CSRF token like any other change", async () => {
      const s = await signIn(t().app, t().store, "author");
      const res = await inject({
        method: "DELETE",
        url: `${API}/session`,
        headers: { cookie: s.cookie },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe("MH_CSRF");
      expect((await session(s.headers)).statusCode).toBe(200);
    });

    it("a sign-in body with unknown fields, wrong types or bad JSON is 400", async () => {
      const unknown = await inject({
        method: "POST",
        url: `${API}/session`,
        payload: { email: "a@example.org", password: "x", remember: true },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.issues).toEqual([expect.objectContaining({ path: "" })]);
      const types = await inject({
        method: "POST",
        url: `${API}/session`,
        payload: { email: 42, password: ["x"] },
      });
      expect(types.statusCode).toBe(400);
      expect(types.json().error.issues.map((i: { path: string }) => i.path)).toEqual([
        "email",
        "password",
      ]);
      const broken = await inject({
        method: "POST",
        url: `${API}/session`,
        headers: { "content-type": "application/json" },
        payload: '{"email": "a@example.org",',
      });
      expect(broken.statusCode).toBe(400);
      const huge = await inject({
        method: "POST",
        url: `${API}/session`,
        payload: { email: "a@example.org", password: "x".repeat(20_000) },
      });
      expect(huge.statusCode).toBe(413);
    });
  });
