import {
  type Article,
  type Comment,
  type Correction,
  isPublic,
  type MediaItem,
  mediaIdsOf,
  type Person,
  type Section,
  sectionPath,
  type Tag,
  type TrackerSummary,
  trackerIdsOf,
} from "../content/index.js";
import { listComments } from "./comments.js";
import { listCorrections } from "./corrections.js";
import { adapterFor } from "./dialect/index.js";
import { groupVariants, withVariants } from "./media.js";
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
}

/**
 * The public article with this slug and everything its page shows, or undefined when there is
 * none or readers may not see it at `now` (draft, scheduled, unpublished). One query for the
 * article, then the rest in parallel.
 */
export async function loadArticlePage(
  store: Store,
  slug: string,
  now = new Date(),
): Promise<ArticlePage | undefined> {
  const { db } = store;
  const row = await db
    .selectFrom("articles")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!row) return undefined;
  // Authors and tags are filled in below, from the same rows that give the Person and Tag objects.
  const base = toArticle(adapterFor(store.dialect), row, [], []);
  if (!isPublic(base, now)) return undefined;
  return assemblePage(store, row, base);
}

/**
 * Everything the page of the article with this id would show, whatever its status (drafts
 * included), for a preview link; undefined when there is no such article.
 */
export async function loadArticlePreview(
  store: Store,
  id: string,
): Promise<ArticlePage | undefined> {
  const row = await store.db
    .selectFrom("articles")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && assemblePage(store, row, toArticle(adapterFor(store.dialect), row, [], []));
}

/** The page of `row`, whose article (`base`, without authors and tags yet) is already read. */
async function assemblePage(store: Store, row: ArticleRow, base: Article): Promise<ArticlePage> {
  const { db } = store;
  const corrections = listCorrections(store, row.id);
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
      getTrackerSummaries(store, trackerIdsOf(body)),
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
  };
}
