// Old addresses that answer 410 Gone: content that existed on the old site and is deliberately
// not published here (a WordPress post behind a password). Looked up only where the site would
// answer 404, after redirects.
import { normalizeQuery, pathKey, queryCandidates, splitLink } from "../content/index.js";
import { nowIso } from "./columns.js";
import { redirectIndex, touchRedirects } from "./redirect-index.js";
import { inTransaction, type Store } from "./store.js";

/**
 * Marks old links as gone (an existing mark is kept), matched later like redirects: by path and
 * query whatever the host.
 */
export async function markGone(
  store: Store,
  links: readonly string[],
  reason: string,
): Promise<void> {
  if (links.length === 0) return;
  const now = nowIso();
  const rows = new Map(
    links.map((link) => {
      const { path, query } = splitLink(link);
      const row = {
        path_key: pathKey(path),
        query: normalizeQuery(query),
        reason,
        created_at: now,
      };
      return [`${row.path_key}?${row.query}`, row];
    }),
  );
  await inTransaction(store, async (db) => {
    await db
      .insertInto("gone_addresses")
      .values([...rows.values()])
      .onConflict((oc) => oc.columns(["path_key", "query"]).doNothing())
      .execute();
    await touchRedirects(db);
  });
}

/** Removes the gone marks of `links` (their content is published again, or moved here). */
export async function unmarkGone(store: Store, links: readonly string[]): Promise<void> {
  if (links.length === 0) return;
  await inTransaction(store, async (db) => {
    for (const link of links) {
      const { path, query } = splitLink(link);
      await db
        .deleteFrom("gone_addresses")
        .where("path_key", "=", pathKey(path))
        .where("query", "=", normalizeQuery(query))
        .execute();
    }
    await touchRedirects(db);
  });
}

/** Whether an address (path and query of a request) was marked gone. */
export async function isGone(store: Store, link: string): Promise<boolean> {
  const { path, query } = splitLink(link);
  const key = pathKey(path);
  if (!(await redirectIndex(store)).goneKeys.has(key)) return false;
  const row = await store.db
    .selectFrom("gone_addresses")
    .select("path_key")
    .where("path_key", "=", key)
    .where("query", "in", queryCandidates(query))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
