import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { NotFoundError, StaleError } from "../content/errors.js";
import {
  type Article,
  type ArticleData,
  type ArticleInput,
  ArticleInputSchema,
  type ArticleKind,
  type ArticleStatus,
  articleRuleIssues,
  ContentInvalidError,
  type FieldIssue,
  parseOrThrow,
} from "../content/index.js";
import { nowIso, toBool, toCount, toIso } from "./columns.js";
import {
  type CheckedReferences,
  checkedReferences,
  foundReferencesColumn,
  type Reference,
  requireReferences,
  uniquely,
} from "./constraints.js";
import { adapterFor } from "./dialect/index.js";
import { type NewRevision, updateWithRevision } from "./revisions.js";
import { toArticle } from "./rows.js";
import type { ArticleRow, Database } from "./schema.js";
import { reindexArticles } from "./search.js";
import { inTransaction, type Store } from "./store.js";

/** Which articles `listArticles` returns, and which page of them. */
export interface ListArticlesOptions {
  /**
   * Articles (the default) or pages. Pages are in no listing readers see (home, sections,
   * authors, tags, feeds), so only the admin's list of pages asks for them.
   */
  kind?: ArticleKind;
  /** Only what readers may see at `now`: published, with publishedAt not in the future. */
  publicOnly?: boolean;
  sectionId?: string;
  authorId?: string;
  tagId?: string;
  status?: ArticleStatus;
  /** Only articles whose headline contains this text, ignoring case (ASCII case on SQLite). */
  headlineContains?: string;
  limit: number;
  offset: number;
  /** The moment `publicOnly` is judged at; defaults to the current time. */
  now?: Date;
}

/** How much of an article's input is known to be valid already. */
export interface ArticleParseOptions {
  /**
   * Every field was parsed by the article's schema already (e.g. by ArticleEditSchema at the
   * admin API): only the rules that span fields (articleRuleIssues) are checked, not each field
   * again. The answer to bad input is the same ContentInvalidError either way.
   */
  fieldsParsed?: boolean;
}

/**
 * Creates an article with its authors and tags in one transaction. Throws ContentInvalidError
 * (with field paths, also for a section, author, tag, image or tracker that does not exist) or
 * ConflictError when the slug is taken.
 */
export async function createArticle(
  store: Store,
  input: ArticleInput,
  opts: ArticleParseOptions = {},
): Promise<Article> {
  const data = parseArticle(input, opts);
  const now = nowIso();
  const article: Article = { ...data, id: randomUUID(), createdAt: now, updatedAt: now };
  await inTransaction(store, async (trx) => {
    await requireReferences(trx, "article", articleReferences(data));
    await uniquely(store, { entity: "article", field: "slug", value: data.slug }, () =>
      trx
        .insertInto("articles")
        .values({ ...columns(data), id: article.id, created_at: now, updated_at: now })
        .execute(),
    );
    await writeLinks(trx, article);
    if (article.status === "published") await reindexArticles({ ...store, db: trx }, [article.id]);
  });
  return article;
}

/** What an update may require of the stored article. */
export interface UpdateArticleOptions extends ArticleParseOptions {
  /** The version the caller read; a different stored version throws StaleError (MH_STALE). */
  expectedVersion?: number;
  /**
   * The article as the caller read it inside the same transaction (getVersionedArticle on the
   * transaction's store), so it is not read again. The write is still conditional on its version.
   */
  current?: VersionedArticle;
  /**
   * The revision the change records, from the article as it will be saved: written by the
   * update's own statement where the database allows (PostgreSQL), else left to the caller
   * (see ReplacedArticle.revisionRecorded). It must need no baseline.
   */
  revision?: (saved: ReplacedArticle) => NewRevision;
}

/** An article with its version (counts saves and transitions from 1). */
export interface VersionedArticle {
  article: Article;
  version: number;
  /** Whether a revision of it is recorded (read with it by getVersionedArticle; else unknown). */
  hasRevisions?: boolean;
  /** What the write that follows will point at, looked up with the article (getVersionedArticle). */
  references?: CheckedReferences;
}

/** The outcome of `replaceArticle`: the saved article, its new version and what it replaced. */
export interface ReplacedArticle extends VersionedArticle {
  previous: Article;
  /** Whether UpdateArticleOptions.revision was written with the update. */
  revisionRecorded?: boolean;
}

/**
 * Replaces every editable field of an article (authors and tags included), bumps updatedAt and
 * the version. Throws NotFoundError, ContentInvalidError, ConflictError, or StaleError when
 * `expectedVersion` is given and no longer matches; on error nothing changes.
 */
export async function updateArticle(
  store: Store,
  id: string,
  input: ArticleInput,
  opts: UpdateArticleOptions = {},
): Promise<Article> {
  return (await replaceArticle(store, id, input, opts)).article;
}

/**
 * `updateArticle` that also returns the new version and the article as it was, for revisions.
 * `input` may be a function of the stored article (e.g. to keep its status). The write is
 * conditional on the version read, so a concurrent save on another connection is reported as
 * StaleError instead of being overwritten.
 */
export async function replaceArticle(
  store: Store,
  id: string,
  input: ArticleInput | ((previous: Article) => ArticleInput),
  opts: UpdateArticleOptions = {},
): Promise<ReplacedArticle> {
  const updatedAt = nowIso();
  return inTransaction(store, async (trx) => {
    const { article: previous, version } = await currentAt({ ...store, db: trx }, id, opts);
    const data = parseArticle(typeof input === "function" ? input(previous) : input, opts);
    await requireReferences(trx, "article", articleReferences(data), opts.current?.references);
    const article: Article = { ...data, id, createdAt: previous.createdAt, updatedAt };
    const saved = { article, version: version + 1, previous };
    const update = trx
      .updateTable("articles")
      .set({ ...columns(data), updated_at: updatedAt, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version);
    // On PostgreSQL the revision goes in the update's own statement: one round trip fewer.
    const revision = store.dialect === "postgres" ? opts.revision?.(saved) : undefined;
    const found = await uniquely(
      store,
      { entity: "article", field: "slug", value: data.slug },
      async () =>
        revision
          ? updateWithRevision(trx, update, revision)
          : (await update.executeTakeFirst()).numUpdatedRows > 0n,
    );
    if (!found) throw await staleOrMissing(trx, id);
    // Most saves leave the byline and tags alone: rewriting them would double the statements.
    if (!sameIds(previous.authorIds, article.authorIds)) {
      await trx.deleteFrom("article_authors").where("article_id", "=", id).execute();
      await writeAuthors(trx, article);
    }
    if (!sameIds(previous.tagIds, article.tagIds)) {
      await trx.deleteFrom("article_tags").where("article_id", "=", id).execute();
      await writeTags(trx, article);
    }
    // The search index holds published articles only: a draft's autosave has nothing to touch.
    if (previous.status === "published" || article.status === "published")
      await reindexArticles({ ...store, db: trx }, [id]);
    return { ...saved, revisionRecorded: revision !== undefined };
  });
}

/**
 * Deletes an article with everything that hangs off it (links, comments, views, revisions,
 * notes, preview links) and returns it as it was. Throws NotFoundError, or StaleError when
 * `expectedVersion` is given and no longer matches.
 */
export async function deleteArticle(
  store: Store,
  id: string,
  opts: UpdateArticleOptions = {},
): Promise<Article> {
  return inTransaction(store, async (trx) => {
    const { article, version } = await currentAt({ ...store, db: trx }, id, opts);
    const result = await trx
      .deleteFrom("articles")
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (result.numDeletedRows === 0n) throw await staleOrMissing(trx, id);
    // Its search index row went with it (foreign key cascade; on SQLite a trigger updates FTS5).
    return article;
  });
}

/** The article with this id and its version, whatever its status, or undefined. */
export async function getVersionedArticle(
  store: Store,
  id: string,
  opts: {
    /** Also looks these up (see articleReferences), for the write that follows the read. */
    references?: readonly Reference[];
  } = {},
): Promise<VersionedArticle | undefined> {
  // One statement with its bylines, tags and whether it has revisions: every save starts here,
  // and on PostgreSQL each statement is a round trip.
  const agg = store.dialect === "postgres" ? "json_agg" : "json_group_array";
  const ids = (table: "article_authors" | "article_tags", column: string) =>
    sql<unknown>`coalesce((select ${sql.raw(agg)}(${sql.ref(column)} order by position) from ${sql.table(table)} where article_id = articles.id), ${"[]"})`;
  const row = await store.db
    .selectFrom("articles")
    .selectAll()
    .select([
      ids("article_authors", "person_id").as("author_ids"),
      ids("article_tags", "tag_id").as("tag_ids"),
      sql<unknown>`exists (select 1 from article_revisions where article_id = articles.id)`.as(
        "has_revisions",
      ),
      foundReferencesColumn(store.db, store.dialect, opts.references ?? []).as("found_refs"),
    ])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { author_ids, tag_ids, has_revisions, found_refs, ...articleRow } = row;
  const adapter = adapterFor(store.dialect);
  const idList = (raw: unknown) => adapter.readJson(raw) as string[];
  return {
    article: toArticle(adapter, articleRow, idList(author_ids), idList(tag_ids)),
    version: row.version,
    // PostgreSQL answers a boolean, SQLite 1 or 0.
    hasRevisions: has_revisions === true || has_revisions === 1,
    ...(opts.references && {
      references: checkedReferences(store.dialect, opts.references, found_refs),
    }),
  };
}

/** The articles with these ids, whatever their status, in the order of `ids`; unknown ids are left out. */
export async function getArticlesByIds(store: Store, ids: readonly string[]): Promise<Article[]> {
  if (ids.length === 0) return [];
  const rows = await store.db
    .selectFrom("articles")
    .selectAll()
    .where("id", "in", [...new Set(ids)])
    .execute();
  const articles = await withLinks(store, rows);
  const byId = new Map(articles.map((a) => [a.id, a]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** An article as the admin list shows it: everything but the body, with its version. */
export type ArticleSummary = Omit<Article, "body"> & { version: number };

/**
 * A page of articles for the newsroom, most recently edited first, without their bodies, and
 * how many match in all.
 * @example const { items } = await listArticleSummaries(store, { status: "in_review", limit: 50, offset: 0 });
 */
export async function listArticleSummaries(
  store: Store,
  opts: ListArticlesOptions,
): Promise<{ items: ArticleSummary[]; total: number }> {
  checkPage(opts);
  const matching = filtered(store.db, opts);
  const [rows, count] = await Promise.all([
    matching
      .select([
        "id",
        "kind",
        "page_type",
        "slug",
        "headline",
        "dek",
        "type",
        "section_id",
        "status",
        "published_at",
        "featured_image_id",
        "featured_image_caption",
        "meta_title",
        "meta_description",
        "canonical_url",
        "comments_enabled",
        "created_at",
        "updated_at",
        "version",
      ])
      .orderBy("updated_at", "desc")
      .orderBy("id", "desc")
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    matching.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  // The body is left unread; "[]" stands in so the row converts like any other.
  const full = await withLinks(
    store,
    rows.map((r) => ({ ...r, body: "[]" })),
  );
  const items = full.map(({ body: _body, ...rest }, i) => ({
    ...rest,
    version: rows[i]?.version ?? 1,
  }));
  return { items, total: toCount(count.n) };
}

/** The article with this id, whatever its status, or undefined. */
export async function getArticleById(store: Store, id: string): Promise<Article | undefined> {
  const row = await store.db
    .selectFrom("articles")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && (await withLinks(store, [row]))[0];
}

/** The article with this slug, whatever its status, or undefined (check `isPublic` for readers). */
export async function getArticleBySlug(store: Store, slug: string): Promise<Article | undefined> {
  const row = await store.db
    .selectFrom("articles")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row && (await withLinks(store, [row]))[0];
}

/**
 * A page of articles, newest publishedAt first (unpublished ones, without a date, before all),
 * and how many match in all.
 * @example const { items, total } = await listArticles(store, { publicOnly: true, limit: 20, offset: 0 });
 */
export async function listArticles(
  store: Store,
  opts: ListArticlesOptions,
): Promise<{ items: Article[]; total: number }> {
  checkPage(opts);
  const matching = filtered(store.db, opts);
  const [rows, count] = await Promise.all([
    matching
      .selectAll()
      .orderBy("published_at", (o) => o.desc().nullsFirst())
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    matching.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: await withLinks(store, rows), total: toCount(count.n) };
}

/** Whether any article exists (`masthead init --demo --if-empty` loads the demo only if not). */
export async function hasAnyContent(store: Store): Promise<boolean> {
  const row = await store.db.selectFrom("articles").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Articles from their rows, with authors and tags fetched in one query each for all rows. */
async function withLinks(store: Store, rows: ArticleRow[]): Promise<Article[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // Bylines and tags in one statement: on PostgreSQL each statement is a round trip, and every
  // save and page load reads both.
  const links = await store.db
    .selectFrom("article_authors")
    .select([sql.lit("author").as("link"), "article_id", "person_id as id", "position"])
    .where("article_id", "in", ids)
    .unionAll((db) =>
      db
        .selectFrom("article_tags")
        .select([sql.lit("tag").as("link"), "article_id", "tag_id as id", "position"])
        .where("article_id", "in", ids),
    )
    .orderBy("position")
    .execute();
  const linked = (row: ArticleRow, link: string) =>
    links.filter((l) => l.link === link && l.article_id === row.id).map((l) => l.id);
  const adapter = adapterFor(store.dialect);
  return rows.map((row) => toArticle(adapter, row, linked(row, "author"), linked(row, "tag")));
}

/**
 * The article as the caller read it in this transaction (`opts.current`), else as stored;
 * NotFoundError, or StaleError when it is not at `opts.expectedVersion`.
 */
async function currentAt(
  store: Store,
  id: string,
  opts: UpdateArticleOptions,
): Promise<VersionedArticle> {
  const current = opts.current ?? (await getVersionedArticle(store, id));
  if (!current) throw new NotFoundError("article", id);
  if (opts.expectedVersion !== undefined && current.version !== opts.expectedVersion)
    throw new StaleError("article", id, current.version);
  return current;
}

function parseArticle(input: ArticleInput, { fieldsParsed }: ArticleParseOptions): ArticleData {
  const data = fieldsParsed
    ? checkRules(input as ArticleData)
    : parseOrThrow(ArticleInputSchema, input, "article");
  const issues: FieldIssue[] = data.tagIds.flatMap((id, i) =>
    data.tagIds.indexOf(id) < i ? [{ path: `tagIds.${i}`, message: "a tag is listed twice" }] : [],
  );
  if (issues.length > 0) throw new ContentInvalidError("article", issues);
  // Stored in UTC so that text timestamps (SQLite) compare correctly.
  return { ...data, publishedAt: data.publishedAt === null ? null : toIso(data.publishedAt) };
}

function checkRules(data: ArticleData): ArticleData {
  const issues = articleRuleIssues(data);
  if (issues.length > 0) throw new ContentInvalidError("article", issues);
  return data;
}

function filtered(db: Kysely<Database>, opts: ListArticlesOptions) {
  let query = db.selectFrom("articles").where("kind", "=", opts.kind ?? "article");
  if (opts.publicOnly)
    query = query
      .where("status", "=", "published")
      .where("published_at", "<=", (opts.now ?? new Date()).toISOString());
  if (opts.sectionId !== undefined) query = query.where("section_id", "=", opts.sectionId);
  if (opts.status !== undefined) query = query.where("status", "=", opts.status);
  if (opts.headlineContains) {
    // lower() on both sides and an escaped LIKE pattern: the same answer on SQLite and PostgreSQL.
    const pattern = `%${opts.headlineContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`lower(headline) like ${pattern} escape '\\'`);
  }
  const { authorId, tagId } = opts;
  if (authorId !== undefined)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("article_authors")
          .select("article_authors.article_id")
          .whereRef("article_authors.article_id", "=", "articles.id")
          .where("article_authors.person_id", "=", authorId),
      ),
    );
  if (tagId !== undefined)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("article_tags")
          .select("article_tags.article_id")
          .whereRef("article_tags.article_id", "=", "articles.id")
          .where("article_tags.tag_id", "=", tagId),
      ),
    );
  return query;
}

function checkPage({ limit, offset }: ListArticlesOptions): void {
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(limit) || limit < 0)
    issues.push({ path: "limit", message: "must be a whole number, 0 or more" });
  if (!Number.isInteger(offset) || offset < 0)
    issues.push({ path: "offset", message: "must be a whole number, 0 or more" });
  if (issues.length > 0) throw new ContentInvalidError("article list options", issues);
}

/** Every other entity the article points at, with the path of the field that points. */
export function articleReferences(
  data: Pick<ArticleData, "sectionId" | "authorIds" | "tagIds" | "featuredImageId" | "body">,
): Reference[] {
  const refs: Reference[] =
    data.sectionId === null ? [] : [{ path: "sectionId", table: "sections", id: data.sectionId }];
  data.authorIds.forEach((id, i) => {
    refs.push({ path: `authorIds.${i}`, table: "people", id });
  });
  data.tagIds.forEach((id, i) => {
    refs.push({ path: `tagIds.${i}`, table: "tags", id });
  });
  if (data.featuredImageId)
    refs.push({ path: "featuredImageId", table: "media", id: data.featuredImageId });
  data.body.forEach((block, i) => {
    if (block.type === "image")
      refs.push({ path: `body.${i}.mediaId`, table: "media", id: block.mediaId });
    if (block.type === "tracker")
      refs.push({ path: `body.${i}.trackerId`, table: "trackers", id: block.trackerId });
  });
  return refs;
}

function columns(data: ArticleData) {
  return {
    kind: data.kind,
    page_type: data.pageType,
    slug: data.slug,
    headline: data.headline,
    dek: data.dek,
    type: data.type,
    section_id: data.sectionId,
    status: data.status,
    published_at: data.publishedAt,
    featured_image_id: data.featuredImageId,
    featured_image_caption: data.featuredImageCaption,
    meta_title: data.metaTitle,
    meta_description: data.metaDescription,
    canonical_url: data.canonicalUrl,
    body: JSON.stringify(data.body),
    comments_enabled: toBool(data.commentsEnabled),
  };
}

async function writeLinks(trx: Kysely<Database>, article: Article): Promise<void> {
  await writeAuthors(trx, article);
  await writeTags(trx, article);
}

async function writeAuthors(trx: Kysely<Database>, article: Article): Promise<void> {
  if (article.authorIds.length > 0)
    await trx
      .insertInto("article_authors")
      .values(
        article.authorIds.map((person_id, position) => ({
          article_id: article.id,
          person_id,
          position,
        })),
      )
      .execute();
}

async function writeTags(trx: Kysely<Database>, article: Article): Promise<void> {
  if (article.tagIds.length > 0)
    await trx
      .insertInto("article_tags")
      .values(
        article.tagIds.map((tag_id, position) => ({ article_id: article.id, tag_id, position })),
      )
      .execute();
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Why a conditional write touched no row: the article is gone, or another save came first. */
async function staleOrMissing(trx: Kysely<Database>, id: string): Promise<Error> {
  const now = await trx
    .selectFrom("articles")
    .select("version")
    .where("id", "=", id)
    .executeTakeFirst();
  return now ? new StaleError("article", id, now.version) : new NotFoundError("article", id);
}
