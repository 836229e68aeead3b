import type { InjectOptions } from "fastify";
import { describe, expect, it } from "vitest";
import { can, type Permission, ROLES, type Role } from "../../../src/content/index.js";
import { createPerson } from "../../../src/store/index.js";
import { signIn } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { personInput } from "../../helpers/fixtures.js";
import { useDemoApp } from "../../http/app.js";

const API = "/api/admin/v1";

/** Each account and settings route, a valid request to it, the permission it needs and its success status. */
const ROUTES: {
  name: string;
  permission: Permission;
  status: number;
  request: () => InjectOptions;
}[] = [
  {
    name: "GET /users",
    permission: "users.manage",
    status: 200,
    request: () => ({ method: "GET", url: `${API}/users` }),
  },
  {
    name: "POST /users",
    permission: "users.manage",
    status: 201,
    request: () => ({
      method: "POST",
      url: `${API}/users`,
      payload: { email: `made-${Math.random()}@example.org`, name: "Made", role: "author" },
    }),
  },
  {
    name: "POST /invitations",
    permission: "users.manage",
    status: 201,
    request: () => ({
      method: "POST",
      url: `${API}/invitations`,
      payload: { email: `inv-${Math.random()}@example.org`, role: "contributor" },
    }),
  },
  {
    name: "GET /api-keys",
    permission: "apikeys.manage",
    status: 200,
    request: () => ({ method: "GET", url: `${API}/api-keys` }),
  },
  {
    name: "POST /api-keys",
    permission: "apikeys.manage",
    status: 201,
    request: () => ({
      method: "POST",
      url: `${API}/api-keys`,
      payload: { name: "CI", permissions: ["article.create"] },
    }),
  },
  {
    name: "GET /settings",
    permission: "settings.manage",
    status: 200,
    request: () => ({ method: "GET", url: `${API}/settings` }),
  },
  {
    name: "PUT /settings",
    permission: "settings.manage",
    status: 200,
    request: () => ({
      method: "PUT",
      url: `${API}/settings`,
      payload: { title: "The Courier", tagline: "", language: "en" },
    }),
  },
];

for (const db of DATABASES)
  describe(`accounts and settings routes (${db.name})`, () => {
    const t = useDemoApp(db);
    const send = (request: InjectOptions, headers: Record<string, string> = {}) =>
      t().app.inject({ ...request, headers: { ...request.headers, ...headers } });
    const count = async () => ({
      users: (await t().store.db.selectFrom("users").select("id").execute()).length,
      tokens: (await t().store.db.selectFrom("one_time_tokens").select("token_hash").execute())
        .length,
      keys: (await t().store.db.selectFrom("api_keys").select("id").execute()).length,
    });

    describe.each(ROUTES)("$name", ({ permission, status, request }) => {
      it.each([...ROLES])(
        `as %s: allowed only to roles holding ${permission}`,
        async (role: Role) => {
          const s = await signIn(t().app, t().store, role);
          const before = await count();
          const res = await send(request(), s.headers);
          if (can(role, permission)) expect(res.statusCode).toBe(status);
          else {
            expect(res.statusCode).toBe(403);
            expect(res.json().error.code).toBe("MH_FORBIDDEN");
            expect(await count()).toEqual(before);
          }
        },
      );

      it("without a session: 401, nothing written", async () => {
        const before = await count();
        const res = await send(request());
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe("MH_UNAUTHENTICATED");
        expect(await count()).toEqual(before);
      });
    });

    it("an owner creates an account without a password and gets a set-password link", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const person = await createPerson(t().store, personInput());
      const res = await send(
        {
          method: "POST",
          url: `${API}/users`,
          payload: {
            email: "Byline@Example.org",
            name: "By Line",
            role: "author",
            personId: person.id,
          },
        },
        owner.headers,
      );
      expect(res.statusCode).toBe(201);
      expect(res.json().user).toMatchObject({
        email: "byline@example.org",
        role: "author",
        personId: person.id,
        disabledAt: null,
      });
      expect(res.json().setPasswordLink.url).toMatch(/\/admin\/reset\?token=/);
      const read = await send(
        { method: "GET", url: `${API}/users/${res.json().user.id}` },
        owner.headers,
      );
      expect(read.json()).toEqual(res.json().user);
      // Lists answer in one shape across the API: {items, total}.
      const list = (await send({ method: "GET", url: `${API}/users` }, owner.headers)).json();
      expect(list.total).toBe(list.items.length);
      expect(list.items.map((u: { email: string }) => u.email)).toContain("byline@example.org");
    });

    it("bad account input is 400 with field paths and writes nothing", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const before = await count();
      const cases: [unknown, string[]][] = [
        [{ email: "nope", name: "", role: "chief" }, ["email", "name", "role"]],
        [{ email: "x@example.org", name: "X", role: "author", password: "short" }, ["password"]],
        [
          {
            email: "x@example.org",
            name: "X",
            role: "author",
            personId: "00000000-0000-4000-8000-000000000000",
          },
          ["personId"],
        ],
        [{ email: "x@example.org", name: "X", role: "author", admin: true }, [""]],
      ];
      for (const [payload, paths] of cases) {
        const res = await send(
          { method: "POST", url: `${API}/users`, payload: payload as object },
          owner.headers,
        );
        expect(res.statusCode).toBe(400);
        expect(res.json().error.issues.map((i: { path: string }) => i.path)).toEqual(paths);
      }
      const malformed = await send(
        {
          method: "POST",
          url: `${API}/users`,
          headers: { "content-type": "application/json" },
          payload: "{not json",
        },
        owner.headers,
      );
      expect(malformed.statusCode).toBe(400);
      const oversize = await send(
        {
          method: "POST",
          url: `${API}/invitations`,
          payload: { email: "a@example.org", role: "author", name: "n".repeat(20_000) },
        },
        owner.headers,
      );
      expect(oversize.statusCode).toBe(413);
      expect(await count()).toEqual(before);
    });

    it("an email is taken case-blind: 409", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const res = await send(
        {
          method: "POST",
          url: `${API}/users`,
          payload: { email: owner.user.email.toUpperCase(), name: "Twin", role: "author" },
        },
        owner.headers,
      );
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("MH_CONFLICT");
    });

    it("an owner changes an account's role, name and byline; the change applies to its live session", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const writer = await signIn(t().app, t().store, "contributor");
      const person = await createPerson(t().store, personInput());
      const res = await send(
        {
          method: "PATCH",
          url: `${API}/users/${writer.user.id}`,
          payload: { role: "editor", name: "Promoted", personId: person.id },
        },
        owner.headers,
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ role: "editor", name: "Promoted", personId: person.id });
      const session = await send({ method: "GET", url: `${API}/session` }, writer.headers);
      expect(session.json().user).toMatchObject({ role: "editor", personId: person.id });
    });

    it("disabling an account ends its sessions; enabling lets it sign in again", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const writer = await signIn(t().app, t().store, "author");
      const patch = (disabled: boolean) =>
        send(
          { method: "PATCH", url: `${API}/users/${writer.user.id}`, payload: { disabled } },
          owner.headers,
        );
      expect((await patch(true)).json().disabledAt).not.toBeNull();
      expect(
        (await send({ method: "GET", url: `${API}/session` }, writer.headers)).statusCode,
      ).toBe(401);
      expect((await patch(false)).json().disabledAt).toBeNull();
    });

    it("PATCH refuses an empty change, unknown fields and a missing account", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const url = `${API}/users/${owner.user.id}`;
      expect((await send({ method: "PATCH", url, payload: {} }, owner.headers)).statusCode).toBe(
        400,
      );
      expect(
        (await send({ method: "PATCH", url, payload: { email: "x@example.org" } }, owner.headers))
          .statusCode,
      ).toBe(400);
      expect(
        (await send({ method: "PATCH", url, payload: { disabled: "yes" } }, owner.headers))
          .statusCode,
      ).toBe(400);
      const missing = await send(
        {
          method: "PATCH",
          url: `${API}/users/00000000-0000-4000-8000-000000000000`,
          payload: { name: "X" },
        },
        owner.headers,
      );
      expect(missing.statusCode).toBe(404);
      expect(
        (await send({ method: "GET", url: `${API}/users/not-a-uuid` }, owner.headers)).statusCode,
      ).toBe(400);
    });
  });

for (const db of DATABASES)
  describe(`the last owner (${db.name})`, () => {
    const t = useDemoApp(db);
    const patch = (id: string, payload: object, headers: Record<string, string>) =>
      t().app.inject({ method: "PATCH", url: `${API}/users/${id}`, payload, headers });

    it("cannot be demoted or disabled (409), by themselves or anyone", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      for (const change of [{ role: "editor" }, { disabled: true }]) {
        const res = await patch(owner.user.id, change, owner.headers);
        expect(res.statusCode).toBe(409);
        expect(res.json().error.message).toMatch(/last active owner/);
      }
      const row = await t()
        .store.db.selectFrom("users")
        .selectAll()
        .where("id", "=", owner.user.id)
        .executeTakeFirstOrThrow();
      expect(row.role).toBe("owner");
      expect(row.disabled_at).toBeNull();
    });

    it("can step down once another owner exists; then the other is the last", async () => {
      const first = (await t().store.db.selectFrom("users").selectAll().executeTakeFirstOrThrow())
        .id;
      const second = await signIn(t().app, t().store, "owner");
      expect((await patch(first, { role: "editor" }, second.headers)).statusCode).toBe(200);
      expect((await patch(second.user.id, { disabled: true }, second.headers)).statusCode).toBe(
        409,
      );
    });

    it("of two owners demoting each other at once, one succeeds and one is refused", async () => {
      const a = await signIn(t().app, t().store, "owner");
      const b = await signIn(t().app, t().store, "owner");
      // Leave exactly a and b as active owners.
      await t()
        .store.db.updateTable("users")
        .set({ role: "editor" })
        .where("role", "=", "owner")
        .where("id", "not in", [a.user.id, b.user.id])
        .execute();
      const results = await Promise.all([
        patch(b.user.id, { role: "author" }, a.headers),
        patch(a.user.id, { role: "author" }, b.headers),
      ]);
      // The loser is refused as the last owner (409) or, if the winner finished first, as no
      // longer an owner at all (403).
      const [won, lost] = results.map((r) => r.statusCode).sort();
      expect(won).toBe(200);
      expect([403, 409]).toContain(lost);
      const owners = await t()
        .store.db.selectFrom("users")
        .select("id")
        .where("role", "=", "owner")
        .execute();
      expect(owners).toHaveLength(1);
    });
  });
