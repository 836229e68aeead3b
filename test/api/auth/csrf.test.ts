import { describe, expect, it } from "vitest";
import { signIn } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { useDemoApp } from "../../http/app.js";

const INVITATIONS = "/api/admin/v1/invitations";

for (const db of DATABASES)
  describe(`CSRF protection (${db.name})`, () => {
    const t = useDemoApp(db);
    const invitations = async () =>
      (await t().store.db.selectFrom("one_time_tokens").select("token_hash").execute()).length;
    const invite = (headers: Record<string, string>) =>
      t().app.inject({
        method: "POST",
        url: INVITATIONS,
        headers,
        payload: { email: `new-${Math.random()}@example.org`, role: "author" },
      });

    it.each([
      ["no X-CSRF-Token", (_own: string, _other: string) => ({})],
      ["a made-up token", () => ({ "x-csrf-token": "forged" })],
      ["an empty token", () => ({ "x-csrf-token": "" })],
      ["another session's token", (_own: string, other: string) => ({ "x-csrf-token": other })],
      ["its own token in the wrong case", (own: string) => ({ "x-csrf-token": own.toUpperCase() })],
    ])(
      "a change made with the cookie and %s is refused with 403 MH_CSRF; nothing is written",
      async (_name, header) => {
        const owner = await signIn(t().app, t().store, "owner");
        const other = await signIn(t().app, t().store, "owner");
        const before = await invitations();
        const res = await invite({ cookie: owner.cookie, ...header(owner.csrf, other.csrf) });
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe("MH_CSRF");
        expect(res.json().error.message).toMatch(/X-CSRF-Token/);
        expect(await invitations()).toBe(before);
      },
    );

    it("the same change with the session's token goes through", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const before = await invitations();
      expect((await invite(owner.headers)).statusCode).toBe(201);
      expect(await invitations()).toBe(before + 1);
    });

    it("reads need no token", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const res = await t().app.inject({
        method: "GET",
        url: "/api/admin/v1/users",
        headers: { cookie: owner.cookie },
      });
      expect(res.statusCode).toBe(200);
    });

    it("a signed-in browser may sign in again without a token: the request runs as signed out", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const res = await t().app.inject({
        method: "POST",
        url: "/api/admin/v1/session",
        headers: { cookie: owner.cookie },
        payload: { email: owner.user.email, password: "a wrong password!" },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("MH_UNAUTHENTICATED");
    });

    it("a cross-site form (text/plain, no cookie sent by SameSite) cannot produce a valid body", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const res = await t().app.inject({
        method: "POST",
        url: "/api/admin/v1/session",
        headers: { "content-type": "text/plain" },
        payload: `{"email":"${owner.user.email}","password":"="}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers["set-cookie"]).toBeUndefined();
    });
  });
