import { randomUUID } from "node:crypto";
import { nowIso, toIso } from "./columns.js";
import type { Store } from "./store.js";

/** Records a failed sign-in for `account` (a lower-cased email) from `address`. */
export async function recordLoginFailure(
  store: Store,
  failure: { account: string; address: string },
): Promise<void> {
  await store.db
    .insertInto("login_failures")
    .values({ id: randomUUID(), ...failure, created_at: nowIso() })
    .execute();
}

/**
 * When the failures since `since` happened (ISO strings, oldest first), for the account and for
 * the address; also forgets failures older than `since`, which no longer count.
 */
export async function recentLoginFailures(
  store: Store,
  key: { account: string; address: string },
  since: string,
): Promise<{ account: string[]; address: string[] }> {
  await store.db.deleteFrom("login_failures").where("created_at", "<", since).execute();
  const times = async (column: "account" | "address") => {
    const rows = await store.db
      .selectFrom("login_failures")
      .select("created_at")
      .where(column, "=", key[column])
      .where("created_at", ">=", since)
      .orderBy("created_at")
      .execute();
    return rows.map((r) => toIso(r.created_at));
  };
  return { account: await times("account"), address: await times("address") };
}

/** Forgets an account's failures after it signs in successfully. */
export async function clearLoginFailures(store: Store, account: string): Promise<void> {
  await store.db.deleteFrom("login_failures").where("account", "=", account).execute();
}
