// The digest: a heading, the editor's intro, then an entry per article.
import { describe, expect, it } from "vitest";
import type { MediaItem } from "../../src/content/index.js";
import {
  type DigestItem,
  EMAIL_LINK_PLACEHOLDERS,
  renderDigestEmail,
} from "../../src/mail/render/index.js";
import { article, author, photo, section } from "../site/fixtures.js";
import { byClass, byTag, elements, newsletter, publication, textOf } from "./render-helpers.js";

const thumbnail: MediaItem = {
  ...photo,
  variants: [
    { format: "webp", width: 480, height: 320, storageKey: "palace-480.webp" },
    { format: "jpeg", width: 480, height: 320, storageKey: "palace-480.jpg" },
    { format: "jpeg", width: 960, height: 640, storageKey: "palace-960.jpg" },
  ],
};

const items: DigestItem[] = [
  { article, authors: [author], section, image: thumbnail },
  {
    article: {
      ...article,
      id: "00000000-0000-4000-8000-000000000041",
      slug: "an-opinion",
      headline: "Why <we> disagree",
      dek: "",
      metaDescription: "A description for search engines.",
      type: "opinion",
    },
    authors: [author, { ...author, id: "00000000-0000-4000-8000-000000000021", name: "Ana Ruiz" }],
    section,
  },
  {
    article: { ...article, id: "00000000-0000-4000-8000-000000000042", slug: "third" },
    authors: [author],
    section,
    summary: "The editor's own summary.",
  },
];

const email = renderDigestEmail({
  publication,
  newsletter,
  heading: "The week in review",
  intro: "Three stories you should not miss.\n\nThank you for reading.",
  items,
});

describe("renderDigestEmail", () => {
  it("opens with the heading and intro, and takes the heading as subject", () => {
    expect(email.subject).toBe("The week in review");
    expect(textOf(byTag(email.html, "h1")[0] as never)).toBe("The week in review");
    expect(textOf(byClass(email.html, "preheader")[0] as never)).toMatch(
      /^Three stories you should not miss\./,
    );
    expect(email.text).toMatch(
      /^Zany Progressive\n\nTHE WEEK IN REVIEW\n\nThree stories you should not miss\.\n\nThank you for reading\.\n\n/,
    );
  });

  it("lists each article with section and kind, linked title, summary, byline and date", () => {
    const titles = byClass(email.html, "digest-title");
    expect(titles.map(textOf)).toEqual([article.headline, "Why <we> disagree", article.headline]);
    const links = titles.map(
      (t) => byTag(email.html, "a").find((a) => a.parent === t)?.attribs.href,
    );
    expect(links).toEqual([
      "https://news.example.org/articles/trump-signals",
      "https://news.example.org/articles/an-opinion",
      "https://news.example.org/articles/third",
    ]);
    expect(byClass(email.html, "digest-summary").map(textOf)).toEqual([
      article.dek,
      "A description for search engines.",
      "The editor's own summary.",
    ]);
    expect(byClass(email.html, "digest-meta").map(textOf)).toEqual([
      "By Serena Zehlius · January 9, 2026",
      "By Serena Zehlius and Ana Ruiz · January 9, 2026",
      "By Serena Zehlius · January 9, 2026",
    ]);
    expect(byClass(email.html, "kicker").map(textOf)).toEqual([
      "Resist Hate · News",
      "Resist Hate · Opinion",
      "Resist Hate · News",
    ]);
    expect(email.html).toContain("Why &lt;we> disagree");
  });

  it("shows a thumbnail from a JPEG rendition, linked to the article, with its alt text", () => {
    const images = byTag(email.html, "img");
    expect(images).toHaveLength(1);
    expect(images[0]?.attribs).toMatchObject({
      src: "https://news.example.org/media/palace-480.jpg",
      width: "160",
      alt: "The palace",
    });
  });

  it("writes the same entries as text, each with its link", () => {
    expect(email.text).toContain(
      "Resist Hate · Opinion\nWhy <we> disagree\nA description for search engines.\nBy Serena Zehlius and Ana Ruiz · January 9, 2026\nRead it: https://news.example.org/articles/an-opinion",
    );
    expect(email.text).toContain(`Unsubscribe: ${EMAIL_LINK_PLACEHOLDERS.unsubscribe}`);
  });

  it("is email-safe: inlined styles, dark-mode meta, no script, every link to the site", () => {
    expect(elements(email.html).filter((e) => e.attribs.style).length).toBeGreaterThan(20);
    expect(
      byTag(email.html, "meta").find((m) => m.attribs.name === "color-scheme")?.attribs.content,
    ).toBe("light dark");
    expect(byTag(email.html, "script")).toEqual([]);
    for (const a of byTag(email.html, "a")) {
      const href = a.attribs.href ?? "";
      const own = (Object.values(EMAIL_LINK_PLACEHOLDERS) as string[]).includes(href);
      expect(href.startsWith("https://news.example.org/") || own, href).toBe(true);
    }
  });
});
