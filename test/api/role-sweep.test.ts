// Who may call which route: every entry of the route table (test/api/route-table.ts) called as
// every role and signed out, against the status the table expects (the permission matrix of
// docs/SECURITY.md). Ownership cases the table's one recipe per route cannot show (someone
// else's draft, one's own published article) stay in test/api/content/permissions.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../src/content/index.js";
import { DATABASES } from "../helpers/databases.js";
import { type Staff, useRouteApp } from "./route-app.js";
import { expectStatus, ROUTE_TABLE, runEntry } from "./route-table.js";

const CODES: Record<number, string> = { 401: "MH_UNAUTHENTICATED", 403: "MH_FORBIDDEN" };

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useRouteApp(db);
    const staff = {} as Record<Role, Staff>;
    beforeAll(async () => {
      for (const role of ROLES) staff[role] = await t().staff(role);
    });

    describe.each(Object.entries(ROUTE_TABLE))("%s", (_key, entry) => {
      it.each([...ROLES, "signedOut" as const])(`${entry.does}: as %s`, async (role) => {
        const { res } = await runEntry(t(), entry, role === "signedOut" ? undefined : staff[role]);
        expectStatus(entry, role, res);
        const code = CODES[res.statusCode];
        if (code) expect(res.json().error.code).toBe(code);
      });
    });
  });
