// What each kind of page puts in its head for search engines and social cards.
import {
  type Article,
  inlineText,
  type MediaItem,
  type Person,
  type Section,
  type Tag,
  type Tracker,
} from "../../content/index.js";
import {
  articlePath,
  authorPath,
  homePath,
  pagePath,
  sectionPath,
  tagPath,
  trackerPath,
} from "../../content/public-paths.js";
import type { ArticlePage, PublicPage } from "../../store/reads.js";
import type { SiteContext } from "../context.js";
import { blockMediaJsonLd } from "./block-media.js";
import {
  articleJsonLd,
  homeJsonLd,
  type JsonLd,
  pageJsonLd,
  personJsonLd,
  trackerJsonLd,
} from "./json-ld.js";
import { liveBlogJsonLd } from "./live-blog.js";
import { type MetaTag, socialMeta } from "./meta.js";
import { absoluteUrl, logoImage, primaryImage } from "./urls.js";

/** A page's social card tags and structured data. */
export interface PageSeo {
  social: MetaTag[];
  jsonLd: JsonLd[];
}

const publisher = (ctx: SiteContext) => ({
  base: ctx.config.publicUrl,
  siteName: ctx.settings.title,
  logo: logoImage(ctx.config.publicUrl, ctx.logo),
});

/** The title an article gives search engines and link previews: its meta title, else its headline. */
export function metaTitle(article: Pick<Article, "metaTitle" | "headline">): string {
  return article.metaTitle || article.headline;
}

/** The description an article gives search engines and link previews, if it has one. */
export function metaDescription(
  article: Pick<Article, "metaDescription" | "dek">,
): string | undefined {
  return article.metaDescription || article.dek || undefined;
}

/** The article page: an `article` card and the NewsArticle (or subtype) node. */
export function articleSeo(page: ArticlePage, ctx: SiteContext): PageSeo {
  const { article } = page;
  const base = ctx.config.publicUrl;
  const featured: MediaItem | undefined = article.featuredImageId
    ? page.media[article.featuredImageId]
    : undefined;
  const ld = articleJsonLd({
    ...publisher(ctx),
    article,
    authors: page.authors,
    section: page.section,
    tags: page.tags,
    featured,
    language: ctx.settings.language,
  });
  // Galleries, sound, video and documents in the body, each its own node.
  const parts = blockMediaJsonLd(
    base,
    article.body,
    page.media,
    article.publishedAt ?? article.createdAt,
  );
  if (parts.length > 0) ld.hasPart = parts;
  // A live article is a LiveBlogPosting (SCHEMA_TYPE_OF) with its updates.
  if (page.live)
    Object.assign(
      ld,
      liveBlogJsonLd({
        base,
        slug: article.slug,
        startedAt: article.publishedAt ?? article.createdAt,
        live: page.live,
      }),
    );
  const social = socialMeta({
    fallbackImage: logoImage(base, ctx.logo),
    type: "article",
    siteName: ctx.settings.title,
    title: metaTitle(article),
    description: metaDescription(article),
    url: article.canonicalUrl ?? absoluteUrl(base, articlePath(article.slug)),
    image: featured ? primaryImage(base, featured) : undefined,
    language: ctx.settings.language,
    article: {
      publishedTime: ld.datePublished as string,
      modifiedTime: ld.dateModified as string,
      section: page.section.name,
      tags: page.tags.map((t) => t.name),
      authorUrls: page.authors.map((p) => absoluteUrl(base, authorPath(p.slug))),
    },
  });
  return { social, jsonLd: [ld] };
}

/** A page (About, Contact…): a `website` card and its WebPage (or subtype) node. */
export function pageSeo(page: PublicPage, ctx: SiteContext): PageSeo {
  const { article } = page;
  const base = ctx.config.publicUrl;
  const featured: MediaItem | undefined = article.featuredImageId
    ? page.media[article.featuredImageId]
    : undefined;
  return {
    social: socialMeta({
      fallbackImage: logoImage(base, ctx.logo),
      type: "website",
      siteName: ctx.settings.title,
      title: metaTitle(article),
      description: metaDescription(article),
      url: article.canonicalUrl ?? absoluteUrl(base, pagePath(article.slug)),
      image: featured ? primaryImage(base, featured) : undefined,
      language: ctx.settings.language,
    }),
    jsonLd: [pageJsonLd({ ...publisher(ctx), article, featured, language: ctx.settings.language })],
  };
}

const website = (ctx: SiteContext, title: string, path: string, description?: string) =>
  socialMeta({
    fallbackImage: logoImage(ctx.config.publicUrl, ctx.logo),
    type: "website",
    siteName: ctx.settings.title,
    title,
    description,
    url: absoluteUrl(ctx.config.publicUrl, path),
    language: ctx.settings.language,
  });

/** The home page: a `website` card, and WebSite (with its SearchAction) and Organization. */
export function homeSeo(ctx: SiteContext, page: number): PageSeo {
  const { settings } = ctx;
  return {
    social: website(ctx, settings.title, homePath(page), settings.tagline || undefined),
    jsonLd:
      page === 1
        ? [
            homeJsonLd({
              ...publisher(ctx),
              language: settings.language,
              tagline: settings.tagline,
            }),
          ]
        : [],
  };
}

/** A section page's card. */
export function sectionSeo(ctx: SiteContext, section: Section, page: number): PageSeo {
  return {
    social: website(
      ctx,
      section.name,
      sectionPath(section.slug, page),
      section.description || undefined,
    ),
    jsonLd: [],
  };
}

/** A tag page's card. */
export function tagSeo(ctx: SiteContext, tag: Tag, page: number): PageSeo {
  return { social: website(ctx, tag.name, tagPath(tag.slug, page)), jsonLd: [] };
}

/** A tracker page: a `website` card and the list as an ItemList. */
export function trackerSeo(ctx: SiteContext, tracker: Tracker): PageSeo {
  const path = trackerPath(tracker.slug);
  const description = inlineText(tracker.description);
  return {
    social: website(ctx, tracker.title, path, description || undefined),
    jsonLd: [trackerJsonLd(tracker, absoluteUrl(ctx.config.publicUrl, path), description)],
  };
}

/** An author page: a `profile` card and the Person node. */
export function authorSeo(
  ctx: SiteContext,
  person: Person,
  avatar: MediaItem | undefined,
  page: number,
): PageSeo {
  const base = ctx.config.publicUrl;
  return {
    social: socialMeta({
      fallbackImage: logoImage(base, ctx.logo),
      type: "profile",
      siteName: ctx.settings.title,
      title: person.name,
      description: person.shortBio || undefined,
      url: absoluteUrl(base, authorPath(person.slug, page)),
      image: avatar ? { ...primaryImage(base, avatar, 400), alt: person.avatarAlt } : undefined,
      language: ctx.settings.language,
    }),
    jsonLd: [personJsonLd({ base, person, avatar, siteName: ctx.settings.title })],
  };
}
