// What staff notifications read and write (issue 15): each person's switches
// (notification_settings; no row means on), who receives a kind, and the few facts a message
// names (an article's authors, who scheduled it, the comments awaiting moderation).
import type { NotificationKind, Role } from "../content/index.js";
import { toBool, toCount } from "./columns.js";
import type { Store } from "./store.js";

/** A person a notification may go to. */
export interface NotificationRecipient {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The kinds `userId` switched off or on; a kind without a row is on. */
export async function getNotificationSwitches(
  store: Store,
  userId: string,
): Promise<Map<string, boolean>> {
  const rows = await store.db
    .selectFrom("notification_settings")
    .select(["kind", "enabled"])
    .where("user_id", "=", userId)
    .execute();
  return new Map(rows.map((r) => [r.kind, Boolean(r.enabled)]));
}

/** Sets `userId`'s switches for the given kinds (others are left as they are). */
export async function setNotificationSwitches(
  store: Store,
  userId: string,
  switches: ReadonlyMap<NotificationKind, boolean>,
): Promise<void> {
  for (const [kind, enabled] of switches)
    await store.db
      .insertInto("notification_settings")
      .values({ user_id: userId, kind, enabled: toBool(enabled) })
      .onConflict((oc) => oc.columns(["user_id", "kind"]).doUpdateSet({ enabled: toBool(enabled) }))
      .execute();
}

/**
 * The active accounts that receive `kind`: of one of `roles`, and (when given) among `userIds`,
 * leaving out anyone in `except` and anyone who switched the kind off. One query.
 */
export async function listNotificationRecipients(
  store: Store,
  kind: NotificationKind,
  filter: { roles: readonly Role[]; userIds?: readonly string[]; except?: readonly string[] },
): Promise<NotificationRecipient[]> {
  if (filter.roles.length === 0 || filter.userIds?.length === 0) return [];
  let query = store.db
    .selectFrom("users")
    .leftJoin("notification_settings as ns", (join) =>
      join.onRef("ns.user_id", "=", "users.id").on("ns.kind", "=", kind),
    )
    .select(["users.id", "users.email", "users.name", "users.role"])
    .where("users.disabled_at", "is", null)
    .where("users.role", "in", [...filter.roles])
    .where((eb) => eb.or([eb("ns.enabled", "is", null), eb("ns.enabled", "=", toBool(true))]));
  if (filter.userIds) query = query.where("users.id", "in", [...filter.userIds]);
  if (filter.except && filter.except.length > 0)
    query = query.where("users.id", "not in", [...filter.except]);
  const rows = await query.orderBy("users.email").execute();
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

/** The accounts whose byline is among the article's authors. */
export async function articleAuthorUserIds(store: Store, articleId: string): Promise<string[]> {
  const rows = await store.db
    .selectFrom("article_authors")
    .innerJoin("users", "users.person_id", "article_authors.person_id")
    .select("users.id")
    .where("article_authors.article_id", "=", articleId)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Who last moved the article through the workflow by hand, at or before `before` when given
 * (for a scheduled article: who scheduled it, since the scheduler's own revision has no
 * account), or undefined.
 */
export async function lastTransitionUserId(
  store: Store,
  articleId: string,
  before?: string,
): Promise<string | undefined> {
  let query = store.db
    .selectFrom("article_revisions")
    .select("actor_user_id")
    .where("article_id", "=", articleId)
    .where("kind", "=", "transition")
    .where("actor_user_id", "is not", null);
  // Made no later than the event that asks (its commit time): a later move is someone else's.
  if (before !== undefined) query = query.where("created_at", "<=", before);
  const row = await query.orderBy("version", "desc").limit(1).executeTakeFirst();
  return row?.actor_user_id ?? undefined;
}

/** A comment awaiting moderation, as a message lists it. */
export interface HeldComment {
  id: string;
  authorName: string;
  articleTitle: string;
  createdAt: string;
}

/** How many comments await moderation, and the newest `limit` of them. */
export async function heldComments(
  store: Store,
  limit: number,
): Promise<{ total: number; newest: HeldComment[] }> {
  const [count, rows] = await Promise.all([
    store.db
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("status", "=", "pending")
      .executeTakeFirst(),
    store.db
      .selectFrom("comments")
      .innerJoin("articles", "articles.id", "comments.article_id")
      .select([
        "comments.id",
        "comments.author_name",
        "comments.created_at",
        "articles.headline as title",
      ])
      .where("comments.status", "=", "pending")
      .orderBy("comments.created_at", "desc")
      .limit(limit)
      .execute(),
  ]);
  return {
    total: toCount(count?.n),
    newest: rows.map((r) => ({
      id: r.id,
      authorName: r.author_name,
      articleTitle: r.title,
      createdAt: String(r.created_at),
    })),
  };
}

/**
 * Rewrites a queued, not yet sent message (found by its dedupe key) with fresh content: a
 * batched notification gathers what arrives until it is due. Returns whether one was rewritten.
 */
export async function refreshQueuedMail(
  store: Store,
  dedupeKey: string,
  content: { subject: string; html: string; text: string },
): Promise<boolean> {
  const result = await store.db
    .updateTable("mail_outbox")
    .set(content)
    .where("dedupe_key", "=", dedupeKey)
    .where("status", "=", "queued")
    .where("attempts", "=", 0)
    .where("lease_owner", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
