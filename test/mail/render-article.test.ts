// The article newsletter, rendered from hand-built content holding every block type: what each
// block keeps of its meaning, the email-safe markup, the plain-text part and the footer links.
import { describe, expect, it } from "vitest";
import type { Block, MediaItem } from "../../src/content/index.js";
import {
  EMAIL_LINK_PLACEHOLDERS,
  type EmailArticle,
  personalize,
  renderArticleEmail,
} from "../../src/mail/render/index.js";
import { article, articlePage, photo, tracker } from "../site/fixtures.js";
import {
  byClass,
  byTag,
  contains,
  elements,
  newsletter,
  publication,
  textOf,
} from "./render-helpers.js";

const second: MediaItem = {
  ...photo,
  id: "00000000-0000-4000-8000-000000000012",
  storageKey: "harbour.jpg",
  width: 2400,
  height: 1600,
  alt: "The harbour",
  credit: { creator: "Ana Lens", sourceName: "", license: "cc-by-4.0" },
  variants: [
    { format: "avif", width: 1600, height: 1067, storageKey: "harbour-1600.avif" },
    { format: "jpeg", width: 480, height: 320, storageKey: "harbour-480.jpg" },
    { format: "jpeg", width: 1200, height: 800, storageKey: "harbour-1200.jpg" },
    { format: "jpeg", width: 2400, height: 1600, storageKey: "harbour-2400.jpg" },
  ],
};
const sound: MediaItem = {
  ...photo,
  id: "00000000-0000-4000-8000-000000000013",
  storageKey: "interview.mp3",
  mimeType: "audio/mpeg",
  width: 0,
  height: 0,
  alt: "",
  credit: { creator: "Radio Norte", sourceName: "", license: "all-rights-reserved" },
};
const film: MediaItem = {
  ...sound,
  id: "00000000-0000-4000-8000-000000000014",
  storageKey: "clip.mp4",
  mimeType: "video/mp4",
};
const pdf: MediaItem = {
  ...sound,
  id: "00000000-0000-4000-8000-000000000015",
  storageKey: "ruling.pdf",
  mimeType: "application/pdf",
};

const extraBlocks: Block[] = [
  {
    type: "paragraph",
    content: [
      { text: "See " },
      { text: "the ruling", href: "/articles/the-ruling" },
      { text: " and " },
      { text: "<b>not bold</b>", bold: true },
      { text: " or ", italic: true },
      { text: "bad link", href: "javascript:alert(1)" },
    ],
  },
  {
    type: "commentary",
    label: "Analysis",
    paragraphs: [[{ text: "A labelled opinion." }]],
  },
  {
    type: "table",
    caption: "Homicides by year",
    headerRow: true,
    rows: [
      [[{ text: "Year" }], [{ text: "Cases" }]],
      [[{ text: "2024" }], [{ text: "100" }]],
      [[{ text: "2025" }], [{ text: "60" }]],
    ],
  },
  {
    type: "gallery",
    images: [
      { mediaId: photo.id, alt: "Palace at dawn", caption: [{ text: "First light" }] },
      { mediaId: second.id, alt: "Harbour at noon" },
    ],
    caption: [{ text: "Two views of the city" }],
  },
  { type: "pullquote", content: [{ text: "Sovereignty is not negotiable." }] },
  { type: "code", language: "JS", code: 'if (a < b) { alert("<script>"); }\n  done();' },
  { type: "audio", mediaId: sound.id, title: "The interview", transcript: "Q. A." },
  { type: "video-file", mediaId: film.id, title: "Street scene" },
  { type: "document", mediaId: pdf.id, title: "The court's ruling" },
  {
    type: "html",
    html: '<p>Old <a href="/about">about</a> <img src="/media/old.png" width="900" height="600" alt="old"> <img src="https://elsewhere.example/x.png" alt="remote"></p><script>alert(1)</script><iframe src="https://evil.example"></iframe>',
    reason: "wp:table",
  },
];

const everyBlock = [...article.body, ...extraBlocks];

const content: EmailArticle = {
  ...articlePage({
    media: {
      [photo.id]: photo,
      [second.id]: second,
      [sound.id]: sound,
      [film.id]: film,
      [pdf.id]: pdf,
    },
    corrections: [
      {
        id: "00000000-0000-4000-8000-000000000070",
        kind: "correction",
        note: "An earlier version misnamed the minister.",
        createdAt: "2026-01-10T09:30:00.000Z",
      },
    ],
  }),
  article: { ...article, body: everyBlock },
};

const email = renderArticleEmail({ publication, newsletter, content });
const pageUrl = "https://news.example.org/articles/trump-signals";

describe("renderArticleEmail: what each block keeps", () => {
  it("keeps a quotation's speaker and setting with its words", () => {
    const [quote] = byClass(email.html, "quote");
    expect(quote).toBeDefined();
    const words = byTag(email.html, "blockquote")[0];
    expect(words && contains(quote as never, words)).toBe(true);
    expect(textOf(quote as never)).toContain("The cartels are running Mexico.");
    expect(textOf(byClass(email.html, "quote-speaker")[0] as never)).toBe(
      "— Donald Trump, Fox News, Hannity",
    );
    expect(email.text).toContain(
      "> “The cartels are running Mexico.”\n> — Donald Trump, Fox News, Hannity",
    );
  });

  it("labels the commentary box as the page does: the default label, or the editor's", () => {
    const labels = byClass(email.html, "commentary-label").map(textOf);
    expect(labels).toEqual(["Commentary — the author’s opinion", "Analysis"]);
    const [box] = byClass(email.html, "commentary");
    expect(textOf(box as never)).toContain("I have to insert my own commentary here.");
    expect(email.text).toContain(
      "| COMMENTARY — THE AUTHOR’S OPINION\n|\n| I have to insert my own commentary here.",
    );
    expect(email.text).toContain("| ANALYSIS\n|\n| A labelled opinion.");
  });

  it("gives every picture its caption and credit, linked to the source and the license deed", () => {
    const captions = byClass(email.html, "caption").map(textOf);
    expect(captions).toContain("Balcony Photo: Eric Menjívar / Flickr, CC BY-SA 2.0");
    expect(captions).toContain("First light Photo: Eric Menjívar / Flickr, CC BY-SA 2.0");
    expect(captions).toContain("Photo: Ana Lens, CC BY 4.0");
    expect(captions).toContain("Two views of the city");
    const hrefs = byTag(email.html, "a").map((a) => a.attribs.href);
    expect(hrefs).toContain("https://www.flickr.com/photos/example/1");
    expect(hrefs).toContain("https://creativecommons.org/licenses/by-sa/2.0/");
    expect(email.text).toContain(
      "[Image: National palace]\nBalcony Photo: Eric Menjívar / Flickr\n(https://www.flickr.com/photos/example/1), CC BY-SA 2.0\n(https://creativecommons.org/licenses/by-sa/2.0/)",
    );
  });

  it("shows images from the site's own JPEG renditions at most 600 wide, with their alt text", () => {
    const images = byTag(email.html, "img");
    expect(images.map((i) => i.attribs.alt)).toEqual([
      "National palace",
      "Palace at dawn",
      "Harbour at noon",
      "old",
    ]);
    for (const img of images) {
      expect(img.attribs.src).toMatch(/^https:\/\/news\.example\.org\/media\//);
      expect(Number(img.attribs.width)).toBeLessThanOrEqual(600);
    }
    // Twice the column for sharp screens, in a format every client shows (not the AVIF).
    expect(images[2]?.attribs.src).toBe("https://news.example.org/media/harbour-1200.jpg");
    expect(images[2]?.attribs.height).toBe(String(Math.round((552 * 1600) / 2400)));
  });

  it("makes a video a poster linking to the article page, with no frame and nothing from the host", () => {
    const posters = byClass(email.html, "video-poster");
    expect(posters).toHaveLength(2);
    const link = byTag(email.html, "a", "video-poster-link")[0];
    expect(link?.attribs.href).toBe(pageUrl);
    expect(textOf(link as never)).toContain("Full remarks");
    expect(textOf(link as never)).toContain("Watch the video on Zany Progressive");
    expect(byTag(email.html, "iframe")).toEqual([]);
    expect(byTag(email.html, "video")).toEqual([]);
    expect(email.html).not.toMatch(/youtube\.com|youtube-nocookie|vimeo\.com|ytimg/i);
    expect(textOf(byClass(email.html, "video")[0] as never)).toContain(
      "Sheinbaum’s full remarks Source: DRM News YouTube channel",
    );
    expect(email.text).toContain(
      `[Video: Full remarks] Watch the video on Zany Progressive:\n${pageUrl}`,
    );
  });

  it("renders a table as a real table: caption, header cells with scope, body rows", () => {
    const [table] = byTag(email.html, "table", "data-table");
    expect(table).toBeDefined();
    expect(textOf(byTag(email.html, "caption")[0] as never)).toBe("Homicides by year");
    const headers = byTag(email.html, "th");
    expect(headers.map(textOf)).toEqual(["Year", "Cases"]);
    expect(headers.every((th) => th.attribs.scope === "col")).toBe(true);
    expect(
      headers.every(
        (th) =>
          th.parent?.parent?.type === "tag" &&
          (th.parent.parent as never as { name: string }).name === "thead",
      ),
    ).toBe(true);
    expect(
      byTag(email.html, "td")
        .filter((td) => contains(table as never, td))
        .map(textOf),
    ).toEqual(["2024", "100", "2025", "60"]);
    expect(email.text).toContain(
      "Table: Homicides by year\nYear | Cases\n------------\n2024 | 100\n2025 | 60",
    );
  });

  it("links trackers, documents and sound files to the site", () => {
    const titles = byClass(email.html, "panel-title").map((p) => ({
      text: textOf(p),
      href: byTag(email.html, "a").find((a) => contains(p, a))?.attribs.href,
    }));
    expect(titles).toEqual([
      {
        text: tracker.title,
        href: "https://news.example.org/trackers/pardons",
      },
      { text: "The interview", href: pageUrl },
      { text: "The court's ruling (PDF)", href: "https://news.example.org/media/ruling.pdf" },
    ]);
    expect(email.text).toContain(
      `Tracker: ${tracker.title}, 12 entries\n(https://news.example.org/trackers/pardons)`,
    );
  });

  it("leaves ad slots out and keeps code exactly, escaped", () => {
    expect(email.html).not.toMatch(/advert/i);
    const [code] = byTag(email.html, "code");
    expect(textOf(code as never)).toBe('if (a < b) { alert("<script>"); } done();');
    expect(email.html).toContain("&lt;script>");
    expect(email.text).toContain('JS:\n    if (a < b) { alert("<script>"); }\n      done();');
  });

  it("escapes text, makes site links absolute and drops links the site would not render", () => {
    const hrefs = byTag(email.html, "a").map((a) => a.attribs.href);
    expect(hrefs).toContain("https://news.example.org/articles/the-ruling");
    expect(hrefs.some((h) => h?.startsWith("javascript:"))).toBe(false);
    expect(byTag(email.html, "b")).toEqual([]);
    expect(textOf(byTag(email.html, "strong")[0] as never)).toBe("<b>not bold</b>");
    expect(email.text).toContain(
      "See the ruling (https://news.example.org/articles/the-ruling) and <b>not\nbold</b> or bad link",
    );
  });

  it("sanitizes legacy HTML: no script or frame, remote images as links, site paths absolute", () => {
    const [legacy] = byClass(email.html, "legacy-html");
    expect(legacy).toBeDefined();
    const inside = elements(email.html).filter((e) => contains(legacy as never, e));
    expect(inside.map((e) => e.name)).not.toContain("script");
    expect(inside.find((e) => e.name === "img")?.attribs).toMatchObject({
      src: "https://news.example.org/media/old.png",
      width: "552",
    });
    expect(inside.find((e) => e.name === "img")?.attribs.height).toBeUndefined();
    const links = inside.filter((e) => e.name === "a").map((a) => a.attribs.href);
    expect(links).toEqual(["https://news.example.org/about", "https://elsewhere.example/x.png"]);
  });

  it("lists the corrections at the end, as the page does", () => {
    const [notes] = byClass(email.html, "corrections");
    expect(textOf(notes as never)).toBe(
      "Corrections and updates Correction (January 10, 2026 at 9:30 AM UTC): An earlier version misnamed the minister.",
    );
    expect(email.text).toContain(
      "Corrections and updates\n- Correction (January 10, 2026 at 9:30 AM UTC): An earlier version misnamed\n  the minister.",
    );
  });

  it("heads the message with section, kind of piece, headline, dek, byline and date", () => {
    expect(textOf(byClass(email.html, "kicker")[0] as never)).toBe("Resist Hate · News");
    expect(textOf(byTag(email.html, "h1")[0] as never)).toBe(article.headline);
    expect(textOf(byClass(email.html, "meta")[0] as never)).toBe(
      "By Serena Zehlius · January 9, 2026",
    );
    expect(email.text).toMatch(
      /^Zany Progressive\n\nResist Hate · News\n\nTRUMP SIGNALS POSSIBLE U\.S\. MILITARY ACTION\n\nPresident Trump signalled imminent land strikes\.\n\nBy Serena Zehlius · January 9, 2026\n\n/,
    );
  });
});

describe("renderArticleEmail: email-safe markup", () => {
  it("is one 600px centred column of tables, with no script, frame, form or external stylesheet", () => {
    expect(email.html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
    expect(email.html.trimEnd().endsWith("</html>")).toBe(true);
    const [container] = byTag(email.html, "table", "container");
    expect(container?.attribs.width).toBe("600");
    expect(container?.parent?.type).toBe("tag");
    for (const tag of [
      "script",
      "iframe",
      "object",
      "embed",
      "form",
      "link",
      "video",
      "audio",
      "picture",
      "source",
    ])
      expect(byTag(email.html, tag), tag).toEqual([]);
    expect(email.html).not.toMatch(/\son[a-z]+=/i);
  });

  it("inlines the stylesheet into style attributes and keeps only media queries in <style>", () => {
    const styled = elements(email.html).filter((e) => e.attribs.style);
    expect(styled.length).toBeGreaterThan(50);
    expect(byTag(email.html, "td", "commentary-cell")[0]?.attribs.style).toContain("padding: 16px");
    expect(byTag(email.html, "p", "commentary-label")[0]?.attribs.style).toContain(
      "text-transform: uppercase",
    );
    const styles = byTag(email.html, "style").map(textOf).join("\n");
    expect(styles).toContain("@media (prefers-color-scheme: dark)");
    expect(styles.replace(/@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, "").trim()).toBe("");
  });

  it("declares light and dark colour schemes", () => {
    const metas = byTag(email.html, "meta");
    expect(metas.find((m) => m.attribs.name === "color-scheme")?.attribs.content).toBe(
      "light dark",
    );
    expect(metas.find((m) => m.attribs.name === "supported-color-schemes")?.attribs.content).toBe(
      "light dark",
    );
  });

  it("opens with a hidden preheader: the dek, unless given", () => {
    const [pre] = byClass(email.html, "preheader");
    expect(pre?.attribs.style).toContain("display: none");
    expect(textOf(pre as never)).toMatch(/^President Trump signalled imminent land strikes\./);
    const custom = renderArticleEmail({ publication, newsletter, content, preheader: "Read this" });
    expect(textOf(byClass(custom.html, "preheader")[0] as never)).toMatch(/^Read this/);
  });

  it("takes the headline as subject, on one line whatever it is given", () => {
    expect(email.subject).toBe(article.headline);
    const injected = renderArticleEmail({
      publication,
      newsletter,
      content,
      subject: "Hello\r\nBcc: victim@example.org\n",
    });
    expect(injected.subject).toBe("Hello Bcc: victim@example.org");
    expect(injected.subject).not.toMatch(/[\r\n]/);
  });

  it("tracks nobody: no pixel, and every link goes to the site or to the content's own targets", () => {
    const own = new Set([
      "https://www.flickr.com/photos/example/1",
      "https://creativecommons.org/licenses/by-sa/2.0/",
      "https://creativecommons.org/licenses/by/4.0/",
      "https://elsewhere.example/x.png",
      ...Object.values(EMAIL_LINK_PLACEHOLDERS),
    ]);
    for (const img of byTag(email.html, "img")) {
      expect(img.attribs.width).not.toBe("1");
      expect(img.attribs.height).not.toBe("1");
      expect(img.attribs.src?.startsWith("https://news.example.org/")).toBe(true);
    }
    for (const a of byTag(email.html, "a")) {
      const href = a.attribs.href ?? "";
      expect(href.startsWith("https://news.example.org/") || own.has(href), href).toBe(true);
    }
  });
});

describe("footer and personalize", () => {
  it("says why the reader gets this and links to the web version, preferences and unsubscribe", () => {
    const [footer] = byClass(email.html, "footer");
    expect(textOf(footer as never)).toContain(
      "You subscribed to The Daily Brief of Zany Progressive.",
    );
    const links = byTag(email.html, "a")
      .filter((a) => contains(footer as never, a))
      .map((a) => [textOf(a), a.attribs.href]);
    expect(links).toEqual([
      ["Zany Progressive", "https://news.example.org/"],
      ["View in your browser", EMAIL_LINK_PLACEHOLDERS.webVersion],
      ["Your preferences", EMAIL_LINK_PLACEHOLDERS.preferences],
      ["Unsubscribe", EMAIL_LINK_PLACEHOLDERS.unsubscribe],
    ]);
    expect(email.text).toContain(`Unsubscribe: ${EMAIL_LINK_PLACEHOLDERS.unsubscribe}`);
    expect(email.text).toContain(`View in your browser: ${EMAIL_LINK_PLACEHOLDERS.webVersion}`);
  });

  it("fills in one recipient's links, escaped in HTML and as given in text", () => {
    const links = {
      unsubscribe: 'https://news.example.org/newsletter/unsubscribe?t=a&b="c"&d=$&',
      preferences: "https://news.example.org/newsletter/preferences?t=x",
      webVersion: "https://news.example.org/newsletter/editions/42",
    };
    const personal = personalize(email, links);
    for (const placeholder of Object.values(EMAIL_LINK_PLACEHOLDERS)) {
      expect(personal.html).not.toContain(placeholder);
      expect(personal.text).not.toContain(placeholder);
    }
    const hrefs = byTag(personal.html, "a").map((a) => a.attribs.href);
    expect(hrefs).toContain(links.unsubscribe);
    expect(personal.html).toContain("t=a&amp;b=&quot;c&quot;&amp;d=$&amp;");
    expect(personal.text).toContain(`Unsubscribe: ${links.unsubscribe}`);
    expect(personal.subject).toBe(email.subject);
  });

  it("keeps the placeholders whole through rendering, escaping and inlining", () => {
    for (const placeholder of Object.values(EMAIL_LINK_PLACEHOLDERS)) {
      expect(email.html.split(placeholder)).toHaveLength(2);
      expect(email.text.split(placeholder)).toHaveLength(2);
    }
  });
});

describe("plain-text part", () => {
  it("writes a line per list item and wraps prose at 78 columns, never breaking a URL", () => {
    expect(email.text).toContain("\n- one\n- two\n");
    for (const line of email.text.split("\n"))
      if (!/https?:\/\/|%%/.test(line) && !line.startsWith("    "))
        expect(line.length, line).toBeLessThanOrEqual(78);
    expect(email.text).toContain(`Read it on Zany Progressive: ${pageUrl}`);
    expect(email.text).not.toMatch(/<(p|a|div|table|img)\b/);
  });
});
