// Lean reads for sitemaps: only the columns a sitemap line needs, for every public article.
import type { Kysely } from "kysely";
import type { ArticleKind } from "../content/index.js";
import { toIso } from "./columns.js";
import type { Database } from "./schema.js";
import type { Store } from "./store.js";

/** A public article (or page) as a sitemap line shows it. */
export interface ArticleStamp {
  /** Pages are served at `/<slug>`, articles at `/articles/<slug>`. */
  kind: ArticleKind;
  slug: string;
  headline: string;
  /** Null for a page. */
  sectionId: string | null;
  publishedAt: string;
  updatedAt: string;
}

/** A listing (author or tag page) and when its newest public article appeared. */
export interface ListingStamp {
  slug: string;
  latest: string;
}

/** What readers may see at `now`; articles only unless `withPages` (bylines and tags list articles). */
const publicArticles = (db: Kysely<Database>, now: Date, withPages = false) => {
  const query = db
    .selectFrom("articles")
    .where("articles.status", "=", "published")
    .where("articles.published_at", "<=", now.toISOString());
  return withPages ? query : query.where("articles.kind", "=", "article");
};

/**
 * Every article readers may see at `now` (or only those published since `since`), oldest first
 * so that older sitemap files keep their contents as new articles are added. `limit` caps the
 * newest ones when set (the News sitemap). Pages are included only with `withPages` (the
 * sitemap lists them; the News sitemap is for news articles).
 */
export async function listArticleStamps(
  store: Store,
  opts: { now?: Date; since?: Date; limit?: number; withPages?: boolean } = {},
): Promise<ArticleStamp[]> {
  let query = publicArticles(store.db, opts.now ?? new Date(), opts.withPages).select([
    "kind",
    "slug",
    "headline",
    "section_id",
    "published_at",
    "updated_at",
    "id",
  ]);
  if (opts.since) query = query.where("published_at", ">=", opts.since.toISOString());
  const rows =
    opts.limit === undefined
      ? await query.orderBy("published_at", "asc").orderBy("id", "asc").execute()
      : (
          await query
            .orderBy("published_at", "desc")
            .orderBy("id", "desc")
            .limit(opts.limit)
            .execute()
        ).reverse();
  return rows.map((r) => ({
    kind: r.kind as ArticleKind,
    slug: r.slug,
    headline: r.headline,
    sectionId: r.section_id,
    publishedAt: toIso(r.published_at as string | Date),
    updatedAt: toIso(r.updated_at),
  }));
}

/** Authors with at least one public article, with the newest one's publication time. */
export async function listAuthorStamps(store: Store, now = new Date()): Promise<ListingStamp[]> {
  const rows = await publicArticles(store.db, now)
    .innerJoin("article_authors", "article_authors.article_id", "articles.id")
    .innerJoin("people", "people.id", "article_authors.person_id")
    .select((eb) => ["people.slug as slug", eb.fn.max("articles.published_at").as("latest")])
    .groupBy("people.slug")
    .orderBy("people.slug")
    .execute();
  return rows.map((r) => ({ slug: r.slug, latest: toIso(r.latest as string | Date) }));
}

/** Tags on at least one public article, with the newest one's publication time. */
export async function listTagStamps(store: Store, now = new Date()): Promise<ListingStamp[]> {
  const rows = await publicArticles(store.db, now)
    .innerJoin("article_tags", "article_tags.article_id", "articles.id")
    .innerJoin("tags", "tags.id", "article_tags.tag_id")
    .select((eb) => ["tags.slug as slug", eb.fn.max("articles.published_at").as("latest")])
    .groupBy("tags.slug")
    .orderBy("tags.slug")
    .execute();
  return rows.map((r) => ({ slug: r.slug, latest: toIso(r.latest as string | Date) }));
}
