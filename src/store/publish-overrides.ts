// The checklist warnings accepted when an article was published or scheduled (migration 0022).
import { randomUUID } from "node:crypto";
import { nowIso, toIso } from "./columns.js";
import type { ChangeAuthor } from "./revisions.js";
import type { Store } from "./store.js";

/** One accepted warning, as the article's history shows it. */
export interface PublishOverride {
  id: string;
  articleId: string;
  /** The article's version the transition made. */
  version: number;
  check: string;
  message: string;
  reason: string;
  createdBy: ChangeAuthor;
  createdAt: string;
}

/** Records the warnings a transition to `version` accepted (in the caller's transaction). */
export async function addPublishOverrides(
  store: Store,
  articleId: string,
  version: number,
  overrides: readonly { check: string; message: string; reason: string }[],
  actor: ChangeAuthor,
): Promise<PublishOverride[]> {
  if (overrides.length === 0) return [];
  const createdAt = nowIso();
  const records = overrides.map((o) => ({
    id: randomUUID(),
    articleId,
    version,
    check: o.check,
    message: o.message,
    reason: o.reason,
    createdBy: actor,
    createdAt,
  }));
  await store.db
    .insertInto("publish_overrides")
    .values(
      records.map((r) => ({
        id: r.id,
        article_id: articleId,
        version,
        check_id: r.check,
        message: r.message,
        reason: r.reason,
        actor_user_id: actor.userId,
        actor_name: actor.name,
        created_at: createdAt,
      })),
    )
    .execute();
  return records;
}

/** An article's accepted warnings, oldest first. */
export async function listPublishOverrides(
  store: Store,
  articleId: string,
): Promise<PublishOverride[]> {
  const rows = await store.db
    .selectFrom("publish_overrides")
    .selectAll()
    .where("article_id", "=", articleId)
    .orderBy("created_at")
    .orderBy("check_id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    version: Number(r.version),
    check: r.check_id,
    message: r.message,
    reason: r.reason,
    createdBy: { userId: r.actor_user_id, name: r.actor_name },
    createdAt: toIso(r.created_at),
  }));
}
