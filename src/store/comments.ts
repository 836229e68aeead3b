import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "kysely";
import { ConflictError, MastheadError, NotFoundError } from "../content/errors.js";
import {
  COMMENT_MAX_DEPTH,
  COMMENT_STATUSES,
  type Comment,
  type CommentInput,
  CommentInputSchema,
  type CommentModeration,
  type CommentStatus,
  ContentInvalidError,
  canMoveComment,
  parseOrThrow,
} from "../content/index.js";
import { nowIso, toCount, toIso } from "./columns.js";
import { mustExist } from "./constraints.js";
import { adapterFor } from "./dialect/index.js";
import type { CommentRow } from "./schema.js";
import { inTransaction, type Store } from "./store.js";

/** Which comments to list or count; all statuses when `status` is left out. */
export interface CommentFilter {
  status?: CommentStatus;
}

/** A comment as the store keeps it: with the hashes that identify its author. */
export interface StoredComment extends Comment {
  parentId: string | null;
  depth: number;
  staffUserId: string | null;
  editedAt: string | null;
  /** History only (see migration 0018): nothing decides trust by it any more. */
  authorKey: string | null;
  /**
   * SHA-256 of the commenter id the poster's signed cookie carried: a commenter is trusted once a
   * comment with it is approved. Null for staff, imports and comments from before migration 0018.
   */
  commenterHash: string | null;
  /** Keyed hash of the poster's address; never the address. */
  addressHash: string | null;
}

/** Who is posting, as the site works it out; the store records it and judges replies with it. */
export interface CommentAuthorship {
  /**
   * Defaults to "approved": the store records what the caller decided; the public form route
   * is what holds new commenters' comments (see docs/COMMENTS.md).
   */
  status?: CommentStatus;
  authorKey?: string | null;
  /** The hash of the commenter id the poster's cookie carries (see StoredComment). */
  commenterHash?: string | null;
  addressHash?: string | null;
  staffUserId?: string | null;
}

/** How many comments one address may post in a window: checked and written in one transaction. */
export interface CommentRateLimit {
  max: number;
  /** ISO time: comments since then count. */
  since: string;
}

/** The address has posted its `max` comments in the window; nothing was written. */
export class CommentRateLimitedError extends MastheadError {
  declare readonly code: "MH_RATE_LIMITED";
  constructor(readonly limit: CommentRateLimit) {
    super("MH_RATE_LIMITED", `this address has posted ${limit.max} comments since ${limit.since}`);
    this.name = "CommentRateLimitedError";
  }
}

/** A moderator's move the rules do not allow, e.g. anything out of "deleted". */
export class CommentConflictError extends MastheadError {
  declare readonly code: "MH_CONFLICT";
  constructor(message: string) {
    super("MH_CONFLICT", message);
    this.name = "CommentConflictError";
  }
}

function toStoredComment(row: CommentRow): StoredComment {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    depth: row.depth,
    authorName: row.author_name,
    authorEmail: row.author_email,
    body: row.body,
    status: row.status as CommentStatus,
    createdAt: toIso(row.created_at),
    staffUserId: row.staff_user_id,
    editedAt: row.edited_at === null ? null : toIso(row.edited_at),
    authorUrl: row.author_url,
    authorKey: row.author_key,
    commenterHash: row.commenter_hash,
    addressHash: row.address_hash,
  };
}

// Keyed by the store object: the secret never changes once made, so one read per process.
const secrets = new WeakMap<Store, Promise<Buffer>>();

/**
 * The server secret that address hashes, commenter keys and form stamps are keyed with. Made by
 * the comments migration; made here too (once) for a database whose row was removed.
 */
export function getCommentSecret(store: Store): Promise<Buffer> {
  let secret = secrets.get(store);
  if (secret === undefined) {
    secret = readOrMakeSecret(store);
    secrets.set(store, secret);
    secret.catch(() => secrets.delete(store));
  }
  return secret;
}

async function readOrMakeSecret(store: Store): Promise<Buffer> {
  const read = () =>
    store.db
      .selectFrom("comment_secrets")
      .select("value")
      .where("name", "=", "address")
      .executeTakeFirst();
  let row = await read();
  if (row === undefined) {
    await store.db
      .insertInto("comment_secrets")
      .values({ name: "address", value: randomBytes(32).toString("base64url") })
      .onConflict((oc) => oc.column("name").doNothing())
      .execute();
    row = await read();
  }
  return Buffer.from(row?.value ?? "", "base64url");
}

const reject = (message: string): never => {
  throw new ContentInvalidError("comment", [{ path: "parentId", message }]);
};

/**
 * Adds a comment with the status the caller decided (approved by default). A reply must answer a
 * published comment of the same article (or the poster's own comment still awaiting moderation)
 * no deeper than COMMENT_MAX_DEPTH. With `perAddress`, an address over its limit gets
 * CommentRateLimitedError. Throws ContentInvalidError with field paths, or NotFoundError when the
 * article does not exist; nothing is written then.
 * @example await addComment(store, { articleId, authorName: "Ana", body: "Hi" }, { status: "approved" });
 */
export async function addComment(
  store: Store,
  input: CommentInput,
  authorship: CommentAuthorship = {},
  perAddress?: CommentRateLimit,
): Promise<StoredComment> {
  const data = parseOrThrow(CommentInputSchema, input, "comment");
  return inTransaction(store, async (db) => {
    const address = authorship.addressHash;
    if (perAddress && address) {
      // Two posts from one address at once (or on two instances) must not both pass the count.
      await adapterFor(store.dialect).serializeOn(db, `comments-from ${address}`);
      if (
        (await countRecentComments({ ...store, db }, address, perAddress.since)) >= perAddress.max
      )
        throw new CommentRateLimitedError(perAddress);
    }
    let depth = 0;
    if (data.parentId !== null) {
      const parent = await db
        .selectFrom("comments")
        .select(["article_id", "status", "depth", "commenter_hash"])
        .where("id", "=", data.parentId)
        .executeTakeFirst();
      const status = parent?.status as CommentStatus | undefined;
      // The poster's own: the same cookie, not the same (typeable) name or email.
      const own =
        status === "pending" &&
        parent?.commenter_hash != null &&
        parent.commenter_hash === (authorship.commenterHash ?? null);
      if (parent === undefined || status === "deleted" || status === "spam")
        reject("the comment you replied to does not exist or was removed");
      else if (parent.article_id !== data.articleId)
        reject("the comment you replied to belongs to another article");
      else if (status !== "approved" && !own)
        reject("the comment you replied to is awaiting moderation; reply once it is published");
      else if (parent.depth >= COMMENT_MAX_DEPTH)
        reject(
          `replies nest at most ${COMMENT_MAX_DEPTH} deep; reply to an earlier comment in this thread`,
        );
      depth = (parent?.depth ?? 0) + 1;
    }
    const row = {
      id: randomUUID(),
      article_id: data.articleId,
      parent_id: data.parentId,
      depth,
      author_name: data.authorName,
      author_email: data.authorEmail,
      body: data.body,
      status: authorship.status ?? ("approved" as CommentStatus),
      created_at: nowIso(),
      author_key: authorship.authorKey ?? null,
      commenter_hash: authorship.commenterHash ?? null,
      address_hash: authorship.addressHash ?? null,
      staff_user_id: authorship.staffUserId ?? null,
      edited_at: null,
      author_url: null,
    } satisfies CommentRow;
    await mustExist({ ...store, db }, { entity: "article", id: data.articleId }, () =>
      db.insertInto("comments").values(row).execute(),
    );
    return toStoredComment(row);
  });
}

/** One comment by id, with its author hashes, or undefined. */
export async function getComment(store: Store, id: string): Promise<StoredComment | undefined> {
  const row = await store.db
    .selectFrom("comments")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toStoredComment(row) : undefined;
}

/**
 * An article's comments, oldest first. Pass `{ status: "approved" }` for what readers may see.
 * @example const visible = await listComments(store, article.id, { status: "approved" });
 */
export async function listComments(
  store: Store,
  articleId: string,
  opts: CommentFilter = {},
): Promise<StoredComment[]> {
  let query = store.db.selectFrom("comments").selectAll().where("article_id", "=", articleId);
  if (opts.status !== undefined) query = query.where("status", "=", opts.status);
  const rows = await query.orderBy("created_at").orderBy("id").execute();
  return rows.map(toStoredComment);
}

/**
 * Whether the commenter behind this cookie is trusted: a moderator has approved one of their
 * comments, or they confirmed an email address from this cookie (which counts as an approval),
 * and none of their comments is marked spam. Marking a comment spam withdraws the trust (moving
 * it out of spam gives it back), so a moderator never has to hunt for a separate switch.
 */
export async function isTrustedCommenter(store: Store, commenterHash: string): Promise<boolean> {
  const rows = await store.db
    .selectFrom("comments")
    .select("status")
    .where("commenter_hash", "=", commenterHash)
    .where("status", "in", ["approved", "spam"])
    .union(
      store.db
        .selectFrom("commenter_email_confirmations")
        .select(sql<string>`cast('approved' as text)`.as("status"))
        .where("commenter_hash", "=", commenterHash)
        .where("confirmed_at", "is not", null),
    )
    .execute();
  const statuses = new Set(rows.map((r) => r.status));
  return statuses.has("approved") && !statuses.has("spam");
}

/**
 * How many comments came from an address (by hash) since `since`: the rate limit counts in the
 * database so that it holds across instances.
 */
export async function countRecentComments(
  store: Store,
  addressHash: string,
  since: string,
): Promise<number> {
  const row = await store.db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("address_hash", "=", addressHash)
    .where("created_at", ">=", since)
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

/** Which comments the newsroom's list shows, and which page of them. */
export interface FindCommentsOptions extends CommentFilter {
  articleId?: string;
  /** Only comments on published articles (for callers who may not see unpublished ones). */
  publishedOnly?: boolean;
  limit: number;
  offset: number;
}

/** A comment with the headline and slug of its article, for lists across articles. */
export interface CommentWithArticle extends StoredComment {
  article: { id: string; slug: string; headline: string };
  /** Whether the comment's address is blocked now. */
  addressBlocked: boolean;
}

/**
 * Comments across articles (or of one), newest first, with their article's headline, and how
 * many match in all.
 */
export async function findComments(
  store: Store,
  opts: FindCommentsOptions,
): Promise<{ items: CommentWithArticle[]; total: number }> {
  let query = store.db
    .selectFrom("comments")
    .innerJoin("articles", "articles.id", "comments.article_id");
  if (opts.articleId !== undefined) query = query.where("comments.article_id", "=", opts.articleId);
  if (opts.status !== undefined) query = query.where("comments.status", "=", opts.status);
  if (opts.publishedOnly) query = query.where("articles.status", "=", "published");
  const [rows, count] = await Promise.all([
    query
      .leftJoin("comment_blocked_addresses as b", "b.address_hash", "comments.address_hash")
      .selectAll("comments")
      .select([
        "articles.slug as article_slug",
        "articles.headline as article_headline",
        "b.address_hash as blocked_hash",
      ])
      .orderBy("comments.created_at", "desc")
      .orderBy("comments.id", "desc")
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      ...toStoredComment(row),
      article: { id: row.article_id, slug: row.article_slug, headline: row.article_headline },
      addressBlocked: row.blocked_hash !== null,
    })),
    total: toCount(count.n),
  };
}

/** How many comments an article has (all statuses unless `status` is given). */
export async function countComments(
  store: Store,
  articleId: string,
  opts: CommentFilter = {},
): Promise<number> {
  let query = store.db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("article_id", "=", articleId);
  if (opts.status !== undefined) query = query.where("status", "=", opts.status);
  const row = await query.executeTakeFirstOrThrow();
  return toCount(row.n);
}

/** How many comments are in each status (across articles, or of one), for the queue's tabs. */
export async function countCommentsByStatus(
  store: Store,
  opts: { articleId?: string } = {},
): Promise<Record<CommentStatus, number>> {
  let query = store.db
    .selectFrom("comments")
    .select(["status", (eb) => eb.fn.countAll().as("n")])
    .groupBy("status");
  if (opts.articleId !== undefined) query = query.where("article_id", "=", opts.articleId);
  const counts = Object.fromEntries(COMMENT_STATUSES.map((s) => [s, 0])) as Record<
    CommentStatus,
    number
  >;
  for (const row of await query.execute())
    if (row.status in counts) counts[row.status as CommentStatus] = toCount(row.n);
  return counts;
}

/** The approved (public) comment count of each article; articles without comments map to 0. */
export async function countApprovedComments(
  store: Store,
  articleIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map(articleIds.map((id) => [id, 0]));
  if (articleIds.length === 0) return counts;
  const rows = await store.db
    .selectFrom("comments")
    .select(["article_id", (eb) => eb.fn.countAll().as("n")])
    .where("article_id", "in", [...articleIds])
    .where("status", "=", "approved")
    .groupBy("article_id")
    .execute();
  for (const row of rows) counts.set(row.article_id, toCount(row.n));
  return counts;
}

/**
 * Applies a moderator's change (status, text, or both) in one write and returns the comment
 * before and after. Throws NotFoundError, or CommentConflictError (409) for a move the rules in
 * COMMENT_TRANSITIONS refuse or an edit of a deleted comment.
 */
export async function moderateComment(
  store: Store,
  id: string,
  change: CommentModeration,
): Promise<{ before: StoredComment; after: StoredComment }> {
  return inTransaction(store, async (db) => {
    const row = await db.selectFrom("comments").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw new NotFoundError("comment", id);
    const before = toStoredComment(row);
    if (before.status === "deleted")
      throw new CommentConflictError("this comment was deleted; a deleted comment stays deleted");
    if (change.status !== undefined && change.status !== before.status)
      if (!canMoveComment(before.status, change.status))
        throw new CommentConflictError(
          `a comment cannot go from ${before.status} to ${change.status}`,
        );
    const edited = change.body !== undefined && change.body !== before.body;
    const after: StoredComment = {
      ...before,
      status: change.status ?? before.status,
      body: change.body ?? before.body,
      editedAt: edited ? nowIso() : before.editedAt,
    };
    await db
      .updateTable("comments")
      .set({ status: after.status, body: after.body, edited_at: after.editedAt })
      .where("id", "=", id)
      .execute();
    return { before, after };
  });
}

/** Whether comments from this address hash are blocked. */
export async function isAddressBlocked(store: Store, addressHash: string): Promise<boolean> {
  const row = await store.db
    .selectFrom("comment_blocked_addresses")
    .select("address_hash")
    .where("address_hash", "=", addressHash)
    .executeTakeFirst();
  return row !== undefined;
}

/** A blocked address hash, who blocked it and when. */
export interface BlockedAddress {
  addressHash: string;
  blockedBy: string | null;
  createdAt: string;
}

/** Blocks an address hash. Throws ConflictError (409) when it is already blocked. */
export async function blockAddress(
  store: Store,
  addressHash: string,
  blockedBy: string | null,
): Promise<BlockedAddress> {
  const block = { addressHash, blockedBy, createdAt: nowIso() };
  if (await isAddressBlocked(store, addressHash))
    throw new ConflictError("blocked address", "hash", addressHash);
  await store.db
    .insertInto("comment_blocked_addresses")
    .values({ address_hash: addressHash, blocked_by: blockedBy, created_at: block.createdAt })
    .onConflict((oc) => oc.column("address_hash").doNothing())
    .execute();
  return block;
}

/** Lifts a block. Throws NotFoundError when the hash was not blocked. */
export async function unblockAddress(store: Store, addressHash: string): Promise<void> {
  const result = await store.db
    .deleteFrom("comment_blocked_addresses")
    .where("address_hash", "=", addressHash)
    .executeTakeFirst();
  if (toCount(result.numDeletedRows) === 0)
    throw new NotFoundError("blocked address", addressHash, "hash");
}

/** Every blocked address hash, newest first. */
export async function listBlockedAddresses(store: Store): Promise<BlockedAddress[]> {
  const rows = await store.db
    .selectFrom("comment_blocked_addresses")
    .selectAll()
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    addressHash: r.address_hash,
    blockedBy: r.blocked_by,
    createdAt: toIso(r.created_at),
  }));
}
