import { describe, expect, it } from "vitest";
import type { Section, Tracker } from "../../src/content/index.js";
import { renderAuthorPage } from "../../src/site/pages/author.js";
import { renderHomePage } from "../../src/site/pages/home.js";
import { renderNotFoundPage } from "../../src/site/pages/not-found.js";
import { renderSectionPage } from "../../src/site/pages/section.js";
import { renderTrackerPage } from "../../src/site/pages/tracker.js";
import { article, author, avatar, ctx, section } from "./fixtures.js";

const item = { article, authors: [author], section };

describe("home page", () => {
  it("names the publication as its h1 and lists teasers with type, section, authors, date and reading time", () => {
    const html = renderHomePage({ ctx, items: [item], page: 1, totalPages: 1 });
    expect(html).toContain('<h1 class="site-title"><a href="/">Zany Progressive</a></h1>');
    expect(html).toContain("Honest, fact-based news");
    expect(html).toContain(
      '<a href="/articles/trump-signals">Trump Signals Possible U.S. Military Action</a>',
    );
    expect(html).toContain("President Trump signalled imminent land strikes.");
    expect(html).toContain(">News</span>");
    expect(html).toContain('href="/sections/resist-hate"');
    expect(html).toContain('<a href="/authors/serena-zehlius">Serena Zehlius</a>');
    expect(html).toContain("January 9, 2026");
    expect(html).toContain("1 Min Read");
    expect(html).not.toContain('rel="next"');
  });

  it("links the neighbouring pages with rel=prev and rel=next", () => {
    const html = renderHomePage({ ctx, items: [item], page: 2, totalPages: 3 });
    expect(html).toContain('<a rel="prev" href="/">');
    expect(html).toContain('<a rel="next" href="/page/3">');
    expect(html).toContain('<link rel="canonical" href="https://news.example.org/page/2"/>');
  });
});

describe("section page", () => {
  it("shows the breadcrumb of parents, the name, the description and its articles", () => {
    const child: Section = {
      id: "00000000-0000-4000-8000-0000000000aa",
      slug: "courts",
      name: "Courts",
      description: "Trials and rulings.",
      parentId: section.id,
    };
    const html = renderSectionPage({
      ctx,
      section: child,
      path: [section, child],
      items: [item],
      page: 1,
      totalPages: 2,
    });
    expect(html).toMatch(
      /<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="\/">Home<\/a><\/li><li><a href="\/sections\/resist-hate">Resist Hate<\/a><\/li><li><a href="\/sections\/courts" aria-current="page">Courts<\/a>/,
    );
    expect(html).toContain("<h1>Courts</h1>");
    expect(html).toContain("Trials and rulings.");
    expect(html).toContain('<a rel="next" href="/sections/courts/page/2">');
  });
});

describe("author page", () => {
  it("shows portrait, name, role, team, the full bio in paragraphs and their articles", () => {
    const html = renderAuthorPage({
      ctx,
      person: author,
      avatar,
      items: [item],
      page: 1,
      totalPages: 1,
    });
    expect(html).toContain('alt="Serena Zehlius member of the Zany Progressive team"');
    expect(html).toContain("<h1>Serena Zehlius</h1>");
    expect(html).toContain("Editor");
    expect(html).toContain("Member of the Zany Progressive team");
    expect(html).toContain("<p>Serena Zehlius is a passionate writer.</p><p>Her love for animals");
    expect(html).toContain("Articles by Serena Zehlius");
  });
});

describe("tracker page", () => {
  it("lists entries in order with date, summary and source link, the count and last update", () => {
    const tracker: Tracker = {
      id: "00000000-0000-4000-8000-0000000000bb",
      slug: "pardons",
      title: "Pardons",
      description: [{ text: "Every pardon." }],
      updatedAt: "2026-02-01T10:00:00.000Z",
      entries: [
        {
          id: "00000000-0000-4000-8000-0000000000c2",
          position: 2,
          title: "Second",
          summary: "",
          occurredOn: null,
          sourceName: "",
          createdAt: "2026-01-01T00:00:00.000Z",
        },
        {
          id: "00000000-0000-4000-8000-0000000000c1",
          position: 1,
          title: "Former President of Honduras",
          summary: "Was serving a 45-year sentence.",
          occurredOn: "2025-12-01",
          sourceName: "AP",
          sourceUrl: "https://apnews.com/x",
          createdAt: "2026-01-01T00:00:00.000Z",
        },
      ],
    };
    const html = renderTrackerPage({ ctx, tracker });
    expect(html).toContain("<h1>Pardons</h1>");
    expect(html).toContain("Every pardon.");
    expect(html).toContain("2 entries");
    expect(html).toContain(
      'Last updated <time datetime="2026-02-01T10:00:00.000Z">February 1, 2026</time>',
    );
    expect(html.indexOf("Former President of Honduras")).toBeLessThan(html.indexOf("Second"));
    expect(html).toContain('<time datetime="2025-12-01">December 1, 2025</time>');
    expect(html).toContain('Source: <a href="https://apnews.com/x" rel="noopener">AP</a>');
  });
});

describe("not-found page", () => {
  it("is in the site's layout and asks not to be indexed", () => {
    const html = renderNotFoundPage(ctx);
    expect(html).toContain("<h1>Page not found</h1>");
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(html).toContain("Zany Progressive");
  });
});
