import { describe, expect, it } from "vitest";
import { publicArticlePath } from "../../src/content/index.js";
import { articleOrPagePath, articlePath, pagePath } from "../../src/content/public-paths.js";
import { pageJsonLd } from "../../src/site/seo/json-ld.js";
import { sitemapLines } from "../../src/site/seo/sitemap.js";
import { article } from "./fixtures.js";

const BASE = "https://news.example.org";
const logo = { url: `${BASE}/logo.png`, width: 600, height: 60, type: "image/png", alt: "" };

describe("page paths", () => {
  it("puts a page at the root and an article under /articles, as the store's redirects do", () => {
    expect(pagePath("about")).toBe("/about");
    for (const kind of ["article", "page"] as const)
      expect(articleOrPagePath({ kind, slug: "about" })).toBe(
        publicArticlePath({ kind, slug: "about" }),
      );
    expect(articleOrPagePath({ slug: "x" })).toBe(articlePath("x"));
  });

  it("lists a page in the sitemap at its path without dating the home page", () => {
    const lines = sitemapLines({
      base: BASE,
      articles: [
        {
          kind: "page",
          slug: "about",
          sectionId: null,
          publishedAt: "2026-02-01T00:00:00.000Z",
          updatedAt: "2026-02-01T00:00:00.000Z",
        },
      ],
      sections: [],
      authors: [],
      tags: [],
      trackers: [],
    });
    expect(lines).toEqual([
      { url: `${BASE}/` },
      { url: `${BASE}/about`, lastmod: "2026-02-01T00:00:00.000Z" },
    ]);
  });

  it("describes a page with its own schema.org type, part of the site, about the publisher", () => {
    const ld = pageJsonLd({
      base: BASE,
      siteName: "The Daily",
      logo,
      article: {
        ...article,
        kind: "page",
        pageType: "ContactPage",
        slug: "contact",
        sectionId: null,
      },
      featured: undefined,
      language: "en",
    });
    expect(ld).toMatchObject({
      "@type": "ContactPage",
      "@id": `${BASE}/contact#webpage`,
      url: `${BASE}/contact`,
      isPartOf: { "@id": `${BASE}/#website` },
      about: { "@id": `${BASE}/#organization` },
      publisher: { "@type": "Organization", name: "The Daily" },
    });
  });
});
