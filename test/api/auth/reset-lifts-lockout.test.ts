// The lockout message says "or reset the password": a reset must then let the person in at once
// (issue 12, point 9).
import { describe, expect, it } from "vitest";
import { LOGIN_MAX_FAILURES_PER_ACCOUNT } from "../../../src/auth/policy.js";
import { type SignedIn, signIn, TEST_PASSWORD } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { useDemoApp } from "../../http/app.js";

const API = "/api/admin/v1";
const NEW_PASSWORD = "a brand new passphrase";

for (const db of DATABASES)
  describe(`a password reset lifts the sign-in lockout (${db.name})`, () => {
    const t = useDemoApp(db);
    const login = (email: string, password: string, address: string) =>
      t().app.inject({
        method: "POST",
        url: `${API}/session`,
        payload: { email, password },
        headers: { "x-forwarded-for": address },
      });
    /** The owner makes a reset link for `userId`; its holder sets `password` with it. */
    const resetWith = async (owner: SignedIn, userId: string, password: string) => {
      const made = await t().app.inject({
        method: "POST",
        url: `${API}/users/${userId}/reset-link`,
        headers: owner.headers,
      });
      const token = new URL(made.json().url).searchParams.get("token");
      return t().app.inject({
        method: "POST",
        url: `${API}/password-reset`,
        payload: { token, password },
      });
    };

    it("a locked-out account signs in with its new password right after the reset", async () => {
      const person = await signIn(t().app, t().store, "author");
      const owner = await signIn(t().app, t().store, "owner");
      // The guesses come from elsewhere; the person signs in from their own address.
      for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ACCOUNT; i++)
        await login(person.user.email, "a wrong guess here", `198.19.7.${i + 1}`);
      expect((await login(person.user.email, TEST_PASSWORD, "198.19.8.1")).statusCode).toBe(429);

      const reset = await resetWith(owner, person.user.id, NEW_PASSWORD);
      expect(reset.statusCode).toBe(200);

      expect((await login(person.user.email, NEW_PASSWORD, "198.19.8.1")).statusCode).toBe(200);
    });

    it("a refused reset (password too short) leaves the lockout in place", async () => {
      const person = await signIn(t().app, t().store, "author");
      const owner = await signIn(t().app, t().store, "owner");
      for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ACCOUNT; i++)
        await login(person.user.email, "a wrong guess here", `198.19.9.${i + 1}`);
      const reset = await resetWith(owner, person.user.id, "short");
      expect(reset.statusCode).toBe(400);
      expect((await login(person.user.email, TEST_PASSWORD, "198.19.10.1")).statusCode).toBe(429);
    });
  });
