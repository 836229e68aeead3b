import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { MediaItem } from "../../src/content/index.js";
import { buildFeed, cdataSafe, type FeedInput } from "../../src/site/feeds/build.js";
import { absolutizeHtml, fullContentHtml } from "../../src/site/feeds/content.js";
import { logoImage } from "../../src/site/seo/urls.js";
import { article, author, photo, section, settings, tracker } from "./fixtures.js";

const BASE = "https://news.example.org";
// Closes CDATA twice, opens tags, carries an entity and a control character XML forbids.
const HOSTILE = `A]]>B]]>C </title><script>alert(1)</script> &amp; "q" \u0001 end`;
const featured: MediaItem = {
  ...photo,
  id: "00000000-0000-4000-8000-000000000099",
  variants: [{ format: "jpeg", width: 960, height: 640, storageKey: "hero-960.jpg" }],
};
const tags = [{ id: "00000000-0000-4000-8000-000000000060", slug: "mexico", name: "Mexico <&>" }];

function input(over: Partial<FeedInput> = {}): FeedInput {
  return {
    format: "rss",
    base: BASE,
    settings,
    title: "Zany Progressive",
    description: "Honest news",
    pagePath: "/",
    selfPath: "/feed.xml",
    logo: logoImage(BASE, undefined),
    entries: [
      {
        article: {
          ...article,
          headline: HOSTILE,
          dek: `Dek <b>bold</b> ]]> &`,
          featuredImageId: featured.id,
          tagIds: tags.map((t) => t.id),
        },
        authors: [author],
        section,
        tags,
      },
    ],
    media: { [photo.id]: photo, [featured.id]: featured },
    trackers: { [tracker.id]: tracker },
    ...over,
  };
}

const CLEAN_HEADLINE = HOSTILE.replace("\u0001", "");

describe("feeds", () => {
  it.each(["rss", "atom"] as const)("%s is well-formed and parses with every field", (format) => {
    const xml = buildFeed(
      input({ format, selfPath: format === "rss" ? "/feed.xml" : "/atom.xml" }),
    );
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = parseFeed(xml);
    expect(feed.meta.type).toBe(format);
    expect(feed.title).toBe("Zany Progressive");
    if (format === "rss") expect(feed.language).toBe("en");
    expect(feed.items).toHaveLength(1);
    const [item] = feed.items;
    // The library (or the reader) keeps the literal "&amp;" as text or decodes it: both are the headline.
    expect([CLEAN_HEADLINE, CLEAN_HEADLINE.replace("&amp;", "&")]).toContain(item?.title);
    expect(item?.url).toBe(`${BASE}/articles/${article.slug}`);
    expect(item?.id).toBe(`urn:uuid:${article.id}`);
    expect(item?.published?.toISOString()).toBe(article.publishedAt);
    expect(item?.authors.map((a) => a.name)).toEqual([author.name]);
    expect(item?.categories.map((c) => c.term)).toEqual(
      format === "rss" ? ["Resist Hate", "Mexico <&>"] : ["resist-hate", "mexico"],
    );
    expect(item?.media.map((m) => m.url)).toContain(`${BASE}/media/hero-960.jpg`);
    // Full content: the body with absolute image URLs, without the ad or the video player.
    expect(item?.content).toContain("Why this matters");
    expect(item?.content).toContain(`src="${BASE}/media/palace.jpg"`);
    expect(item?.content).toContain(`href="${BASE}/trackers/pardons"`);
    expect(item?.content).not.toContain("Advertisement");
    expect(item?.content).not.toContain("data-embed-src");
    expect(xml).not.toContain("@");
  });

  it("Atom entries link their authors' pages", () => {
    const feed = parseFeed(buildFeed(input({ format: "atom" })));
    expect(feed.items[0]?.authors[0]?.url).toBe(`${BASE}/authors/${author.slug}`);
  });

  it("JSON Feed 1.1 lists every author with a link, tags, image and plain-text title", () => {
    const doc = JSON.parse(buildFeed(input({ format: "json", selfPath: "/feed.json" })));
    expect(doc.version).toBe("https://jsonfeed.org/version/1.1");
    expect(doc.feed_url).toBe(`${BASE}/feed.json`);
    const [item] = doc.items;
    expect(item).toMatchObject({
      id: `urn:uuid:${article.id}`,
      url: `${BASE}/articles/${article.slug}`,
      title: HOSTILE,
      summary: `Dek <b>bold</b> ]]> &`,
      image: `${BASE}/media/hero-960.jpg`,
      date_published: article.publishedAt,
      authors: [{ name: author.name, url: `${BASE}/authors/${author.slug}` }],
      tags: ["Resist Hate", "Mexico <&>"],
    });
    expect(item.content_html).toContain("Why this matters");
    expect(JSON.stringify(doc)).not.toContain("@example");
  });

  it("excerpt mode carries the dek and first paragraph only, with a link to the article", () => {
    const excerpt = { ...settings, feedContent: "excerpt" as const };
    for (const format of ["rss", "atom"] as const) {
      const feed = parseFeed(buildFeed(input({ format, settings: excerpt })));
      const content = feed.items[0]?.content ?? "";
      expect(content).toContain("In a startling escalation.");
      expect(content).toContain(`href="${BASE}/articles/${article.slug}"`);
      expect(content).not.toContain("Why this matters");
    }
    const doc = JSON.parse(buildFeed(input({ format: "json", settings: excerpt })));
    expect(doc.items[0].content_html).not.toContain("Why this matters");
  });

  it("an empty feed is still well-formed", () => {
    const xml = buildFeed(input({ entries: [] }));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parseFeed(xml).items).toEqual([]);
  });

  it("CDATA splitting covers every ]]> on top of what the library splits", () => {
    expect(cdataSafe("a]]>b]]>c")).toBe("a]]>b]]]]><![CDATA[>c");
    expect(cdataSafe("plain")).toBe("plain");
    expect(absolutizeHtml('<a href="/x">/y</a><img src="//cdn/z">', BASE)).toBe(
      `<a href="${BASE}/x">/y</a><img src="//cdn/z">`,
    );
  });
});

describe("legacy HTML in feeds", () => {
  it("carries the sanitized HTML with site addresses made absolute", () => {
    const out = fullContentHtml(
      {
        ...article,
        body: [
          {
            type: "html",
            html: '<p onclick="x()">See <a href="/about">us</a><script>x()</script></p><img src="/media/a.jpg" alt="A">',
            reason: "shortcode [foo]",
          },
        ],
      },
      { media: {}, trackers: {} },
      "https://news.test",
    );
    expect(out).toBe(
      '<div class="legacy-html" data-reason="shortcode [foo]"><p>See <a href="https://news.test/about">us</a></p><img src="https://news.test/media/a.jpg" alt="A" loading="lazy" /></div>',
    );
  });
});
