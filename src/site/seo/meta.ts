// Open Graph and Twitter card tags. A pure builder: the layout renders the list as <meta> tags.
import type { ImageRef } from "./urls.js";

/** One <meta> tag: Open Graph uses `property`, Twitter cards and the rest use `name`. */
export interface MetaTag {
  attr: "property" | "name";
  key: string;
  content: string;
}

/** What an article adds to its card. */
export interface ArticleMeta {
  publishedTime: string;
  modifiedTime: string;
  section: string;
  tags: readonly string[];
  /** Absolute URLs of the authors' pages. */
  authorUrls: readonly string[];
}

/** What a page's social card is built from. */
export interface SocialMetaInput {
  type: "website" | "article" | "profile";
  siteName: string;
  title: string;
  description?: string;
  /** Absolute canonical URL. */
  url: string;
  image?: ImageRef;
  /** Shown when the page has no image of its own (the publisher logo), with the small card. */
  fallbackImage?: ImageRef;
  /** BCP 47 language of the page, e.g. en or en-US. */
  language: string;
  article?: ArticleMeta;
}

/** og:locale wants language_TERRITORY (en-US -> en_US); a bare language has no territory to give. */
const ogLocale = (language: string): string | undefined =>
  language.includes("-") ? language.replace("-", "_") : undefined;

/** The Open Graph and Twitter card tags of a page, in a stable order. */
export function socialMeta(input: SocialMetaInput): MetaTag[] {
  const og = (key: string, content: string): MetaTag => ({ attr: "property", key, content });
  const tw = (key: string, content: string): MetaTag => ({ attr: "name", key, content });
  const tags: MetaTag[] = [
    og("og:type", input.type),
    og("og:site_name", input.siteName),
    og("og:title", input.title),
    ...(input.description ? [og("og:description", input.description)] : []),
    og("og:url", input.url),
  ];
  const locale = ogLocale(input.language);
  if (locale) tags.push(og("og:locale", locale));
  const img = input.image ?? input.fallbackImage;
  if (img) {
    tags.push(
      og("og:image", img.url),
      ...(img.url.startsWith("https:") ? [og("og:image:secure_url", img.url)] : []),
      og("og:image:type", img.type),
      og("og:image:width", String(img.width)),
      og("og:image:height", String(img.height)),
      ...(img.alt ? [og("og:image:alt", img.alt)] : []),
    );
  }
  const a = input.article;
  if (a) {
    tags.push(
      og("article:published_time", a.publishedTime),
      og("article:modified_time", a.modifiedTime),
      og("article:section", a.section),
      ...a.authorUrls.map((u) => og("article:author", u)),
      ...a.tags.map((t) => og("article:tag", t)),
    );
  }
  tags.push(
    tw("twitter:card", input.image ? "summary_large_image" : "summary"),
    tw("twitter:title", input.title),
    ...(input.description ? [tw("twitter:description", input.description)] : []),
    ...(img ? [tw("twitter:image", img.url)] : []),
    ...(img?.alt ? [tw("twitter:image:alt", img.alt)] : []),
  );
  return tags;
}
