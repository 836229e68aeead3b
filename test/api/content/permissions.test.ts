// Who may call which content endpoint in the situations the route table's one call per route
// does not show (test/api/role-sweep.test.ts sweeps every route): ownership of articles ("own" =
// the account's Person is among the authors) at each stage of the workflow, and editing the
// Person one writes as. One row per endpoint and situation, one column per role.
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../../src/content/index.js";
import { DATABASES } from "../../helpers/databases.js";
import { personInput } from "../../helpers/fixtures.js";
import { type ContentApp, type Staff, useContentApp } from "./app.js";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
interface Call {
  method: Method;
  url: string;
  payload?: unknown;
}
type Expected = Record<Role, number>;

const all = (status: number): Expected => ({
  contributor: status,
  author: status,
  editor: status,
  owner: status,
});
const editorsOnly = (status: number): Expected => ({
  contributor: 403,
  author: 403,
  editor: status,
  owner: status,
});
const publishers = (status: number): Expected => ({
  contributor: 403,
  author: status,
  editor: status,
  owner: status,
});

interface Row {
  does: string;
  /** Builds the request for `who`; may create what it needs first (fresh for every role). */
  call(t: ContentApp, who: Staff): Promise<Call>;
  expected: Expected;
}

const edit = (t: ContentApp, slug: string) => {
  const { slug: _s, ...rest } = t.basics.articleInput({ headline: "Edited headline" });
  return { ...rest, slug: `${slug}-edited` };
};

const ROWS: Row[] = [
  {
    does: "save one's own draft",
    call: async (t, who) => {
      const a = await t.article({ authorId: who.personId });
      return {
        method: "PUT",
        url: `/articles/${a.id}`,
        payload: { ...edit(t, a.slug), authorIds: [who.personId], version: a.version },
      };
    },
    expected: all(200),
  },
  {
    does: "save one's own article in review",
    call: async (t, who) => {
      const a = await t.article({ authorId: who.personId, status: "in_review" });
      return {
        method: "PUT",
        url: `/articles/${a.id}`,
        payload: { ...edit(t, a.slug), authorIds: [who.personId], version: a.version },
      };
    },
    expected: all(200),
  },
  {
    does: "save one's own published article",
    call: async (t, who) => {
      const a = await t.article({ authorId: who.personId, status: "published" });
      return {
        method: "PUT",
        url: `/articles/${a.id}`,
        payload: { ...edit(t, a.slug), authorIds: [who.personId], version: a.version },
      };
    },
    expected: publishers(200),
  },
  {
    does: "save someone else's published article",
    call: async (t) => {
      const a = await t.article({ status: "published" });
      return {
        method: "PUT",
        url: `/articles/${a.id}`,
        payload: { ...edit(t, a.slug), version: a.version },
      };
    },
    expected: editorsOnly(200),
  },
  {
    does: "submit one's own draft for review",
    call: async (t, who) => {
      const a = await t.article({ authorId: who.personId });
      return {
        method: "POST",
        url: `/articles/${a.id}/transitions`,
        payload: { to: "in_review", version: a.version },
      };
    },
    expected: all(200),
  },
  {
    does: "submit someone else's draft for review",
    call: async (t) => {
      const a = await t.article();
      return {
        method: "POST",
        url: `/articles/${a.id}/transitions`,
        payload: { to: "in_review", version: a.version },
      };
    },
    expected: editorsOnly(200),
  },
  {
    does: "schedule one's own article in review",
    call: async (t, who) => {
      const a = await t.article({ authorId: who.personId, status: "in_review" });
      return {
        method: "POST",
        url: `/articles/${a.id}/transitions`,
        payload: {
          to: "scheduled",
          publishedAt: new Date(Date.now() + 3_600_000).toISOString(),
          version: a.version,
        },
      };
    },
    expected: publishers(200),
  },
  {
    does: "unpublish one's own article",
    call: async (t, who) => {
      const a = await t.article({ authorId: who.personId, status: "published" });
      return {
        method: "POST",
        url: `/articles/${a.id}/transitions`,
        payload: { to: "unpublished", version: a.version },
      };
    },
    expected: publishers(200),
  },
  {
    does: "publish someone else's article in review",
    call: async (t) => {
      const a = await t.article({ status: "in_review" });
      return {
        method: "POST",
        url: `/articles/${a.id}/transitions`,
        payload: { to: "published", version: a.version },
      };
    },
    expected: editorsOnly(200),
  },
  {
    does: "add a correction to someone else's published article",
    call: async (t) => {
      const a = await t.article({ status: "published" });
      return {
        method: "POST",
        url: `/articles/${a.id}/corrections`,
        payload: { kind: "update", note: "The council has since replied." },
      };
    },
    expected: editorsOnly(201),
  },
  {
    does: "share a preview of someone else's draft",
    call: async (t) => ({
      method: "POST",
      url: `/articles/${(await t.article()).id}/preview-links`,
      payload: {},
    }),
    expected: editorsOnly(201),
  },
  {
    does: "edit the Person one writes as",
    call: async (_t, who) => ({
      method: "PUT",
      url: `/people/${who.personId}`,
      payload: { ...personInput({ name: "Renamed" }), version: 1 },
    }),
    expected: editorsOnly(200),
  },
];

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);
    const staff = {} as Record<Role, Staff>;
    beforeAll(async () => {
      for (const role of ROLES) staff[role] = await t().staff(role);
    });

    describe.each(ROWS)("$does", (row) => {
      it.each(ROLES)("as %s", async (role) => {
        const { method, url, payload } = await row.call(t(), staff[role]);
        const res = await t().call(staff[role], method, url, payload);
        expect({
          status: res.statusCode,
          body: res.statusCode === 403 ? res.json() : null,
        }).toEqual({
          status: row.expected[role],
          body:
            row.expected[role] === 403
              ? { error: { code: "MH_FORBIDDEN", message: expect.any(String) } }
              : null,
        });
      });

      it("without a session: 401", async () => {
        const { method, url, payload } = await row.call(t(), staff.editor);
        const res = await t().call(undefined, method, url, payload);
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe("MH_UNAUTHENTICATED");
      });
    });
  });
