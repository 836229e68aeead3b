import { randomUUID } from "node:crypto";
import {
  type Correction,
  type CorrectionInput,
  CorrectionInputSchema,
  type CorrectionKind,
  parseOrThrow,
} from "../content/index.js";
import { nowIso, toIso } from "./columns.js";
import { mustExist } from "./constraints.js";
import type { ChangeAuthor } from "./revisions.js";
import type { Store } from "./store.js";

/** A note as the newsroom sees it: with its article and who added it. */
export interface CorrectionRecord extends Correction {
  articleId: string;
  createdBy: ChangeAuthor;
}

/**
 * Adds an update or correction note to an article. Whether the article may carry one (it is
 * published) is the caller's rule. Throws ContentInvalidError, or NotFoundError for an unknown
 * article.
 */
export async function addCorrection(
  store: Store,
  articleId: string,
  input: CorrectionInput,
  actor: ChangeAuthor,
): Promise<CorrectionRecord> {
  const data = parseOrThrow(CorrectionInputSchema, input, "note");
  const record: CorrectionRecord = {
    ...data,
    id: randomUUID(),
    articleId,
    createdAt: nowIso(),
    createdBy: actor,
  };
  await mustExist(store, { entity: "article", id: articleId }, () =>
    store.db
      .insertInto("article_corrections")
      .values({
        id: record.id,
        article_id: articleId,
        kind: record.kind,
        note: record.note,
        actor_user_id: actor.userId,
        actor_name: actor.name,
        created_at: record.createdAt,
      })
      .execute(),
  );
  return record;
}

/** An article's update and correction notes, oldest first. */
export async function listCorrections(
  store: Store,
  articleId: string,
): Promise<CorrectionRecord[]> {
  const rows = await store.db
    .selectFrom("article_corrections")
    .selectAll()
    .where("article_id", "=", articleId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    articleId: row.article_id,
    kind: row.kind as CorrectionKind,
    note: row.note,
    createdAt: toIso(row.created_at),
    createdBy: { userId: row.actor_user_id, name: row.actor_name },
  }));
}
