// The head of an article or page uses its meta title, meta description and canonical URL when
// they are set, and the headline, dek and its own address when they are not.
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/index.js";
import { renderArticlePage } from "../../src/site/index.js";
import { renderPageView } from "../../src/site/pages/page.js";
import { article, articlePage, ctx, photo } from "./fixtures.js";

const withFields: Article = {
  ...article,
  featuredImageId: photo.id,
  metaTitle: "Strikes <on> cartels",
  metaDescription: 'What "land strikes" would mean.',
  canonicalUrl: "https://elsewhere.example/strikes?a=1&b=2",
  featuredImageCaption: "At the border & beyond.",
};

const jsonLd = (html: string) =>
  JSON.parse(
    html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)?.[1] ?? "null",
  );

describe("an article's search and sharing fields in the head", () => {
  it("are used when set, escaped", () => {
    const html = renderArticlePage(articlePage({ article: withFields }), ctx);
    expect(html).toContain("<title>Strikes &lt;on> cartels — Zany Progressive</title>");
    expect(html).toContain(
      '<meta name="description" content="What &quot;land strikes&quot; would mean."/>',
    );
    expect(html).toContain(
      '<link rel="canonical" href="https://elsewhere.example/strikes?a=1&amp;b=2"/>',
    );
    expect(html).toContain('<meta property="og:title" content="Strikes &lt;on> cartels"/>');
    expect(html).toContain(
      '<meta property="og:description" content="What &quot;land strikes&quot; would mean."/>',
    );
    expect(html).toContain(
      '<meta property="og:url" content="https://elsewhere.example/strikes?a=1&amp;b=2"/>',
    );
    expect(html).toMatch(/<meta name="twitter:title" content="Strikes &lt;on> cartels"\/>/);
    const ld = jsonLd(html);
    expect(ld.headline).toBe(article.headline);
    expect(ld.description).toBe('What "land strikes" would mean.');
    expect(ld.image[0].caption).toBe("At the border & beyond.");
  });

  it("fall back to the headline, the dek and the article's own address when empty", () => {
    const html = renderArticlePage(articlePage(), ctx);
    expect(html).toContain(`<title>${article.headline} — Zany Progressive</title>`);
    expect(html).toContain(`<meta name="description" content="${article.dek}"/>`);
    expect(html).toContain(
      '<link rel="canonical" href="https://news.example.org/articles/trump-signals"/>',
    );
    expect(html).toContain(`<meta property="og:title" content="${article.headline}"/>`);
    expect(html).toContain(`<meta property="og:description" content="${article.dek}"/>`);
  });

  it("are used by a page too", () => {
    const page = { ...withFields, kind: "page" as const, sectionId: null, slug: "about" };
    const html = renderPageView({ article: page, media: { [photo.id]: photo }, trackers: {} }, ctx);
    expect(html).toContain("<title>Strikes &lt;on> cartels — Zany Progressive</title>");
    expect(html).toContain(
      '<link rel="canonical" href="https://elsewhere.example/strikes?a=1&amp;b=2"/>',
    );
    expect(html).toContain('<meta property="og:title" content="Strikes &lt;on> cartels"/>');
    expect(jsonLd(html).primaryImageOfPage.caption).toBe("At the border & beyond.");
    const plain = renderPageView(
      { article: { ...article, kind: "page", slug: "about" }, media: {}, trackers: {} },
      ctx,
    );
    expect(plain).toContain('<link rel="canonical" href="https://news.example.org/about"/>');
    expect(plain).toContain(`<meta name="description" content="${article.dek}"/>`);
  });
});
