// RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents, built with the `feed` library from loaded data.
import { type Author, type Category, type Enclosure, Feed, type Item } from "feed";
import type {
  Article,
  MediaItem,
  Person,
  Section,
  SiteSettings,
  Tag,
  TrackerSummary,
} from "../../content/index.js";
import {
  articlePath,
  authorPath,
  type FeedFormat,
  sectionPath,
  tagPath,
} from "../../content/public-paths.js";
import { laterIso, modifiedAt } from "../seo/dates.js";
import { absoluteUrl, type ImageRef, primaryImage } from "../seo/urls.js";
import { escapeHtml, excerptHtml, fullContentHtml } from "./content.js";

/** Items per feed: the newest public articles. */
export const FEED_SIZE = 20;

/** The content type each format is served with. */
export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

/** One article with what its feed item shows. */
export interface FeedEntry {
  article: Article;
  authors: readonly Person[];
  section: Section | undefined;
  tags: readonly Tag[];
}

/** Everything a feed document is built from. */
export interface FeedInput {
  format: FeedFormat;
  /** Public base URL, no trailing slash. */
  base: string;
  settings: SiteSettings;
  /** The feed's title, e.g. "World — The Daily". */
  title: string;
  description: string;
  /** Path of the HTML page the feed follows (home, section, author or tag page). */
  pagePath: string;
  /** This feed's own path. */
  selfPath: string;
  /** The publisher logo, for the channel image. */
  logo: ImageRef;
  entries: readonly FeedEntry[];
  /** Body images and featured images by id; trackers by id. */
  media: Readonly<Record<string, MediaItem>>;
  trackers: Readonly<Record<string, TrackerSummary>>;
}

// XML 1.0 forbids these characters outright, escaped or not; they are dropped from every string.
const XML_FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xmlSafe = (s: string): string => s.replace(XML_FORBIDDEN, "");

/**
 * CDATA-ready text. The `feed` library (through xml-js) splits only the first "]]>" of a CDATA
 * section; this splits every later one the same way, so the section cannot be ended early.
 * feeds.test.ts fails if a library update starts splitting them all itself.
 */
export function cdataSafe(s: string): string {
  const first = s.indexOf("]]>");
  if (first < 0) return s;
  const head = s.slice(0, first + 3);
  return head + s.slice(first + 3).replaceAll("]]>", "]]]]><![CDATA[>");
}

/** Builds one feed document in the requested format. */
export function buildFeed(input: FeedInput): string {
  const { format, base, settings } = input;
  const xml = format !== "json";
  // Atom's entry title and summaries are typed html and RSS has no types at all: readers take
  // RSS titles, names and categories as HTML, so in both every such text is HTML-escaped once
  // more and "<b>" reaches the reader as the characters, never as bold. Atom's feed title and
  // names are plain text by the standard, and JSON Feed's titles, names and tags too: those
  // carry the text as it is.
  const html = (s: string) => (xml ? cdataSafe(escapeHtml(xmlSafe(s))) : s);
  const rssText = (s: string) => (format === "rss" ? escapeHtml(xmlSafe(s)) : xmlSafe(s));
  const updated = input.entries.reduce<string | undefined>((max, e) => {
    const m = modifiedAt(e.article);
    return max === undefined ? m : laterIso(max, m);
  }, undefined);
  const home = absoluteUrl(base, "/");
  const feed = new Feed({
    id: absoluteUrl(base, input.pagePath),
    title: rssText(input.title),
    description: rssText(input.description),
    link: absoluteUrl(base, input.pagePath),
    language: settings.language,
    // A stable date keeps the bytes, and so the ETag, the same until an article changes.
    updated: new Date(updated ?? 0),
    generator: "Masthead",
    feed: absoluteUrl(base, input.selfPath),
    feedLinks: { [format]: absoluteUrl(base, input.selfPath) },
    image: input.logo.url,
    author: { name: xmlSafe(settings.title), link: home },
  });
  const refs = { media: input.media, trackers: input.trackers };
  for (const entry of input.entries) {
    const { article } = entry;
    const url = absoluteUrl(base, articlePath(article.slug));
    const content =
      settings.feedContent === "full"
        ? fullContentHtml(article, refs, base)
        : excerptHtml(article, refs, base, url);
    const authors: Author[] = entry.authors.map((p) => ({
      name: xmlSafe(p.name),
      link: absoluteUrl(base, authorPath(p.slug)),
    }));
    const featured = article.featuredImageId ? input.media[article.featuredImageId] : undefined;
    const image = featured ? primaryImage(base, featured, 960) : undefined;
    const item: Item = {
      title: html(article.headline),
      // The article id, not its address: the item stays the same when a slug is corrected.
      id: `urn:uuid:${article.id}`,
      link: url,
      date: new Date(modifiedAt(article)),
      published: new Date(article.publishedAt ?? article.createdAt),
      ...(article.dek ? { description: html(article.dek) } : {}),
      content: xml ? cdataSafe(xmlSafe(content)) : content,
      category: categories(format, base, entry),
      ...(image ? { image: enclosure(image) } : {}),
    };
    // RSS's <author> is meant for an e-mail address, which feeds never carry: names go into
    // dc:creator (the namespace is declared whenever items have content).
    if (format === "rss") {
      if (authors.length > 0)
        item.extensions = [
          { name: "dc:creator", objects: { _cdata: html(authors.map((a) => a.name).join(", ")) } },
        ];
    } else item.author = authors;
    feed.addItem(item);
  }
  if (format === "rss") return feed.rss2();
  if (format === "atom") return feed.atom1();
  return jsonFeed11(feed.json1(), input);
}

const enclosure = (img: ImageRef): Enclosure => ({ url: img.url, type: img.type });

/**
 * The section and the tags as categories. Atom puts the label in an attribute, which the
 * library does not escape for "<": such a label is left out (the term is the slug, always safe).
 */
function categories(format: FeedFormat, base: string, entry: FeedEntry): Category[] {
  const places = [
    ...(entry.section
      ? [
          {
            name: entry.section.name,
            slug: entry.section.slug,
            url: sectionPath(entry.section.slug),
          },
        ]
      : []),
    ...entry.tags.map((t) => ({ name: t.name, slug: t.slug, url: tagPath(t.slug) })),
  ];
  return places.map(({ name, slug, url }) => {
    const link = absoluteUrl(base, url);
    if (format === "atom")
      return { term: slug, scheme: link, ...(name.includes("<") ? {} : { name: xmlSafe(name) }) };
    return { name: format === "rss" ? escapeHtml(xmlSafe(name)) : name, domain: link };
  });
}

/**
 * The library writes JSON Feed 1.0 with one author per item; 1.1 lists every author and the
 * language. The document is parsed and rewritten as data, never as text.
 */
function jsonFeed11(json: string, input: FeedInput): string {
  const doc = JSON.parse(json) as Record<string, unknown> & { items: Record<string, unknown>[] };
  doc.version = "https://jsonfeed.org/version/1.1";
  doc.language = input.settings.language;
  doc.authors = [{ name: input.settings.title, url: absoluteUrl(input.base, "/") }];
  doc.items.forEach((item, i) => {
    const entry = input.entries[i];
    if (!entry) return;
    item.authors = entry.authors.map((p) => ({
      name: p.name,
      url: absoluteUrl(input.base, authorPath(p.slug)),
    }));
    item.language = input.settings.language;
  });
  return JSON.stringify(doc, null, 2);
}
