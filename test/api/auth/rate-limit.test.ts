import { describe, expect, it } from "vitest";
import {
  LOGIN_MAX_FAILURES_PER_ACCOUNT,
  LOGIN_MAX_FAILURES_PER_ADDRESS,
  LOGIN_WINDOW_MS,
} from "../../../src/auth/policy.js";
import { signIn, TEST_PASSWORD } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { useDemoApp } from "../../http/app.js";

const URL = "/api/admin/v1/session";
let nextAddress = 0;
/** A client address no other test uses (documentation range 198.18.0.0/15). */
const freshAddress = () => {
  nextAddress += 1;
  return `198.18.${Math.floor(nextAddress / 250)}.${(nextAddress % 250) + 1}`;
};

for (const db of DATABASES)
  describe(`sign-in rate limits (${db.name})`, () => {
    const t = useDemoApp(db);
    const login = (email: string, password: string, address: string) =>
      t().app.inject({
        method: "POST",
        url: URL,
        payload: { email, password },
        headers: { "x-forwarded-for": address },
      });

    it(`after ${LOGIN_MAX_FAILURES_PER_ACCOUNT} failures an account is locked for a while, even from other addresses and with the right password`, async () => {
      const s = await signIn(t().app, t().store, "editor");
      for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ACCOUNT; i++)
        expect((await login(s.user.email, "wrong guess number", freshAddress())).statusCode).toBe(
          401,
        );
      const res = await login(s.user.email, TEST_PASSWORD, freshAddress());
      expect(res.statusCode).toBe(429);
      expect(res.json().error.code).toBe("MH_RATE_LIMITED");
      const retryAfter = Number(res.headers["retry-after"]);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);
      expect(res.headers["set-cookie"]).toBeUndefined();
    });

    it("an unknown email is limited like a real one, so the limit reveals nothing", async () => {
      const address = freshAddress();
      for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ACCOUNT; i++)
        await login("ghost@example.org", "wrong guess number", freshAddress());
      expect((await login("ghost@example.org", "anything", address)).statusCode).toBe(429);
    });

    it("the lock lifts when the failures leave the window", async () => {
      const s = await signIn(t().app, t().store, "editor");
      for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ACCOUNT; i++)
        await login(s.user.email, "wrong guess number", freshAddress());
      const past = new Date(Date.now() - LOGIN_WINDOW_MS - 1000).toISOString();
      await t()
        .store.db.updateTable("login_failures")
        .set({ created_at: past })
        .where("account", "=", s.user.email)
        .execute();
      expect((await login(s.user.email, TEST_PASSWORD, freshAddress())).statusCode).toBe(200);
    });

    it("a successful sign-in forgets the account's earlier failures", async () => {
      const s = await signIn(t().app, t().store, "author");
      for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ACCOUNT - 1; i++)
        await login(s.user.email, "wrong guess number", freshAddress());
      expect((await login(s.user.email, TEST_PASSWORD, freshAddress())).statusCode).toBe(200);
      for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ACCOUNT - 1; i++)
        expect((await login(s.user.email, "wrong again", freshAddress())).statusCode).toBe(401);
    });

    it(`after ${LOGIN_MAX_FAILURES_PER_ADDRESS} failures from one address, that address is refused for any account; others are not`, async () => {
      const address = freshAddress();
      for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ADDRESS; i++)
        expect((await login(`spray-${i}@example.org`, "password123456", address)).statusCode).toBe(
          401,
        );
      const s = await signIn(t().app, t().store, "author");
      const blocked = await login(s.user.email, TEST_PASSWORD, address);
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
      expect((await login(s.user.email, TEST_PASSWORD, freshAddress())).statusCode).toBe(200);
    });
  });
