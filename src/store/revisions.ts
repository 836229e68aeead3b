import { randomUUID } from "node:crypto";
import { type Kysely, sql, type UpdateQueryBuilder, type UpdateResult } from "kysely";
import type { Article } from "../content/index.js";
import { nowIso, toCount, toIso } from "./columns.js";
import type { ArticleRevisionRow, Database } from "./schema.js";
import type { Store } from "./store.js";

/** Who made a change: a user (by id, with the name they had then) or the scheduler (no id). */
export interface ChangeAuthor {
  userId: string | null;
  name: string;
}

/**
 * What made a revision. `baseline` is the state an article had before its first recorded change
 * when it was written without one (demo content, imports, articles older than revisions).
 */
export type RevisionKind =
  | "baseline"
  | "create"
  | "edit"
  | "transition"
  | "restore"
  | "scheduled-publish";

/** A revision as the list shows it: who, when, which version and what changed. */
export interface RevisionSummary {
  id: string;
  articleId: string;
  version: number;
  kind: RevisionKind;
  /** What changed since the state before, e.g. "headline changed; 1 block added". */
  summary: string;
  actor: ChangeAuthor;
  createdAt: string;
}

/** A revision with the whole article as it was saved. */
export interface Revision extends RevisionSummary {
  snapshot: Article;
}

/** A revision to record: the article as saved, at the version it now has. */
export interface NewRevision {
  article: Article;
  version: number;
  kind: RevisionKind;
  summary: string;
  actor: ChangeAuthor;
  /**
   * The article and version the change started from: kept as a baseline if none is recorded.
   * `hasRevisions`, when the caller read it with the article, saves looking again.
   */
  previous?: { article: Article; version: number; hasRevisions?: boolean };
}

/**
 * Records revisions, several in one statement. Call inside the transaction that made the change
 * (`transact`), so a change and its revision are written together or not at all. An article
 * with no revision yet first gets a `baseline` of its `previous` state, so that it too can be
 * restored.
 */
export async function addRevisions(store: Store, revisions: readonly NewRevision[]): Promise<void> {
  if (revisions.length === 0) return;
  const createdAt = nowIso();
  const rows = [
    ...(await baselines(store, revisions)).map((r) => ({
      ...r,
      snapshot: JSON.stringify(r.article),
    })),
    ...revisions.map((r) => ({ ...r, snapshot: storedSnapshot(r.article) })),
  ];
  await store.db
    .insertInto("article_revisions")
    .values(
      rows.map((r) => ({
        id: randomUUID(),
        article_id: r.article.id,
        version: r.version,
        kind: r.kind,
        summary: r.summary,
        snapshot: r.snapshot,
        actor_user_id: r.actor.userId,
        actor_name: r.actor.name,
        created_at: createdAt,
      })),
    )
    .execute();
}

/**
 * The snapshot of an article just written in this transaction, built by the database: its body
 * (most of an article's bytes: 72 KB for 200 blocks) is copied from the article's row rather
 * than sent a second time, which halves what every autosave sends (docs/PERFORMANCE.md).
 */
function storedSnapshot({ body: _body, ...rest }: Article) {
  const others = JSON.stringify(rest);
  return sql<string>`${'{"body":'} || (select cast(body as text) from articles where id = ${rest.id}) || ${`,${others.slice(1)}`}`;
}

/**
 * PostgreSQL: an article's conditional update and its revision as one statement, the revision
 * inserted from the row the update returns (a data-modifying CTE), so a save costs one round trip
 * fewer. Resolves with whether the update found its row (else nothing is written). Only for a
 * revision without a baseline to add (`previous` is not looked at).
 */
export async function updateWithRevision(
  db: Kysely<Database>,
  update: UpdateQueryBuilder<Database, "articles", "articles", UpdateResult>,
  revision: NewRevision,
): Promise<boolean> {
  const { body: _body, ...rest } = revision.article;
  const others = `,${JSON.stringify(rest).slice(1)}`;
  const { rows } = await sql<{ version: number }>`
    with saved as (${update.returning(["id", "body"])})
    insert into article_revisions
      (id, article_id, version, kind, summary, snapshot, actor_user_id, actor_name, created_at)
    select cast(${randomUUID()} as text), saved.id, cast(${revision.version} as integer),
      cast(${revision.kind} as text), cast(${revision.summary} as text),
      ${'{"body":'} || cast(saved.body as text) || ${others},
      cast(${revision.actor.userId} as text), cast(${revision.actor.name} as text),
      cast(${nowIso()} as timestamptz)
    from saved
    returning version`.execute(db);
  return rows.length > 0;
}

async function baselines(store: Store, revisions: readonly NewRevision[]): Promise<NewRevision[]> {
  const withPrevious = revisions.filter(
    (r) => r.previous !== undefined && r.previous.hasRevisions !== true,
  );
  if (withPrevious.length === 0) return [];
  const recorded = await store.db
    .selectFrom("article_revisions")
    .select("article_id")
    .distinct()
    .where(
      "article_id",
      "in",
      withPrevious.map((r) => r.article.id),
    )
    .execute();
  const has = new Set(recorded.map((r) => r.article_id));
  return withPrevious.flatMap(({ previous }) =>
    previous && !has.has(previous.article.id)
      ? [
          {
            article: previous.article,
            version: previous.version,
            kind: "baseline" as const,
            summary: "as it was before its first recorded change",
            actor: { userId: null, name: "Masthead" },
          },
        ]
      : [],
  );
}

/** An article's revisions, newest first, without snapshots, and how many there are in all. */
export async function listRevisions(
  store: Store,
  articleId: string,
  page: { limit: number; offset: number },
): Promise<{ items: RevisionSummary[]; total: number }> {
  const [rows, count] = await Promise.all([
    store.db
      .selectFrom("article_revisions")
      .select([
        "id",
        "article_id",
        "version",
        "kind",
        "summary",
        "actor_user_id",
        "actor_name",
        "created_at",
      ])
      .where("article_id", "=", articleId)
      .orderBy("version", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    store.db
      .selectFrom("article_revisions")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("article_id", "=", articleId)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSummary), total: toCount(count.n) };
}

/** One revision of an article with its snapshot, or undefined (also when it belongs to another article). */
export async function getRevision(
  store: Store,
  articleId: string,
  revisionId: string,
): Promise<Revision | undefined> {
  const row = await store.db
    .selectFrom("article_revisions")
    .selectAll()
    .where("id", "=", revisionId)
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  if (!row) return undefined;
  // Snapshots were written from validated articles; the cast restores that type. Those written
  // before migration 0017 lack its fields: they had none, so they read as the defaults.
  // Text on both databases since migration 0026; jsonb (already parsed by node-pg) before it.
  const raw: unknown = row.snapshot;
  const stored = (typeof raw === "string" ? JSON.parse(raw) : raw) as Article;
  const snapshot: Article = { ...SNAPSHOT_DEFAULTS, ...stored };
  return { ...toSummary(row), snapshot };
}

const SNAPSHOT_DEFAULTS = {
  featuredImageCaption: "",
  metaTitle: "",
  metaDescription: "",
  canonicalUrl: null,
} satisfies Partial<Article>;

function toSummary(row: Omit<ArticleRevisionRow, "snapshot">): RevisionSummary {
  return {
    id: row.id,
    articleId: row.article_id,
    version: row.version,
    kind: row.kind as RevisionKind,
    summary: row.summary,
    actor: { userId: row.actor_user_id, name: row.actor_name },
    createdAt: toIso(row.created_at),
  };
}
