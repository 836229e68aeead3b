import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { ARTICLE_TYPES, type MediaItem } from "../../src/content/index.js";
import { renderArticlePage } from "../../src/site/index.js";
import {
  articleJsonLd,
  HEADLINE_MAX,
  homeJsonLd,
  personJsonLd,
  SCHEMA_TYPE_OF,
  serializeJsonLd,
  shortHeadline,
} from "../../src/site/seo/json-ld.js";
import { socialMeta } from "../../src/site/seo/meta.js";
import {
  newsLanguage,
  newsSitemapXml,
  robotsTxt,
  SITEMAP_MAX_BYTES,
  SITEMAP_MAX_URLS,
  sitemapChunkXml,
  sitemapLines,
  sitemapRootXml,
} from "../../src/site/seo/sitemap.js";
import { DEFAULT_LOGO, imageRefs, logoImage } from "../../src/site/seo/urls.js";
import { article, articlePage, author, avatar, ctx, photo, section } from "./fixtures.js";

const BASE = "https://news.example.org";
const HOSTILE = `</script><script>alert("x")</script> & ]]> <!-- `;
const parser = new XMLParser({ ignoreAttributes: false });

const uploaded: MediaItem = {
  ...photo,
  storageKey: "original-abc.jpg",
  variants: [
    { format: "avif", width: 480, height: 320, storageKey: "abc-480.avif" },
    { format: "jpeg", width: 480, height: 320, storageKey: "abc-480.jpg" },
    { format: "jpeg", width: 1600, height: 1067, storageKey: "abc-1600.jpg" },
    { format: "jpeg", width: 960, height: 640, storageKey: "abc-960.jpg" },
  ],
};

/** The JSON of every ld+json script in a page. */
function jsonLdOf(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) =>
    JSON.parse(m[1] as string),
  );
}

describe("JSON-LD", () => {
  it("serialises with <, > and & escaped, so a headline cannot close the script", () => {
    const out = serializeJsonLd({ headline: HOSTILE });
    expect(out).not.toMatch(/[<>&]/);
    expect(JSON.parse(out)).toEqual({ headline: HOSTILE });
  });

  it("cuts headlines to 110 characters at a word", () => {
    const long = "word ".repeat(40).trim();
    const short = shortHeadline(long);
    expect([...short].length).toBeLessThanOrEqual(HEADLINE_MAX);
    expect(short.endsWith("word…")).toBe(true);
    expect(shortHeadline("Short one")).toBe("Short one");
  });

  it.each(ARTICLE_TYPES)("a %s article has Google's required and recommended fields", (type) => {
    const ld = articleJsonLd({
      base: BASE,
      siteName: "Zany Progressive",
      logo: logoImage(BASE, undefined),
      article: { ...article, type, updatedAt: "2026-01-10T00:00:00.000Z" },
      authors: [author],
      section,
      tags: [{ id: "t", slug: "mexico", name: "Mexico" }],
      featured: uploaded,
      language: "en",
    });
    expect(ld["@type"]).toBe(SCHEMA_TYPE_OF[type]);
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      headline: article.headline,
      datePublished: article.publishedAt,
      dateModified: "2026-01-10T00:00:00.000Z",
      author: [{ "@type": "Person", name: author.name, url: `${BASE}/authors/${author.slug}` }],
      publisher: {
        "@type": "Organization",
        name: "Zany Progressive",
        logo: { url: `${BASE}${DEFAULT_LOGO.path}`, width: 600, height: 600 },
      },
      mainEntityOfPage: { "@id": `${BASE}/articles/${article.slug}` },
      isAccessibleForFree: true,
      articleSection: section.name,
      keywords: ["Mexico"],
    });
    expect(ld.wordCount).toBeGreaterThan(10);
    // Several sizes, all absolute, none in a format every consumer cannot read.
    const images = ld.image as { url: string; width: number }[];
    expect(images.map((i) => i.width)).toEqual([480, 960, 1600]);
    for (const i of images) expect(i.url).toMatch(/^https:\/\/news\.example\.org\/media\/.*\.jpg$/);
  });

  it("never dates the modification before the publication", () => {
    const ld = articleJsonLd({
      base: BASE,
      siteName: "S",
      logo: logoImage(BASE, undefined),
      article: { ...article, updatedAt: "2020-01-01T00:00:00.000Z" },
      authors: [author],
      section,
      tags: [],
      featured: undefined,
      language: "en",
    });
    expect(ld.dateModified).toBe(article.publishedAt);
    expect(ld).not.toHaveProperty("image");
  });

  it("uses the settings' logo over the default one", () => {
    expect(logoImage(BASE, uploaded)).toMatchObject({
      url: `${BASE}/media/abc-960.jpg`,
      width: 960,
    });
    expect(imageRefs(BASE, photo)).toEqual([
      expect.objectContaining({ url: `${BASE}/media/palace.jpg`, type: "image/jpeg" }),
    ]);
  });

  it("describes an author as a Person and the home page as a WebSite with a SearchAction", () => {
    expect(personJsonLd({ base: BASE, person: author, avatar, siteName: "S" })).toMatchObject({
      "@type": "Person",
      name: author.name,
      url: `${BASE}/authors/serena-zehlius`,
      jobTitle: "Editor",
      image: `${BASE}/media/serena.svg`,
      description: author.shortBio,
    });
    const home = homeJsonLd({
      base: BASE,
      siteName: "S",
      logo: logoImage(BASE, undefined),
      language: "en",
      tagline: "",
    });
    const [site, org] = home["@graph"] as Record<string, unknown>[];
    expect(site).toMatchObject({
      "@type": "WebSite",
      url: `${BASE}/`,
      potentialAction: {
        "@type": "SearchAction",
        target: { urlTemplate: `${BASE}/search?q={search_term_string}` },
        "query-input": "required name=search_term_string",
      },
    });
    expect(org).toMatchObject({ "@type": "Organization", name: "S" });
  });

  it("the article page carries parseable JSON-LD even with a hostile headline", () => {
    const page = articlePage({ article: { ...article, headline: HOSTILE } });
    const html = renderArticlePage(page, ctx);
    const [ld] = jsonLdOf(html);
    expect(ld?.headline).toBe(HOSTILE);
    expect(html).not.toContain('<script>alert("x")');
    expect(renderArticlePage(page, { ...ctx, preview: true })).not.toContain("ld+json");
  });
});

describe("social meta tags", () => {
  it("an article with an image gets a large card with its size and alt text", () => {
    const tags = socialMeta({
      type: "article",
      siteName: "S",
      title: "T",
      description: "D",
      url: `${BASE}/articles/t`,
      image: { url: `${BASE}/media/a.jpg`, width: 1200, height: 800, type: "image/jpeg", alt: "A" },
      language: "en-US",
      article: {
        publishedTime: "2026-01-01T00:00:00.000Z",
        modifiedTime: "2026-01-02T00:00:00.000Z",
        section: "World",
        tags: ["x", "y"],
        authorUrls: [`${BASE}/authors/a`],
      },
    });
    const get = (k: string) => tags.filter((t) => t.key === k).map((t) => t.content);
    expect(get("og:type")).toEqual(["article"]);
    expect(get("og:locale")).toEqual(["en_US"]);
    expect(get("og:image:width")).toEqual(["1200"]);
    expect(get("og:image:alt")).toEqual(["A"]);
    expect(get("article:tag")).toEqual(["x", "y"]);
    expect(get("article:author")).toEqual([`${BASE}/authors/a`]);
    expect(get("twitter:card")).toEqual(["summary_large_image"]);
  });

  it("a page without an image gets the small card, with the logo when there is one", () => {
    const tags = socialMeta({
      type: "website",
      siteName: "S",
      title: "T",
      url: BASE,
      language: "en",
    });
    expect(tags.find((t) => t.key === "twitter:card")?.content).toBe("summary");
    expect(tags.some((t) => t.key === "og:image")).toBe(false);
    expect(tags.some((t) => t.key === "og:locale")).toBe(false);
    const logo = logoImage(BASE, undefined);
    const withLogo = socialMeta({
      type: "website",
      siteName: "S",
      title: "T",
      url: BASE,
      language: "en",
      fallbackImage: logo,
    });
    expect(withLogo.find((t) => t.key === "og:image")?.content).toBe(logo.url);
    expect(withLogo.find((t) => t.key === "twitter:card")?.content).toBe("summary");
  });
});

describe("sitemaps and robots.txt", () => {
  const articles = Array.from({ length: 7 }, (_, i) => ({
    slug: `a-${i}`,
    sectionId: section.id,
    publishedAt: `2026-01-0${i + 1}T00:00:00.000Z`,
    updatedAt: i === 6 ? "2026-02-01T00:00:00.000Z" : `2026-01-0${i + 1}T00:00:00.000Z`,
  }));
  const lines = sitemapLines({
    base: BASE,
    articles,
    sections: [section],
    authors: [{ slug: "serena", latest: "2026-01-07T00:00:00.000Z" }],
    tags: [{ slug: "mexico&co", latest: "2026-01-03T00:00:00.000Z" }],
    trackers: [{ slug: "pardons" }],
  });

  it("lists home, listings and articles with absolute URLs and lastmod", () => {
    expect(lines).toHaveLength(12);
    expect(lines[0]).toEqual({ url: `${BASE}/`, lastmod: "2026-01-07T00:00:00.000Z" });
    expect(lines.at(-1)).toEqual({
      url: `${BASE}/articles/a-6`,
      lastmod: "2026-02-01T00:00:00.000Z",
    });
    for (const l of lines) expect(l.url.startsWith(`${BASE}/`)).toBe(true);
  });

  it("is one urlset under the limit, and an index of chunk files over it", async () => {
    const single = await sitemapRootXml(BASE, lines);
    expect(XMLValidator.validate(single)).toBe(true);
    expect(parser.parse(single).urlset.url).toHaveLength(12);
    expect(single).toContain("mexico&amp;co");
    expect(sitemapChunkXml(lines, 1)).toBeUndefined();

    const index = await sitemapRootXml(BASE, lines, 5);
    expect(XMLValidator.validate(index)).toBe(true);
    const files = parser.parse(index).sitemapindex.sitemap;
    expect(files.map((f: { loc: string }) => f.loc)).toEqual([
      `${BASE}/sitemaps/1.xml`,
      `${BASE}/sitemaps/2.xml`,
      `${BASE}/sitemaps/3.xml`,
    ]);
    const counts = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const xml = (await sitemapChunkXml(lines, n, 5)) as string;
        expect(XMLValidator.validate(xml)).toBe(true);
        return [parser.parse(xml).urlset.url].flat().length;
      }),
    );
    expect(counts).toEqual([5, 5, 2]);
    expect(sitemapChunkXml(lines, 4, 5)).toBeUndefined();
  });

  it("a full file of 50,000 long URLs stays under 50 MB", async () => {
    const long = Array.from({ length: SITEMAP_MAX_URLS }, (_, i) => ({
      url: `${BASE}/articles/${"x".repeat(180)}-${i}`,
      lastmod: "2026-01-01T00:00:00.000Z",
    }));
    const xml = await sitemapRootXml(BASE, long);
    expect(Buffer.byteLength(xml)).toBeLessThan(SITEMAP_MAX_BYTES);
    expect(xml.startsWith("<?xml")).toBe(true);
  });

  it("the News sitemap names the publication, language, date and escaped title", async () => {
    const xml = await newsSitemapXml({
      base: BASE,
      publication: "Zany & Co",
      language: "en-US",
      articles: [{ slug: "a", headline: HOSTILE, publishedAt: "2026-01-01T00:00:00.000Z" }],
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    const news = parser.parse(xml).urlset.url["news:news"];
    expect(news["news:publication"]).toEqual({ "news:name": "Zany & Co", "news:language": "en" });
    expect(news["news:title"]).toBe(HOSTILE.trim());
    const empty = await newsSitemapXml({
      base: BASE,
      publication: "Z",
      language: "en",
      articles: [],
    });
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(newsLanguage("zh-TW")).toBe("zh-tw");
  });

  it("robots.txt keeps crawlers out of the newsroom and names the sitemaps", () => {
    const txt = robotsTxt(BASE);
    for (const p of ["/admin", "/api", "/preview", "/search"])
      expect(txt).toContain(`Disallow: ${p}\n`);
    expect(txt).toContain(`Sitemap: ${BASE}/sitemap.xml\n`);
    expect(txt).toContain(`Sitemap: ${BASE}/news-sitemap.xml\n`);
  });
});
