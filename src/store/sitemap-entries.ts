// Lean reads for sitemaps: only the columns a sitemap line needs, for every public article.
import type { Kysely } from "kysely";
import { toIso } from "./columns.js";
import type { Database } from "./schema.js";
import type { Store } from "./store.js";

/** A public article as a sitemap line shows it. */
export interface ArticleStamp {
  slug: string;
  headline: string;
  sectionId: string;
  publishedAt: string;
  updatedAt: string;
}

/** A listing (author or tag page) and when its newest public article appeared. */
export interface ListingStamp {
  slug: string;
  latest: string;
}

const publicArticles = (db: Kysely<Database>, now: Date) =>
  db
    .selectFrom("articles")
    .where("articles.status", "=", "published")
    .where("articles.published_at", "<=", now.toISOString());

/**
 * Every article readers may see at `now` (or only those published since `since`), oldest first
 * so that older sitemap files keep their contents as new articles are added. `limit` caps the
 * newest ones when set (the News sitemap).
 */
export async function listArticleStamps(
  store: Store,
  opts: { now?: Date; since?: Date; limit?: number } = {},
): Promise<ArticleStamp[]> {
  let query = publicArticles(store.db, opts.now ?? new Date()).select([
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
