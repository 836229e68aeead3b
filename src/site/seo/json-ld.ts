// schema.org structured data as JSON-LD. Pure builders: data in, plain objects out; the layout
// serialises them with serializeJsonLd into <script type="application/ld+json">.
import {
  type Article,
  type ArticleType,
  blockText,
  countWords,
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
  searchTemplatePath,
} from "../../content/public-paths.js";
import { modifiedAt } from "./dates.js";
import { absoluteUrl, type ImageRef, imageRefs, primaryImage } from "./urls.js";

/** A JSON-LD node: a plain JSON object. */
export type JsonLd = { [key: string]: unknown };

/**
 * The schema.org type of each article type. Every one is Article or a subtype of it, which is
 * what Google's Article rich result reads. Fact checks stay NewsArticle: ClaimReview needs the
 * claim and a rating as data, which the article model does not hold.
 */
export const SCHEMA_TYPE_OF: Record<ArticleType, string> = {
  news: "ReportageNewsArticle",
  analysis: "AnalysisNewsArticle",
  opinion: "OpinionNewsArticle",
  commentary: "OpinionNewsArticle",
  "fact-check": "NewsArticle",
  sponsored: "AdvertiserContentArticle",
  satire: "SatiricalArticle",
  // With its updates as liveBlogUpdate (see liveBlogJsonLd).
  live: "LiveBlogPosting",
};

/** Google shows at most this many characters of a headline. */
export const HEADLINE_MAX = 110;

/** A headline cut to HEADLINE_MAX characters at a word boundary, with an ellipsis when cut. */
export function shortHeadline(headline: string): string {
  const chars = [...headline];
  if (chars.length <= HEADLINE_MAX) return headline;
  const cut = chars.slice(0, HEADLINE_MAX - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > HEADLINE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * JSON for a <script> element: "<", ">" and "&" become \u escapes so no value (a headline
 * holding "</script>") can end the element, and U+2028/2029 are escaped for old JS parsers.
 */
export function serializeJsonLd(data: JsonLd | readonly JsonLd[]): string {
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

// The article's caption of its featured image, when it has one, says more than the alt text.
const imageObject = (img: ImageRef, caption = ""): JsonLd => ({
  "@type": "ImageObject",
  url: img.url,
  contentUrl: img.url,
  width: img.width,
  height: img.height,
  ...(caption || img.alt ? { caption: caption || img.alt } : {}),
});

/** What the publisher node needs. */
export interface PublisherInput {
  base: string;
  siteName: string;
  logo: ImageRef;
}

/** The publishing Organization with its logo. */
export function organizationJsonLd({ base, siteName, logo }: PublisherInput): JsonLd {
  return {
    "@type": "Organization",
    "@id": `${absoluteUrl(base, homePath())}#organization`,
    name: siteName,
    url: absoluteUrl(base, homePath()),
    logo: imageObject(logo),
  };
}

/** What an article's JSON-LD is built from. */
export interface ArticleJsonLdInput extends PublisherInput {
  article: Article;
  authors: readonly Person[];
  section: Section;
  tags: readonly Tag[];
  featured: MediaItem | undefined;
  language: string;
}

/** The article's NewsArticle (or subtype) node, with Google's required and recommended fields. */
export function articleJsonLd(input: ArticleJsonLdInput): JsonLd {
  const { article, base } = input;
  const url = absoluteUrl(base, articlePath(article.slug));
  const published = article.publishedAt ?? article.createdAt;
  const modified = modifiedAt(article);
  const images = input.featured ? imageRefs(base, input.featured) : [];
  const words = article.body.reduce((n, b) => n + countWords(blockText(b)), 0);
  return {
    "@context": "https://schema.org",
    "@type": SCHEMA_TYPE_OF[article.type],
    "@id": `${url}#article`,
    headline: shortHeadline(article.headline),
    ...(article.metaDescription || article.dek
      ? { description: article.metaDescription || article.dek }
      : {}),
    ...(images.length > 0
      ? { image: images.map((img) => imageObject(img, article.featuredImageCaption)) }
      : {}),
    datePublished: published,
    dateModified: modified,
    author: input.authors.map((p) => ({
      "@type": "Person",
      name: p.name,
      url: absoluteUrl(base, authorPath(p.slug)),
    })),
    publisher: organizationJsonLd(input),
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    inLanguage: input.language,
    isAccessibleForFree: true,
    articleSection: input.section.name,
    ...(input.tags.length > 0 ? { keywords: input.tags.map((t) => t.name) } : {}),
    wordCount: words,
  };
}

/** What a page's JSON-LD is built from. */
export interface PageJsonLdInput extends PublisherInput {
  /** A row of kind 'page'; its `pageType` is the node's type. */
  article: Article;
  featured: MediaItem | undefined;
  language: string;
}

/**
 * A page's WebPage, AboutPage or ContactPage node, part of the site's WebSite (the home page's
 * node) and published by its Organization, which an About or Contact page is about.
 */
export function pageJsonLd(input: PageJsonLdInput): JsonLd {
  const { article, base } = input;
  const url = absoluteUrl(base, pagePath(article.slug));
  const home = absoluteUrl(base, homePath());
  const images = input.featured ? imageRefs(base, input.featured) : [];
  return {
    "@context": "https://schema.org",
    "@type": article.pageType,
    "@id": `${url}#webpage`,
    name: article.headline,
    ...(article.metaDescription || article.dek
      ? { description: article.metaDescription || article.dek }
      : {}),
    ...(images.length > 0
      ? { primaryImageOfPage: imageObject(images[0] as ImageRef, article.featuredImageCaption) }
      : {}),
    url,
    inLanguage: input.language,
    datePublished: article.publishedAt ?? article.createdAt,
    dateModified: modifiedAt(article),
    isPartOf: { "@type": "WebSite", "@id": `${home}#website`, url: home },
    publisher: organizationJsonLd(input),
    ...(article.pageType === "WebPage" ? {} : { about: { "@id": `${home}#organization` } }),
  };
}

/** What an author page's Person node is built from. */
export interface PersonJsonLdInput {
  base: string;
  person: Person;
  avatar: MediaItem | undefined;
  siteName: string;
}

/** An author page's Person node. */
export function personJsonLd({ base, person, avatar, siteName }: PersonJsonLdInput): JsonLd {
  const description = person.shortBio || person.bio;
  return {
    "@context": "https://schema.org",
    "@type": "Person",
    "@id": `${absoluteUrl(base, authorPath(person.slug))}#person`,
    name: person.name,
    url: absoluteUrl(base, authorPath(person.slug)),
    ...(person.roleTitle ? { jobTitle: person.roleTitle } : {}),
    ...(avatar ? { image: primaryImage(base, avatar, 400).url } : {}),
    ...(description ? { description } : {}),
    worksFor: { "@type": "Organization", name: siteName, url: absoluteUrl(base, homePath()) },
  };
}

/**
 * A tracker as an ItemList: its entries in the newsroom's order, each with its title and, when
 * it has one, the source it rests on.
 */
export function trackerJsonLd(tracker: Tracker, url: string, description: string): JsonLd {
  const entries = [...tracker.entries].sort((a, b) => a.position - b.position);
  return {
    "@context": "https://schema.org",
    "@type": "ItemList",
    "@id": `${url}#list`,
    name: tracker.title,
    url,
    ...(description ? { description } : {}),
    numberOfItems: entries.length,
    itemListOrder: "https://schema.org/ItemListUnordered",
    itemListElement: entries.map((e, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: e.title,
      ...(e.summary ? { description: e.summary } : {}),
      ...(/^https?:\/\//i.test(e.sourceUrl ?? "") ? { url: e.sourceUrl } : {}),
    })),
  };
}

/** The home page's nodes: the WebSite with its search box, and the publishing Organization. */
export function homeJsonLd(input: PublisherInput & { language: string; tagline: string }): JsonLd {
  const home = absoluteUrl(input.base, homePath());
  return {
    "@context": "https://schema.org",
    "@graph": [
      {
        "@type": "WebSite",
        "@id": `${home}#website`,
        name: input.siteName,
        url: home,
        inLanguage: input.language,
        ...(input.tagline ? { description: input.tagline } : {}),
        publisher: { "@id": `${home}#organization` },
        potentialAction: {
          "@type": "SearchAction",
          target: {
            "@type": "EntryPoint",
            urlTemplate: absoluteUrl(input.base, searchTemplatePath()),
          },
          "query-input": "required name=search_term_string",
        },
      },
      organizationJsonLd(input),
    ],
  };
}
