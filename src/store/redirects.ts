// Redirects from old addresses: listing, adding (one, a slug's move, or thousands from an import)
// and the lookup the site makes before answering 404. Stored redirects are always collapsed: no
// target is itself the start of another redirect, so one lookup gives the final address.
import { randomUUID } from "node:crypto";
import type { CompiledQuery, Insertable, Kysely } from "kysely";
import { ConflictError, NotFoundError, RedirectRefusedError } from "../content/errors.js";
import {
  type CompiledPattern,
  compilePattern,
  isPattern,
  linkKey,
  matchPattern,
  normalizePath,
  normalizeQuery,
  parseOrThrow,
  pathKey,
  patternNames,
  queryCandidates,
  type Redirect,
  type RedirectInput,
  RedirectInputSchema,
  type RedirectRule,
  splitLink,
  targetKey,
} from "../content/index.js";
import { nowIso, toIso } from "./columns.js";
import { loadPatterns, redirectIndex, touchRedirects } from "./redirect-index.js";
import type { Database } from "./schema.js";
import { inTransaction, type Store } from "./store.js";

/** What `listRedirects` accepts. */
export interface ListRedirectsOptions {
  /** Text anywhere in the old or new address (case-insensitive). */
  q?: string;
  limit?: number;
  offset?: number;
}

/** What a bulk add did: rows written, and each entry left out with why. */
export interface BulkRedirectResult {
  added: number;
  updated: number;
  /** Already stored with the same target (a re-import): nothing written. */
  unchanged: number;
  skipped: { from: string; to: string; reason: string }[];
}

type Db = Kysely<Database>;

function toRedirect(row: {
  id: string;
  from_path: string;
  from_query: string;
  to_path: string;
  kind: string;
  source: string;
  created_at: Date | string;
}): Redirect {
  return {
    id: row.id,
    fromPath: row.from_path,
    fromQuery: row.from_query,
    toPath: row.to_path,
    kind: row.kind as Redirect["kind"],
    source: row.source,
    createdAt: toIso(row.created_at),
  };
}

/** The key a stored redirect's start is compared by (patterns in lower case, like exact keys). */
function fromKeyOf(rule: Pick<RedirectRule, "fromPath" | "fromQuery" | "kind">): string {
  return rule.kind === "pattern"
    ? rule.fromPath.toLowerCase()
    : rule.fromQuery
      ? `${rule.fromPath}?${rule.fromQuery}`
      : rule.fromPath;
}

/** `to_key` of a target: exact targets as `linkKey`, pattern targets as written in lower case. */
function toKeyOf(to: string, kind: RedirectRule["kind"]): string {
  if (kind === "pattern" && !/^https?:\/\//i.test(to)) {
    const { path, query } = splitLink(to);
    return `${normalizePath(path).toLowerCase()}${query ? `?${query}` : ""}`;
  }
  return targetKey(to) ?? "";
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A page of redirects, newest first, with the total matching `q`. */
export async function listRedirects(
  store: Store,
  { q, limit = 50, offset = 0 }: ListRedirectsOptions = {},
): Promise<{ items: Redirect[]; total: number }> {
  let query = store.db.selectFrom("redirects");
  const text = q?.trim().toLowerCase();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["from_path"]), "like", eb.val(like)),
        eb(eb.fn("lower", ["from_query"]), "like", eb.val(like)),
        eb(eb.fn("lower", ["to_path"]), "like", eb.val(like)),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toRedirect), total: Number(count.n) };
}

/** The redirect with this id, or undefined. */
export async function getRedirectById(store: Store, id: string): Promise<Redirect | undefined> {
  const row = await store.db
    .selectFrom("redirects")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toRedirect(row);
}

// ---------------------------------------------------------------------------------------------
// The lookup

// The exact lookup's statement, compiled once per database and number of candidate queries:
// building and compiling it with Kysely on every 404 cost about as much as running it.
const compiledLookups = new Map<string, CompiledQuery>();

function exactLookup(store: Store, key: string, candidates: string[]): CompiledQuery {
  const name = `${store.dialect}:${candidates.length}`;
  let compiled = compiledLookups.get(name);
  if (!compiled) {
    compiled = store.db
      .selectFrom("redirects")
      .select(["from_query", "to_path"])
      .where("from_path", "=", "")
      .where("from_query", "in", candidates)
      .compile();
    compiledLookups.set(name, compiled);
  }
  return { ...compiled, parameters: [key, ...candidates] };
}

/**
 * Where an old link (a path with its query, or a whole URL on any host) now lives: the target of
 * its exact redirect (the whole query, then any one parameter of it, then none), else of the
 * first matching pattern; undefined when none applies. The old query is dropped.
 * @example await findRedirect(store, "/?p=123&utm_source=x") // "/articles/harbour-strike"
 */
export async function findRedirect(store: Store, link: string): Promise<string | undefined> {
  const { path, query } = splitLink(link);
  const key = pathKey(path);
  const candidates = queryCandidates(query);
  const index = await redirectIndex(store);
  const { rows } = index.exactKeys.has(key)
    ? await store.db.executeQuery<{ from_query: string; to_path: string }>(
        exactLookup(store, key, candidates),
      )
    : { rows: [] };
  let target: string | undefined;
  if (rows.length > 0) {
    const rank = (q: string) => candidates.indexOf(q);
    target = rows.reduce((best, r) =>
      rank(r.from_query) < rank(best.from_query) ? r : best,
    ).to_path;
  } else {
    const normalised = normalizePath(path);
    for (const pattern of index.patterns) {
      target = matchPattern(pattern, normalised);
      if (target !== undefined) break;
    }
  }
  // Never answer a link with itself (a pattern that happens to map an address onto itself).
  if (target !== undefined && targetKey(target) === linkKey(path, query)) return undefined;
  return target;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** How a write treats redirects that would now point back at their own start. */
type OnLoop = "refuse" | "drop";

/**
 * Where `to` finally leads: the target of the redirect that starts there (stored redirects are
 * collapsed, so one step is the end), or `to` itself.
 */
async function resolve(store: Store, to: string): Promise<string> {
  if (/^https?:\/\//i.test(to)) return to;
  return (await findRedirect(store, to)) ?? to;
}

/** Fails when a published article or page, a section, tag, person or tracker lives at this path. */
async function refuseLivePath(db: Db, key: string): Promise<void> {
  const page = /^\/([^/?]+)$/.exec(key)?.[1];
  if (
    page !== undefined &&
    (await db
      .selectFrom("articles")
      .select("id")
      .where("slug", "=", page)
      .where("kind", "=", "page")
      .where("status", "=", "published")
      .executeTakeFirst())
  )
    throw new RedirectRefusedError(
      "from",
      `${key} is a live page on this site; a redirect from it would never be used`,
    );
  const match = /^\/(articles|sections|tags|authors|trackers)\/([^/?]+)$/.exec(key);
  if (!match) return;
  const [, kind, slug = ""] = match;
  const live =
    kind === "articles"
      ? await db
          .selectFrom("articles")
          .select("id")
          .where("slug", "=", slug)
          .where("status", "=", "published")
          .executeTakeFirst()
      : await db
          .selectFrom(
            kind === "sections"
              ? "sections"
              : kind === "tags"
                ? "tags"
                : kind === "authors"
                  ? "people"
                  : "trackers",
          )
          .select("id")
          .where("slug", "=", slug)
          .executeTakeFirst();
  if (live)
    throw new RedirectRefusedError(
      "from",
      `${key} is a live page on this site; a redirect from it would never be used`,
    );
}

/**
 * Points every stored redirect that ends at `fromKey` at `to` instead (A → B plus B → C stores
 * A → C), and, for a pattern start, every exact redirect whose target it matches. A redirect that
 * would then point at its own start is refused or, for a slug taken back, dropped.
 */
async function redirectPointersTo(
  db: Db,
  rule: RedirectRule,
  to: string,
  onLoop: OnLoop,
): Promise<void> {
  const fromKey = fromKeyOf(rule);
  const newToKey = toKeyOf(to, rule.kind);
  const pointing = await db
    .selectFrom("redirects")
    .select(["id", "from_path", "from_query", "kind", "to_path"])
    .where("to_key", "=", fromKey)
    .execute();
  const updates: { id: string; to: string }[] = [];
  for (const row of pointing) {
    if (row.kind === "pattern" && rule.kind === "pattern") {
      // The pattern's names must be ones the pointing pattern captures.
      const names = patternNames(row.from_path);
      if (!patternNames(splitLink(to).path).every((n) => names.includes(n))) continue;
    }
    updates.push({ id: row.id, to });
  }
  if (rule.kind === "pattern") {
    // Exact redirects into the pattern's range: `/x` → `/old/a` becomes `/x` → `/new/a`.
    const compiled = compilePattern(rule.fromPath, to);
    const prefix = rule.fromPath.toLowerCase().split(/[:*]/)[0] ?? "/";
    const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await db
      .selectFrom("redirects")
      .select(["id", "to_path"])
      .where("kind", "=", "exact")
      .where("to_key", "like", like)
      .execute();
    for (const row of rows) {
      const { path } = splitLink(row.to_path);
      const next = matchPattern(compiled, normalizePath(path));
      if (next !== undefined) updates.push({ id: row.id, to: next });
    }
  }
  for (const update of updates) {
    const row = await db
      .selectFrom("redirects")
      .select(["from_path", "from_query", "kind"])
      .where("id", "=", update.id)
      .executeTakeFirstOrThrow();
    const key =
      row.kind === "pattern" ? row.from_path.toLowerCase() : linkKey(row.from_path, row.from_query);
    const kind = row.kind as RedirectRule["kind"];
    if (key === toKeyOf(update.to, kind) || key === newToKey) {
      if (onLoop === "refuse")
        throw new RedirectRefusedError(
          "to",
          `${row.from_path}${row.from_query ? `?${row.from_query}` : ""} already redirects to ${fromKey}, so this would send readers round in a circle`,
        );
      await db.deleteFrom("redirects").where("id", "=", update.id).execute();
    } else
      await db
        .updateTable("redirects")
        .set({ to_path: update.to, to_key: toKeyOf(update.to, kind) })
        .where("id", "=", update.id)
        .execute();
  }
}

/** Stores one validated rule with its chains collapsed; the caller holds the transaction. */
async function placeRule(
  store: Store,
  rule: RedirectRule,
  source: string,
  onLoop: OnLoop,
): Promise<Redirect> {
  const fromKey = fromKeyOf(rule);
  const to = rule.kind === "exact" ? await resolve(store, rule.toPath) : rule.toPath;
  if (rule.kind === "exact" && toKeyOf(to, "exact") === fromKey)
    throw new RedirectRefusedError(
      "to",
      `${rule.toPath} already redirects back to ${fromKey}, so this would send readers round in a circle`,
    );
  await redirectPointersTo(store.db, rule, to, onLoop);
  const redirect: Redirect = {
    ...rule,
    toPath: to,
    id: randomUUID(),
    source,
    createdAt: nowIso(),
  };
  try {
    await store.db
      .insertInto("redirects")
      .values({
        id: redirect.id,
        from_path: rule.fromPath,
        from_query: rule.fromQuery,
        to_path: to,
        to_key: toKeyOf(to, rule.kind),
        kind: rule.kind,
        source,
        created_at: redirect.createdAt,
      })
      .execute();
  } catch (error) {
    const existing = await store.db
      .selectFrom("redirects")
      .select("id")
      .where("from_path", "=", rule.fromPath)
      .where("from_query", "=", rule.fromQuery)
      .executeTakeFirst();
    if (existing) throw new ConflictError("redirect", "from", fromKey);
    throw error;
  }
  await touchRedirects(store.db);
  return redirect;
}

/**
 * Adds one redirect (an editor's). Chains are collapsed both ways; a loop, a start that is a live
 * page, or a start already redirected is refused. Throws ContentInvalidError (field paths `from`,
 * `to`), RedirectRefusedError or ConflictError (MH_CONFLICT, field `from`).
 */
export async function addRedirect(
  store: Store,
  input: RedirectInput,
  { source = "manual" }: { source?: string } = {},
): Promise<Redirect> {
  const rule = parseOrThrow(RedirectInputSchema, input, "redirect");
  return inTransaction(store, async (db) => {
    const tx = { ...store, db };
    if (rule.kind === "exact" && !rule.fromQuery) await refuseLivePath(db, rule.fromPath);
    const taken = await db
      .selectFrom("redirects")
      .select("id")
      .where("from_path", "=", rule.fromPath)
      .where("from_query", "=", rule.fromQuery)
      .executeTakeFirst();
    if (taken) throw new ConflictError("redirect", "from", fromKeyOf(rule));
    return placeRule(tx, rule, source, "refuse");
  });
}

/** Removes a redirect. Throws NotFoundError. */
export async function removeRedirect(store: Store, id: string): Promise<void> {
  await inTransaction(store, async (db) => {
    const result = await db.deleteFrom("redirects").where("id", "=", id).executeTakeFirst();
    if (result.numDeletedRows === 0n) throw new NotFoundError("redirect", id);
    await touchRedirects(db);
  });
}

/**
 * Records that what lived at `from` now lives at `to` (a slug change): `to` is live again, so a
 * redirect starting there is deleted (taking an old slug back), then `from` → `to` is added or
 * replaced, and redirects that ended at `from` now end at `to`; any that would point at their own
 * start are dropped. Both may be patterns (`/sections/a/*` → `/sections/b/*`). Call inside the
 * transaction that makes the change. Returns undefined when `from` and `to` are the same address.
 */
export async function redirectMovedPath(
  store: Store,
  { from, to, source = "slug" }: { from: string; to: string; source?: string },
): Promise<Redirect | undefined> {
  return inTransaction(store, async (db) => {
    const tx = { ...store, db };
    const live = storedStart(to);
    await db
      .deleteFrom("redirects")
      .where("from_path", "=", live.fromPath)
      .where("from_query", "=", live.fromQuery)
      .execute();
    await touchRedirects(db);
    const result = RedirectInputSchema.safeParse({ from, to });
    if (!result.success) return undefined;
    await db
      .deleteFrom("redirects")
      .where("from_path", "=", result.data.fromPath)
      .where("from_query", "=", result.data.fromQuery)
      .execute();
    return placeRule(tx, result.data, source, "drop");
  });
}

/** The (from_path, from_query) an address would be stored under as the start of a redirect. */
function storedStart(address: string): { fromPath: string; fromQuery: string } {
  const { path, query } = splitLink(address);
  return isPattern(path)
    ? { fromPath: normalizePath(path), fromQuery: "" }
    : { fromPath: pathKey(path), fromQuery: normalizeQuery(query) };
}

/**
 * Adds many redirects at once (an import's old permalinks), in the caller's transaction or one of
 * its own: an existing redirect from the same address is replaced (upsert on the old address),
 * targets that are themselves redirected are followed, and redirects that pointed at a new start
 * are collapsed onto its target. Entries that are invalid, equal to their target or would loop
 * are skipped with the reason; nothing is thrown for them.
 */
export async function addRedirects(
  store: Store,
  list: readonly { from: string; to: string }[],
  { source = "import" }: { source?: string } = {},
): Promise<BulkRedirectResult> {
  const result: BulkRedirectResult = { added: 0, updated: 0, unchanged: 0, skipped: [] };
  // Parse and keep the last entry for each old address.
  const rules = new Map<string, { entry: { from: string; to: string }; rule: RedirectRule }>();
  for (const entry of list) {
    const parsed = RedirectInputSchema.safeParse(entry);
    if (!parsed.success) {
      result.skipped.push({
        ...entry,
        reason: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      });
      continue;
    }
    rules.set(fromKeyOf(parsed.data), { entry, rule: parsed.data });
  }
  if (rules.size === 0) return result;
  await inTransaction(store, async (db) => {
    for (const chunk of chunks([...rules.values()], 400)) {
      const existing = await db
        .selectFrom("redirects")
        .select(["from_path", "from_query", "to_path", "kind"])
        .where((eb) =>
          eb.or(
            chunk.map(({ rule }) =>
              eb.and([eb("from_path", "=", rule.fromPath), eb("from_query", "=", rule.fromQuery)]),
            ),
          ),
        )
        .execute();
      const stored = new Map(
        existing.map((r) => [`${r.from_path}?${r.from_query}`, `${r.kind} ${r.to_path}`]),
      );
      // Targets that are themselves stored redirects, read in one statement.
      const targetKeys = chunk.flatMap(({ rule }) => {
        const key = rule.kind === "exact" ? targetKey(rule.toPath) : undefined;
        return key === undefined ? [] : [storedStart(key)];
      });
      const onward = new Map(
        (targetKeys.length === 0
          ? []
          : // `kind` is checked here, not in SQL: without statistics SQLite would take the kind
            // index for a few rows and scan every exact redirect (16 ms a batch at 20,000).
            (
              await db
                .selectFrom("redirects")
                .select(["from_path", "from_query", "to_path", "kind"])
                .where((eb) =>
                  eb.or(
                    targetKeys.map((k) =>
                      eb.and([
                        eb("from_path", "=", k.fromPath),
                        eb("from_query", "=", k.fromQuery),
                      ]),
                    ),
                  ),
                )
                .execute()
            ).filter((r) => r.kind === "exact")
        ).map((r) => [linkKey(r.from_path, r.from_query), r.to_path]),
      );
      const patterns = await loadPatterns(db);
      const rows: Insertable<Database["redirects"]>[] = [];
      const placed: { rule: RedirectRule; to: string }[] = [];
      for (const { entry, rule } of chunk) {
        let to = rule.toPath;
        if (rule.kind === "exact") {
          // Follow targets through this batch first (old permalink → old permalink → article),
          // then through what is stored.
          const seen = new Set([fromKeyOf(rule)]);
          for (let hop = 0; hop < 10; hop++) {
            const key = targetKey(to);
            const next = key === undefined ? undefined : rules.get(key);
            if (key === undefined || next?.rule.kind !== "exact" || seen.has(key)) break;
            seen.add(key);
            to = next.rule.toPath;
          }
          to = onward.get(targetKey(to) ?? "") ?? firstPatternTarget(patterns, to) ?? to;
          if (toKeyOf(to, "exact") === fromKeyOf(rule)) {
            result.skipped.push({ ...entry, reason: "it would redirect to itself (a loop)" });
            continue;
          }
        }
        const before = stored.get(`${rule.fromPath}?${rule.fromQuery}`);
        if (before === `${rule.kind} ${to}`) {
          result.unchanged += 1;
          continue;
        }
        if (before === undefined) result.added += 1;
        else result.updated += 1;
        rows.push({
          id: randomUUID(),
          from_path: rule.fromPath,
          from_query: rule.fromQuery,
          to_path: to,
          to_key: toKeyOf(to, rule.kind),
          kind: rule.kind,
          source,
          created_at: nowIso(),
        });
        placed.push({ rule, to });
      }
      if (rows.length === 0) continue;
      await db
        .insertInto("redirects")
        .values(rows)
        .onConflict((oc) =>
          oc.columns(["from_path", "from_query"]).doUpdateSet((eb) => ({
            to_path: eb.ref("excluded.to_path"),
            to_key: eb.ref("excluded.to_key"),
            kind: eb.ref("excluded.kind"),
            source: eb.ref("excluded.source"),
          })),
        )
        .execute();
      // Collapse stored redirects that pointed at a new start: one statement finds them (an
      // import rarely has any), patterns always look further.
      const startKeys = placed.map(({ rule }) => fromKeyOf(rule));
      const pointed = new Set(
        (
          await db
            .selectFrom("redirects")
            .select("to_key")
            .where("to_key", "in", startKeys)
            .execute()
        ).map((r) => r.to_key),
      );
      for (const { rule, to } of placed)
        if (rule.kind === "pattern" || pointed.has(fromKeyOf(rule)))
          await redirectPointersTo(db, rule, to, "drop");
    }
    await touchRedirects(db);
  });
  return result;
}

/** The target the first matching pattern gives an exact site path, if any. */
function firstPatternTarget(patterns: readonly CompiledPattern[], to: string): string | undefined {
  if (/^https?:\/\//i.test(to)) return undefined;
  const path = normalizePath(splitLink(to).path);
  for (const pattern of patterns) {
    const target = matchPattern(pattern, path);
    if (target !== undefined) return target;
  }
  return undefined;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
