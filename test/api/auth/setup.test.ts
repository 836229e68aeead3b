import type { LightMyRequestResponse } from "fastify";
import { describe, expect, it } from "vitest";
import { getPersonBySlug } from "../../../src/store/index.js";
import { sessionCookie } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { useDemoApp } from "../../http/app.js";

const API = "/api/admin/v1";
// The demo's author's name: setup must still give the owner a person of their own.
const OWNER = {
  email: "Founder@Example.org",
  name: "Serena Zehlius",
  password: "a long first password",
};

for (const db of DATABASES)
  describe(`first-run setup (${db.name})`, () => {
    const t = useDemoApp(db);
    const users = async () => (await t().store.db.selectFrom("users").selectAll().execute()).length;
    const setup = (payload: unknown) =>
      t().app.inject({ method: "POST", url: `${API}/setup`, payload: payload as object });
    let ownerSession: LightMyRequestResponse | undefined;

    it("is needed while no account exists", async () => {
      const res = await t().app.inject({ method: "GET", url: `${API}/setup` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ needed: true });
    });

    it("refuses a short password (400, path password), bad fields and unknown fields; creates nothing", async () => {
      const short = await setup({ ...OWNER, password: "short" });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.issues).toEqual([
        { path: "password", message: "password must be at least 12 characters" },
      ]);
      const bad = await setup({ email: "not-an-email", name: "", password: 12 });
      expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toEqual([
        "email",
        "name",
        "password",
      ]);
      expect((await setup({ ...OWNER, role: "editor" })).statusCode).toBe(400);
      expect(await users()).toBe(0);
    });

    it("creates the owner and signs them in; only once, even when two race", async () => {
      const [a, b] = await Promise.all([
        setup(OWNER),
        setup({ ...OWNER, email: "second@example.org" }),
      ]);
      const statuses = [a.statusCode, b.statusCode].sort();
      expect(statuses).toEqual([201, 409]);
      const won = a.statusCode === 201 ? a : b;
      expect(won.json().user.role).toBe("owner");
      const session = await t().app.inject({
        method: "GET",
        url: `${API}/session`,
        headers: { cookie: sessionCookie(won.headers["set-cookie"]) },
      });
      expect(session.statusCode).toBe(200);
      expect(session.json().csrfToken).toBe(won.json().csrfToken);
      expect(await users()).toBe(1);
      ownerSession = won;
    });

    it("gives the owner a new byline person (never the demo's of the same name); their first draft has them as author", async () => {
      if (!ownerSession) throw new Error("the setup test above must run first");
      const { user, csrfToken } = ownerSession.json();
      const headers = {
        cookie: sessionCookie(ownerSession.headers["set-cookie"]),
        "x-csrf-token": csrfToken,
      };
      const demoAuthor = await getPersonBySlug(t().store, "serena-zehlius");
      expect(user.personId).toEqual(expect.any(String));
      expect(user.personId).not.toBe(demoAuthor?.id);
      const byline = await t().app.inject({ method: "GET", url: `${API}/me/byline`, headers });
      expect(byline.json()).toMatchObject({
        id: user.personId,
        name: OWNER.name,
        roleTitle: "",
        bio: "",
        version: 1,
      });
      expect(byline.json().slug).not.toBe("serena-zehlius");

      const draft = await t().app.inject({
        method: "POST",
        url: `${API}/articles`,
        headers,
        payload: { headline: "The first story", slug: "the-first-story", type: "news", body: [] },
      });
      expect(draft.statusCode, draft.body).toBe(201);
      expect(draft.json().article.authorIds).toEqual([user.personId]);
    });

    it("is closed once an account exists: 409 and nothing written", async () => {
      const res = await setup({ ...OWNER, email: "late@example.org" });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("MH_CONFLICT");
      expect(await users()).toBe(1);
      expect((await t().app.inject({ method: "GET", url: `${API}/setup` })).json()).toEqual({
        needed: false,
      });
    });
  });
