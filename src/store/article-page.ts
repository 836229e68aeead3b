import {
  type Article,
  type ArticleKind,
  type Comment,
  type Correction,
  isPublic,
  LIVE_ARTICLE_TYPE,
  type LiveBlog,
  type MediaItem,
  mediaIdsOf,
  type Person,
  type Section,
  sectionPath,
  type Tag,
  type TrackerSummary,
  trackerIdsOf,
  trackerLinkSlugsOf,
} from "../content/index.js";
import { getArticleById } from "./articles.js";
import { listComments } from "./comments.js";
import { listCorrections } from "./corrections.js";
import { adapterFor } from "./dialect/index.js";
import { loadLiveBlog } from "./live-updates.js";
import { getMediaByIds, groupVariants, withVariants } from "./media.js";
import { toArticle, toMedia, toPerson, toTag } from "./rows.js";
import type { ArticleRow } from "./schema.js";
import { listSections } from "./sections.js";
import type { Store } from "./store.js";
import { getTrackerSummaries } from "./trackers.js";
import { getViews } from "./views.js";

/** Everything the public article page renders. */
export interface ArticlePage {
  article: Article;
  /** In byline order. */
  authors: Person[];
  section: Section;
  /** From the top-level section down to `section`, for breadcrumbs. */
  sectionPath: Section[];
  /** In the article's order. */
  tags: Tag[];
  /** Body images, the featured image and author avatars, by id. */
  media: Record<string, MediaItem>;
  /** Trackers the body points at, by id. */
  trackers: Record<string, TrackerSummary>;
  views: number;
  /** Approved comments, oldest first. */
  comments: Comment[];
  /** Update and correction notes, oldest first. */
  corrections: Correction[];
  /** A live article's updates and coverage state (type `live` only). */
  live?: LiveBlog;
}

/**
 * What the public page of a page (kind 'page', served at `/<slug>`) shows: no section, byline,
 * views or comments are rendered, so only the article and what its body points at.
 */
export interface PublicPage {
  article: Article;
  /** Body images and the featured image, by id. */
  media: Record<string, MediaItem>;
  /** Trackers the body points at, by id. */
  trackers: Record<string, TrackerSummary>;
}

/** What a preview link opens: an article's page or a page's, told apart by `kind`. */
export type PreviewPage = ({ kind: "article" } & ArticlePage) | ({ kind: "page" } & PublicPage);

/**
 * The public article with this slug and everything its page shows, or undefined when there is
 * none, it is a page (see loadPublicPage), or readers may not see it at `now` (draft, scheduled,
 * unpublished). One query for the article, then the rest in parallel.
 */
export async function loadArticlePage(
  store: Store,
  slug: string,
  now = new Date(),
): Promise<ArticlePage | undefined> {
  const found = await publicRow(store, "article", slug, now);
  // Authors and tags are filled in below, from the same rows that give the Person and Tag objects.
  return found && assemblePage(store, found.row, found.base);
}

/**
 * The public page (kind 'page') with this slug and what its body shows, or undefined when there
 * is none, it is an article, or readers may not see it at `now`.
 */
export async function loadPublicPage(
  store: Store,
  slug: string,
  now = new Date(),
): Promise<PublicPage | undefined> {
  const found = await publicRow(store, "page", slug, now);
  return found && assemblePublicPage(store, found.base);
}

/**
 * Everything the page of the article (or page) with this id would show, whatever its status
 * (drafts included), for a preview link; undefined when there is no such article.
 */
export async function loadArticlePreview(
  store: Store,
  id: string,
): Promise<PreviewPage | undefined> {
  const row = await store.db
    .selectFrom("articles")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const base = toArticle(adapterFor(store.dialect), row, [], []);
  if (base.kind === "page") return { kind: "page", ...(await assemblePublicPage(store, base)) };
  return { kind: "article", ...(await assemblePage(store, row, base)) };
}

/**
 * The row of the `kind` with this slug and its article (without authors and tags yet) when
 * readers may see it at `now`.
 */
async function publicRow(
  store: Store,
  kind: ArticleKind,
  slug: string,
  now: Date,
): Promise<{ row: ArticleRow; base: Article } | undefined> {
  const row = await store.db
    .selectFrom("articles")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!row || row.kind !== kind) return undefined;
  const base = toArticle(adapterFor(store.dialect), row, [], []);
  return isPublic(base, now) ? { row, base } : undefined;
}

/** A page's article (with its authors and tags) and the media and trackers its body shows. */
async function assemblePublicPage(store: Store, base: Article): Promise<PublicPage> {
  const imageIds = [
    ...mediaIdsOf(base.body),
    ...(base.featuredImageId ? [base.featuredImageId] : []),
  ];
  const [withLinks, media, trackers] = await Promise.all([
    getArticleById(store, base.id),
    getMediaByIds(store, imageIds),
    getTrackerSummaries(store, trackerIdsOf(base.body), trackerLinkSlugsOf(base.body)),
  ]);
  return {
    article: withLinks ?? base,
    media: Object.fromEntries(media.map((m) => [m.id, m])),
    trackers: Object.fromEntries(trackers.map((t) => [t.id, t])),
  };
}

/** The page of `row`, whose article (`base`, without authors and tags yet) is already read. */
async function assemblePage(store: Store, row: ArticleRow, base: Article): Promise<ArticlePage> {
  const { db } = store;
  const corrections = listCorrections(store, row.id);
  const live = base.type === LIVE_ARTICLE_TYPE ? loadLiveBlog(store, row.id) : undefined;
  const { body } = base;
  const imageIds = [...mediaIdsOf(body), ...(base.featuredImageId ? [base.featuredImageId] : [])];

  const avatarIds = db
    .selectFrom("article_authors")
    .innerJoin("people", "people.id", "article_authors.person_id")
    .select("people.avatar_id")
    .where("article_authors.article_id", "=", row.id);

  const [authorRows, tagRows, sections, mediaRows, variantRows, trackers, views, comments] =
    await Promise.all([
      db
        .selectFrom("article_authors")
        .innerJoin("people", "people.id", "article_authors.person_id")
        .selectAll("people")
        .where("article_authors.article_id", "=", row.id)
        .orderBy("article_authors.position")
        .execute(),
      db
        .selectFrom("article_tags")
        .innerJoin("tags", "tags.id", "article_tags.tag_id")
        .selectAll("tags")
        .where("article_tags.article_id", "=", row.id)
        .orderBy("article_tags.position")
        .execute(),
      // Sections are few; loading them all gives the breadcrumb path without a recursive query.
      listSections(store),
      db
        .selectFrom("media")
        .selectAll()
        .where((eb) =>
          eb.or([
            ...(imageIds.length > 0 ? [eb("media.id", "in", imageIds)] : []),
            eb("media.id", "in", avatarIds),
          ]),
        )
        .execute(),
      db
        .selectFrom("media_variants")
        .selectAll()
        .where((eb) =>
          eb.or([
            ...(imageIds.length > 0 ? [eb("media_id", "in", imageIds)] : []),
            eb("media_id", "in", avatarIds),
          ]),
        )
        .execute(),
      getTrackerSummaries(store, trackerIdsOf(body), trackerLinkSlugsOf(body)),
      getViews(store, row.id),
      listComments(store, row.id, { status: "approved" }),
    ]);

  const authors = authorRows.map(toPerson);
  const variants = groupVariants(variantRows);
  const tags = tagRows.map(toTag);
  const article: Article = {
    ...base,
    authorIds: authors.map((a) => a.id),
    tagIds: tags.map((t) => t.id),
  };
  const path = sectionPath(sections, article.sectionId);
  const section = path.at(-1) as Section;
  return {
    article,
    authors,
    section,
    sectionPath: path,
    tags,
    media: Object.fromEntries(
      mediaRows.map((m) => [m.id, withVariants(toMedia(m), variants.get(m.id))]),
    ),
    trackers: Object.fromEntries(trackers.map((t) => [t.id, t])),
    views,
    comments,
    corrections: (await corrections).map(({ id, kind, note, createdAt }) => ({
      id,
      kind,
      note,
      createdAt,
    })),
    ...(live ? { live: await live } : {}),
  };
}
