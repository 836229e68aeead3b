// sitemaps.org and Google News sitemaps, written by the `sitemap` library (which escapes every
// value and drops characters XML forbids), and robots.txt.
import { Readable } from "node:stream";
import { SitemapIndexStream, type SitemapItemLoose, SitemapStream, streamToPromise } from "sitemap";
import type { ArticleKind } from "../../content/index.js";
import {
  articleOrPagePath,
  articlePath,
  authorPath,
  homePath,
  newsSitemapPath,
  sectionPath,
  sitemapChunkPath,
  sitemapPath,
  tagPath,
  trackerPath,
} from "../../content/public-paths.js";
import { laterIso, modifiedAt } from "./dates.js";
import { absoluteUrl } from "./urls.js";

/** sitemaps.org: at most 50,000 URLs per file (and 50 MB uncompressed, see SITEMAP_MAX_BYTES). */
export const SITEMAP_MAX_URLS = 50_000;
/**
 * sitemaps.org's size limit per file. Slugs are at most a few hundred characters, so a line is
 * under 1 KB and 50,000 lines stay far below it; the tests check a full file's size.
 */
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;
/** Google News: articles published in the last two days, at most 1,000 per sitemap. */
export const NEWS_MAX_AGE_MS = 2 * 24 * 60 * 60 * 1000;
export const NEWS_MAX_URLS = 1000;

/** One line of the sitemap: an absolute URL and, when known, when it last changed. */
export interface SitemapLine {
  url: string;
  lastmod?: string;
}

/** What the sitemap lists. */
export interface SitemapData {
  base: string;
  /** Oldest first, so older files keep their lines as articles are added; pages among them. */
  articles: readonly {
    kind?: ArticleKind;
    slug: string;
    sectionId: string | null;
    publishedAt: string;
    updatedAt: string;
  }[];
  sections: readonly { id: string; slug: string }[];
  authors: readonly { slug: string; latest: string }[];
  tags: readonly { slug: string; latest: string }[];
  trackers: readonly { slug: string }[];
}

const later = (a: string | undefined, b: string): string => (a === undefined ? b : laterIso(a, b));

/**
 * Every public page: home, sections, authors and tags with articles, trackers, then every
 * public article and page. Listings' lastmod is when their newest article appeared.
 */
export function sitemapLines(data: SitemapData): SitemapLine[] {
  const { base } = data;
  const newestBySection = new Map<string, string>();
  let newest: string | undefined;
  for (const a of data.articles) {
    // A page is on no listing, so it does not date the home page or a section.
    if (a.kind === "page" || a.sectionId === null) continue;
    newest = later(newest, a.publishedAt);
    newestBySection.set(a.sectionId, later(newestBySection.get(a.sectionId), a.publishedAt));
  }
  const line = (path: string, lastmod: string | undefined): SitemapLine => ({
    url: absoluteUrl(base, path),
    ...(lastmod ? { lastmod } : {}),
  });
  return [
    line(homePath(), newest),
    ...data.sections.map((s) => line(sectionPath(s.slug), newestBySection.get(s.id))),
    ...data.authors.map((p) => line(authorPath(p.slug), p.latest)),
    ...data.tags.map((t) => line(tagPath(t.slug), t.latest)),
    ...data.trackers.map((t) => line(trackerPath(t.slug), undefined)),
    ...data.articles.map((a) => line(articleOrPagePath(a), modifiedAt(a))),
  ];
}

async function write(stream: SitemapStream | SitemapIndexStream, items: readonly object[]) {
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString("utf8");
}

/** A <urlset> of these lines. */
export function urlsetXml(lines: readonly SitemapLine[]): Promise<string> {
  return write(new SitemapStream({ xmlns: NO_EXTENSIONS }), lines);
}

const NO_EXTENSIONS = { news: false, video: false, image: false, xhtml: false };

/** How many files `lines` take at `chunkSize` URLs each; 1 means no index is needed. */
export const sitemapFileCount = (count: number, chunkSize = SITEMAP_MAX_URLS): number =>
  Math.max(1, Math.ceil(count / chunkSize));

/**
 * The document at /sitemap.xml: the urlset itself when everything fits in one file, otherwise
 * a sitemap index pointing at /sitemaps/1.xml … /sitemaps/N.xml.
 */
export async function sitemapRootXml(
  base: string,
  lines: readonly SitemapLine[],
  chunkSize = SITEMAP_MAX_URLS,
): Promise<string> {
  const files = sitemapFileCount(lines.length, chunkSize);
  if (files === 1) return urlsetXml(lines);
  const index = Array.from({ length: files }, (_, i) => {
    const chunk = lines.slice(i * chunkSize, (i + 1) * chunkSize);
    const lastmod = chunk.reduce<string | undefined>(
      (m, l) => (l.lastmod ? later(m, l.lastmod) : m),
      undefined,
    );
    return { url: absoluteUrl(base, sitemapChunkPath(i + 1)), ...(lastmod ? { lastmod } : {}) };
  });
  return write(new SitemapIndexStream(), index);
}

/** The n-th (1-based) file of an indexed sitemap; undefined past the last or when unindexed. */
export function sitemapChunkXml(
  lines: readonly SitemapLine[],
  n: number,
  chunkSize = SITEMAP_MAX_URLS,
): Promise<string> | undefined {
  const files = sitemapFileCount(lines.length, chunkSize);
  if (files === 1 || n < 1 || n > files) return undefined;
  return urlsetXml(lines.slice((n - 1) * chunkSize, n * chunkSize));
}

/**
 * Google News wants an ISO 639 language code; Chinese keeps its script variant (zh-cn, zh-tw).
 */
export function newsLanguage(language: string): string {
  const lower = language.toLowerCase();
  return lower === "zh-cn" || lower === "zh-tw" ? lower : (lower.split("-")[0] ?? lower);
}

/** What the News sitemap lists: recent articles, newest last, at most NEWS_MAX_URLS. */
export interface NewsSitemapData {
  base: string;
  publication: string;
  language: string;
  articles: readonly { slug: string; headline: string; publishedAt: string }[];
}

// The library refuses to write a file without URLs; Google accepts an empty urlset.
const EMPTY_NEWS_URLSET =
  '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"></urlset>';

/** The Google News sitemap. */
export function newsSitemapXml(data: NewsSitemapData): Promise<string> {
  const items: SitemapItemLoose[] = data.articles.slice(-NEWS_MAX_URLS).map((a) => ({
    url: absoluteUrl(data.base, articlePath(a.slug)),
    news: {
      publication: { name: data.publication, language: newsLanguage(data.language) },
      publication_date: a.publishedAt,
      title: a.headline,
    },
  }));
  if (items.length === 0) return Promise.resolve(EMPTY_NEWS_URLSET);
  return write(new SitemapStream({ xmlns: { ...NO_EXTENSIONS, news: true } }), items);
}

/** Paths crawlers are asked to stay out of: the newsroom, the APIs, previews and search results. */
export const ROBOTS_DISALLOW = ["/admin", "/api", "/preview", "/search"] as const;

/** robots.txt: everything else is open; the sitemaps are named with absolute URLs. */
export function robotsTxt(base: string): string {
  return [
    "User-agent: *",
    ...ROBOTS_DISALLOW.map((p) => `Disallow: ${p}`),
    "Allow: /",
    "",
    `Sitemap: ${absoluteUrl(base, sitemapPath())}`,
    `Sitemap: ${absoluteUrl(base, newsSitemapPath())}`,
    "",
  ].join("\n");
}
