// What a 404 consults before it is a 404, kept in memory per database: which path keys have an
// exact redirect or a gone mark, and the compiled patterns. Almost every 404 is for an address
// nothing covers, and the index answers that without a query (on PostgreSQL a query is a round
// trip and as much CPU as the 404 page's own). Addresses the index names are still read from the
// tables, so it only ever has to be a superset. Every write changes the `redirects` row of
// `data_versions` in its own transaction; an instance asks for that version at most once per
// REDIRECT_FRESHNESS_MS and reloads when it changed, and at once after a change event
// (redirectIndexConsumer), so it follows another instance's writes as soon as its dispatcher does.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type ChangeConsumer, type CompiledPattern, compilePattern } from "../content/index.js";
import type { Database } from "./schema.js";
import type { Store } from "./store.js";

/** How long an instance trusts its index before asking whether it changed (ms). */
export const REDIRECT_FRESHNESS_MS = 1_000;

/** What the lookup knows without a query. */
export interface RedirectIndex {
  /** Path keys that start at least one exact redirect (with or without a query). */
  exactKeys: ReadonlySet<string>;
  /** Path keys with at least one gone mark. */
  goneKeys: ReadonlySet<string>;
  /** Every pattern, the most literal first. */
  patterns: readonly CompiledPattern[];
}

interface Cached {
  version: string;
  generation: number;
  checkedAt: number;
  index: RedirectIndex;
}

// Bumped by every write on this instance and every change event, so the next lookup asks for
// the version at once.
let generation = 0;
const cached = new WeakMap<object, Cached>();
const pending = new WeakMap<object, Promise<RedirectIndex>>();

/**
 * Marks the redirects and gone addresses as changed: call inside the transaction that changes
 * them, so other instances reload exactly when the change is visible.
 */
export async function touchRedirects(db: Kysely<Database>): Promise<void> {
  generation += 1;
  await db
    .updateTable("data_versions")
    .set({ version: randomUUID() })
    .where("name", "=", "redirects")
    .execute();
}

/**
 * The index as a follower of change events, on every instance: after any committed change the
 * next lookup asks for the version at once rather than within REDIRECT_FRESHNESS_MS. Every event
 * counts, not only `redirect.*`: slug changes, imports and gone marks write redirects too, and
 * the question is one small query on the next 404. Writers that record no event (a restore) are
 * still seen through the version within the second.
 */
export function redirectIndexConsumer(): ChangeConsumer {
  const askAgain = () => {
    generation += 1;
  };
  return { name: "redirect index", handle: askAgain, reset: askAgain };
}

/**
 * The index of `store`'s database, at most REDIRECT_FRESHNESS_MS old (at once for changes made
 * by this instance). Inside a transaction, read fresh each time.
 */
export function redirectIndex(store: Store): Promise<RedirectIndex> {
  const db = store.db;
  if (db.isTransaction) return loadIndex(db);
  const hit = cached.get(db);
  if (hit && hit.generation === generation && Date.now() - hit.checkedAt < REDIRECT_FRESHNESS_MS)
    return Promise.resolve(hit.index);
  // One check at a time, however many 404s arrive meanwhile.
  let refresh = pending.get(db);
  if (!refresh) {
    refresh = refreshIndex(db, hit).finally(() => pending.delete(db));
    pending.set(db, refresh);
  }
  return refresh;
}

async function refreshIndex(db: Kysely<Database>, hit: Cached | undefined): Promise<RedirectIndex> {
  const seen = generation;
  const checkedAt = Date.now();
  const version = await versionOf(db);
  const index = hit?.version === version ? hit.index : await loadIndex(db);
  cached.set(db, { version, generation: seen, checkedAt, index });
  return index;
}

async function versionOf(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom("data_versions")
    .select("version")
    .where("name", "=", "redirects")
    .executeTakeFirst();
  return row?.version ?? "";
}

async function loadIndex(db: Kysely<Database>): Promise<RedirectIndex> {
  const [exact, gone, patterns] = await Promise.all([
    db.selectFrom("redirects").select("from_path").distinct().where("kind", "=", "exact").execute(),
    db.selectFrom("gone_addresses").select("path_key").distinct().execute(),
    loadPatterns(db),
  ]);
  return {
    exactKeys: new Set(exact.map((r) => r.from_path)),
    goneKeys: new Set(gone.map((r) => r.path_key)),
    patterns,
  };
}

/** Every stored pattern compiled, the most literal first: `/2019/:m/:slug` before `/:y/:m/:slug`. */
export async function loadPatterns(db: Kysely<Database>): Promise<CompiledPattern[]> {
  const rows = await db
    .selectFrom("redirects")
    .select(["from_path", "to_path"])
    .where("kind", "=", "pattern")
    .orderBy("id")
    .execute();
  return rows
    .map((r) => compilePattern(r.from_path, r.to_path))
    .sort((a, b) => b.weight - a.weight);
}
