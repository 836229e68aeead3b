// The editorial workflow's writes. Each is one transaction that changes the article, bumps its
// version and records a revision: a change without its revision (or the reverse) never exists.

import { InvalidTransitionError, NotFoundError, StaleError } from "../content/errors.js";
import {
  type Article,
  type ArticleEdit,
  type ArticleStatus,
  canTransition,
  publishedAtAfter,
  summarizeChanges,
  TRANSITIONS,
} from "../content/index.js";
import {
  type ArticleParseOptions,
  createArticle,
  getVersionedArticle,
  type ReplacedArticle,
  replaceArticle,
  type VersionedArticle,
} from "./articles.js";
import { nowIso } from "./columns.js";
import { revokeArticlePreviewLinks } from "./preview-links.js";
import {
  addRevisions,
  type ChangeAuthor,
  getRevision,
  type NewRevision,
  type Revision,
} from "./revisions.js";
import { reindexArticles } from "./search.js";
import { redirectArticleSlug } from "./slug-redirects.js";
import { type Store, transact } from "./store.js";

/** Who is changing the article and which version they read. */
export interface VersionedChange {
  expectedVersion: number;
  actor: ChangeAuthor;
  /**
   * The article as the caller read it inside the same transaction, so it is not read again (the
   * write stays conditional on its version).
   */
  current?: VersionedArticle;
}

/** A move through the state machine, e.g. `{ to: "scheduled", publishedAt: "2026-…" }`. */
export interface TransitionChange extends VersionedChange {
  to: ArticleStatus;
  publishedAt?: string | null;
  /** The moment "now" is judged at (future schedule, publish time); defaults to the clock. */
  now?: Date;
  /** Said after the changes in the revision's summary, e.g. the checklist warnings accepted. */
  note?: string;
}

/**
 * Creates an article as a draft (status and publication time are set only by transitions) and
 * its first revision. Throws ContentInvalidError or ConflictError.
 */
export async function createDraft(
  store: Store,
  edit: ArticleEdit,
  actor: ChangeAuthor,
  opts: ArticleParseOptions = {},
): Promise<VersionedArticle> {
  return transact(store, async (tx) => {
    const article = await createArticle(tx, { ...edit, status: "draft", publishedAt: null }, opts);
    await addRevisions(tx, [{ article, version: 1, kind: "create", summary: "created", actor }]);
    return { article, version: 1 };
  });
}

/**
 * Saves an editor's changes, keeping the article's status and publication time, if it is still
 * at `expectedVersion`. Throws NotFoundError, StaleError, ContentInvalidError or ConflictError.
 */
export async function saveArticle(
  store: Store,
  id: string,
  edit: ArticleEdit,
  { expectedVersion, actor, current, fieldsParsed }: VersionedChange & ArticleParseOptions,
): Promise<ReplacedArticle> {
  const revision = (saved: ReplacedArticle): NewRevision => ({
    ...saved,
    kind: "edit",
    summary: summarizeChanges(saved.previous, saved.article),
    actor,
    previous: {
      article: saved.previous,
      version: expectedVersion,
      hasRevisions: current?.hasRevisions,
    },
  });
  return transact(store, async (tx) => {
    const saved = await replaceArticle(
      tx,
      id,
      (stored) => ({ ...edit, status: stored.status, publishedAt: stored.publishedAt }),
      // With revisions already recorded there is no baseline to add: the update may write it.
      {
        expectedVersion,
        current,
        fieldsParsed,
        revision: current?.hasRevisions === true ? revision : undefined,
      },
    );
    await redirectArticleSlug(tx, saved.previous, saved.article);
    if (!saved.revisionRecorded) await addRevisions(tx, [revision(saved)]);
    return saved;
  });
}

/**
 * Moves an article through the state machine (see TRANSITIONS and publishedAtAfter) if it is
 * still at `expectedVersion`; unpublishing also revokes its preview links. Throws NotFoundError, StaleError, InvalidTransitionError
 * (MH_CONFLICT, naming the allowed moves) or ContentInvalidError at `publishedAt`.
 */
export async function transitionArticle(
  store: Store,
  id: string,
  change: TransitionChange,
): Promise<ReplacedArticle> {
  const { to, expectedVersion, actor } = change;
  return transact(store, async (tx) => {
    const { article: previous, version } = await currentAt(tx, id, expectedVersion, change.current);
    const from = previous.status;
    if (!canTransition(from, to)) throw new InvalidTransitionError(from, to, TRANSITIONS[from]);
    const publishedAt = publishedAtAfter({
      from,
      to,
      current: previous.publishedAt,
      requested: change.publishedAt,
      now: change.now ?? new Date(),
    });
    const updatedAt = nowIso();
    const result = await tx.db
      .updateTable("articles")
      .set({ status: to, published_at: publishedAt, updated_at: updatedAt, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw await staleOrMissing(tx, id);
    if (to === "unpublished") await revokeArticlePreviewLinks(tx, id);
    await reindexArticles(tx, [id]);
    const article: Article = { ...previous, status: to, publishedAt, updatedAt };
    const saved = { article, version: version + 1, previous };
    await addRevisions(tx, [
      {
        ...saved,
        kind: "transition",
        summary: [summarizeChanges(previous, article), change.note].filter(Boolean).join("; "),
        actor,
        previous: { article: previous, version },
      },
    ]);
    return saved;
  });
}

/**
 * Puts an earlier revision's content (everything but status and publication time, which stay as
 * they are) back as a new version, if the article is still at `expectedVersion`. Throws
 * NotFoundError (article or revision), StaleError, ContentInvalidError (e.g. its section is gone)
 * or ConflictError (its slug is taken now).
 */
export async function restoreRevision(
  store: Store,
  articleId: string,
  revisionId: string,
  change: VersionedChange & {
    /** The revision as the caller read it inside the same transaction, so it is not read again. */
    revision?: Revision;
  },
): Promise<ReplacedArticle & { restoredVersion: number }> {
  const { expectedVersion, actor, current } = change;
  return transact(store, async (tx) => {
    const revision = change.revision ?? (await getRevision(tx, articleId, revisionId));
    if (!revision) throw new NotFoundError("revision", revisionId);
    const saved = await replaceArticle(
      tx,
      articleId,
      (stored) => ({
        ...editableFields(revision.snapshot),
        status: stored.status,
        publishedAt: stored.publishedAt,
      }),
      { expectedVersion, current },
    );
    await redirectArticleSlug(tx, saved.previous, saved.article);
    const changes = summarizeChanges(saved.previous, saved.article);
    await addRevisions(tx, [
      {
        ...saved,
        kind: "restore",
        summary: `restored version ${revision.version}; ${changes}`,
        actor,
        previous: { article: saved.previous, version: expectedVersion },
      },
    ]);
    return { ...saved, restoredVersion: revision.version };
  });
}

/** The editable fields of a stored article (or a snapshot of one). */
export function editableFields(article: Article): ArticleEdit {
  return {
    slug: article.slug,
    headline: article.headline,
    dek: article.dek,
    type: article.type,
    sectionId: article.sectionId,
    tagIds: article.tagIds,
    authorIds: article.authorIds,
    featuredImageId: article.featuredImageId,
    featuredImageCaption: article.featuredImageCaption,
    metaTitle: article.metaTitle,
    metaDescription: article.metaDescription,
    canonicalUrl: article.canonicalUrl,
    body: article.body,
    commentsEnabled: article.commentsEnabled,
  };
}

async function currentAt(
  store: Store,
  id: string,
  expectedVersion: number,
  read?: VersionedArticle,
): Promise<VersionedArticle> {
  const current = read ?? (await getVersionedArticle(store, id));
  if (!current) throw new NotFoundError("article", id);
  if (current.version !== expectedVersion) throw new StaleError("article", id, current.version);
  return current;
}

async function staleOrMissing(store: Store, id: string): Promise<Error> {
  const now = await getVersionedArticle(store, id);
  return now ? new StaleError("article", id, now.version) : new NotFoundError("article", id);
}
