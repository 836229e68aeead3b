import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import type { Block, MediaItem, VideoBlock } from "../../src/content/index.js";
import { Ad } from "../../src/site/blocks/ad.js";
import { Commentary } from "../../src/site/blocks/commentary.js";
import { Divider } from "../../src/site/blocks/divider.js";
import { Heading } from "../../src/site/blocks/heading.js";
import { Image } from "../../src/site/blocks/image.js";
import { Body } from "../../src/site/blocks/index.js";
import { LegacyHtml } from "../../src/site/blocks/legacy-html.js";
import { List } from "../../src/site/blocks/list.js";
import { Paragraph } from "../../src/site/blocks/paragraph.js";
import { Quote } from "../../src/site/blocks/quote.js";
import { TrackerLink } from "../../src/site/blocks/tracker.js";
import { Video } from "../../src/site/blocks/video.js";
import { photo, tracker } from "./fixtures.js";

const html = (node: VNode) => renderToString(node);

describe("paragraph", () => {
  it("renders bold, italic and links as <strong>, <em> and <a>", () => {
    const out = html(
      <Paragraph
        block={{
          type: "paragraph",
          content: [
            { text: "Speaking on " },
            { text: "Fox News", italic: true },
            { text: " about " },
            { text: "land", bold: true },
            { text: " (", bold: false },
            { text: "source", href: "https://example.org/a?b=1&c=2" },
            { text: ", " },
            { text: "section", href: "/sections/resist-hate" },
            { text: ")" },
          ],
        }}
      />,
    );
    expect(out).toBe(
      '<p>Speaking on <em>Fox News</em> about <strong>land</strong> (<a href="https://example.org/a?b=1&amp;c=2" rel="noopener">source</a>, <a href="/sections/resist-hate">section</a>)</p>',
    );
  });

  it("escapes markup in text and drops a hostile link target, keeping the words", () => {
    const out = html(
      <Paragraph
        block={{
          type: "paragraph",
          content: [
            { text: "<script>alert(1)</script>" },
            { text: "click me", href: "javascript:alert(1)" },
            { text: "x", href: 'https://e.org/"><img src=x onerror=alert(1)>' },
          ],
        }}
      />,
    );
    expect(out).not.toContain("<script>");
    expect(out).toContain("&lt;script>alert(1)&lt;/script>");
    expect(out).not.toContain("javascript:");
    expect(out).toContain("click me");
    expect(out).not.toContain("<img");
    expect(out).toContain('href="https://e.org/&quot;>&lt;img src=x onerror=alert(1)>"');
  });
});

describe("heading", () => {
  it("uses the block's level, never h1", () => {
    expect(
      html(<Heading block={{ type: "heading", level: 3, content: [{ text: "Why" }] }} />),
    ).toBe("<h3>Why</h3>");
  });
});

describe("quote", () => {
  it("is a figure with the words in a blockquote and '— Speaker, <cite>setting</cite>'", () => {
    const out = html(
      <Quote
        block={{
          type: "quote",
          content: [{ text: "The cartels are running Mexico." }],
          speaker: "Donald Trump",
          setting: "Fox News, Hannity",
        }}
      />,
    );
    expect(out).toMatch(
      /^<figure class="quote"><blockquote><p[^>]*>The cartels are running Mexico\.<\/p><\/blockquote>/,
    );
    expect(out).toContain(
      "<figcaption>— Donald Trump, <cite>Fox News, Hannity</cite></figcaption>",
    );
  });

  it("without a setting names only the speaker", () => {
    const out = html(
      <Quote block={{ type: "quote", content: [{ text: "No." }], speaker: "Claudia Sheinbaum" }} />,
    );
    expect(out).toContain("<figcaption>— Claudia Sheinbaum</figcaption>");
  });
});

describe("list", () => {
  it("renders an unordered list as <ul> and an ordered one as <ol>", () => {
    const items = [[{ text: "one" }], [{ text: "two", bold: true }]];
    expect(html(<List block={{ type: "list", ordered: false, items }} />)).toBe(
      "<ul><li>one</li><li><strong>two</strong></li></ul>",
    );
    expect(html(<List block={{ type: "list", ordered: true, items }} />)).toMatch(/^<ol><li>one/);
  });
});

describe("image", () => {
  const block = {
    type: "image" as const,
    mediaId: photo.id,
    alt: "National palace in mexico",
    caption: [{ text: "Balcony of the palace" }],
  };

  it("reserves its size, loads lazily and credits creator, linked source and linked license", () => {
    const out = html(<Image block={block} media={photo} />);
    expect(out).toContain(
      '<img src="/media/palace.jpg" alt="National palace in mexico" width="1200" height="800" loading="lazy" decoding="async"/>',
    );
    expect(out).toContain("Balcony of the palace");
    expect(out).toContain(
      'Photo: Eric Menjívar / <a href="https://www.flickr.com/photos/example/1" rel="noopener">Flickr</a>, <a href="https://creativecommons.org/licenses/by-sa/2.0/" rel="license noopener">CC BY-SA 2.0</a>',
    );
  });

  it("with all rights reserved names the license without a deed link", () => {
    const media: MediaItem = {
      ...photo,
      credit: { creator: "Ann Lee", sourceName: "Reuters", license: "all-rights-reserved" },
    };
    const out = html(<Image block={block} media={media} />);
    expect(out).toContain(
      '<span class="credit">Photo: Ann Lee / Reuters, All rights reserved</span>',
    );
    expect(out).not.toContain('rel="license');
  });

  it("leaves out missing credit parts and their separators", () => {
    const noCreator: MediaItem = {
      ...photo,
      credit: { creator: "", sourceName: "Flickr", license: "cc-by-2.0" },
    };
    expect(html(<Image block={block} media={noCreator} />)).toMatch(
      /Photo: Flickr, <a href="https:\/\/creativecommons.org\/licenses\/by\/2.0\/" rel="license noopener">CC BY 2.0<\/a>/,
    );
    const nothing: MediaItem = {
      ...photo,
      credit: { creator: "", sourceName: "", license: "cc0-1.0" },
    };
    expect(html(<Image block={block} media={nothing} />)).toMatch(
      /<span class="credit">Photo: <a [^>]*rel="license noopener">CC0 1.0<\/a><\/span>/,
    );
  });

  it("renders nothing when its media item is missing", () => {
    expect(html(<Image block={block} media={undefined} />)).toBe("");
  });
});

describe("video", () => {
  const base: VideoBlock = {
    type: "video",
    provider: "youtube",
    title: "Full remarks | 6c1n",
    caption: [{ text: "Sheinbaum’s full remarks" }],
    source: { name: "DRM News YouTube channel" },
  };

  it("with a YouTube id shows a play button and loads nothing from YouTube before the click", () => {
    const out = html(<Video block={{ ...base, videoId: "abc_DEF-123" }} />);
    expect(out).toMatch(
      /<button type="button" class="video-play"[^>]*aria-label="Play video: Full remarks \| 6c1n"/,
    );
    expect(out).not.toContain("<iframe");
    expect(out).not.toMatch(/<img[^>]*(youtube|ytimg)/);
    expect(out).not.toContain("ytimg.com");
    // The player address is data for the script, used only after the click.
    expect(out).toContain(
      'data-embed-src="https://www.youtube-nocookie.com/embed/abc_DEF-123?autoplay=1"',
    );
    const hosts = [...out.matchAll(/https:\/\/([^/"]+)/g)].map((m) => m[1]);
    expect(new Set(hosts)).toEqual(new Set(["www.youtube-nocookie.com", "www.youtube.com"]));
    // The plain link for readers without the script.
    expect(out).toContain('<a href="https://www.youtube.com/watch?v=abc_DEF-123" rel="noopener">');
    expect(out).toContain("Source: DRM News YouTube channel");
    expect(out).toContain("Sheinbaum’s full remarks");
  });

  it("with a Vimeo id plays from player.vimeo.com", () => {
    const out = html(<Video block={{ ...base, provider: "vimeo", videoId: "76979871" }} />);
    expect(out).toContain(
      'data-embed-src="https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1"',
    );
  });

  it("without an address shows title, caption and source, says it is not embedded, and has no button", () => {
    const out = html(<Video block={base} />);
    expect(out).not.toContain("<button");
    expect(out).not.toContain("<iframe");
    expect(out).not.toMatch(/https?:\/\//);
    expect(out).toContain("Full remarks | 6c1n");
    expect(out).toContain("Sheinbaum’s full remarks");
    expect(out).toContain("Source: DRM News YouTube channel");
    expect(out).toContain("not embedded");
  });

  it("links a credited source when it has an address", () => {
    const out = html(
      <Video
        block={{ ...base, source: { name: "DRM News", url: "https://www.youtube.com/@drm" } }}
      />,
    );
    expect(out).toContain(
      'Source: <a href="https://www.youtube.com/@drm" rel="noopener">DRM News</a>',
    );
  });
});

describe("commentary", () => {
  it("is a labelled note marked as opinion, with a visible label", () => {
    const out = html(
      <Commentary block={{ type: "commentary", paragraphs: [[{ text: "My own view." }]] }} />,
    );
    expect(out).toMatch(
      /^<aside class="commentary" role="note" aria-label="Commentary — the author’s opinion" data-content-kind="opinion">/,
    );
    expect(out).toContain('<p class="commentary-label">Commentary — the author’s opinion</p>');
    expect(out).toContain("<p>My own view.</p>");
  });

  it("uses the editor's label when given", () => {
    const out = html(
      <Commentary
        block={{ type: "commentary", label: "Editor’s note", paragraphs: [[{ text: "x" }]] }}
      />,
    );
    expect(out).toContain('aria-label="Editor’s note"');
    expect(out).toContain(">Editor’s note</p>");
  });
});

describe("tracker link", () => {
  const block = {
    type: "tracker" as const,
    trackerId: tracker.id,
    intro: [{ text: "We have a growing list." }],
  };

  it("shows the intro and a card linking to the tracker page with its entry count", () => {
    const out = html(<TrackerLink block={block} tracker={tracker} />);
    expect(out).toContain("<p>We have a growing list.</p>");
    expect(out).toContain('<a class="tracker-card" href="/trackers/pardons">');
    expect(out).toContain("List of Criminals Pardoned by Trump so Far This Term");
    expect(out).toContain("12 entries");
    expect(html(<TrackerLink block={block} tracker={{ ...tracker, entryCount: 1 }} />)).toContain(
      "1 entry<",
    );
  });

  it("keeps the intro when the tracker is gone", () => {
    expect(html(<TrackerLink block={block} tracker={undefined} />)).toBe(
      "<p>We have a growing list.</p>",
    );
  });
});

describe("ad", () => {
  it("is labelled as advertising and reserves the slot's size", () => {
    const out = html(<Ad block={{ type: "ad", slot: "in-article", width: 300, height: 250 }} />);
    expect(out).toMatch(/^<aside class="ad" aria-label="Advertisement" data-ad-slot="in-article">/);
    expect(out).toContain('<p class="ad-label">Advertisement</p>');
    expect(out).toContain('<canvas class="ad-size" width="300" height="250">');
    // The page's Content-Security-Policy allows no inline style.
    expect(out).not.toContain("style=");
  });

  it("numbers further slots so each landmark has its own name", () => {
    const ad: Block = { type: "ad", slot: "a", width: 300, height: 250 };
    const out = html(<Body blocks={[ad, ad]} refs={{ media: {}, trackers: {} }} />);
    expect(out).toContain('aria-label="Advertisement"');
    expect(out).toContain('aria-label="Advertisement 2"');
  });
});

describe("divider", () => {
  it("is a thematic break", () => {
    expect(html(<Divider />)).toBe("<hr/>");
  });
});

describe("legacy html", () => {
  it("renders the imported HTML inside a marked box with its reason", () => {
    const out = html(
      <LegacyHtml
        block={{
          type: "html",
          html: '<table><tr><td colspan="2">Fish &amp; chips</td></tr></table>',
          reason: "wp:table",
        }}
      />,
    );
    expect(out).toBe(
      '<div class="legacy-html" data-reason="wp:table"><table><tr><td colspan="2">Fish &amp; chips</td></tr></table></div>',
    );
  });

  it("sanitizes stored HTML again: hostile markup written through the API does not survive", () => {
    const out = html(
      <LegacyHtml
        block={{
          type: "html",
          html: '<p onclick="alert(1)" style="x">Hi</p><script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">go</a><iframe src="https://evil.example"></iframe>',
          reason: '"><script>alert(1)</script>',
        }}
      />,
    );
    expect(out).toBe(
      '<div class="legacy-html" data-reason="&quot;>&lt;script>alert(1)&lt;/script>"><p>Hi</p><img src="x" alt="" loading="lazy" />go</div>',
    );
  });

  it("shows an image on another site as a link to it, so the page loads nothing from there", () => {
    const out = html(
      <LegacyHtml
        block={{
          type: "html",
          html: '<img src="https://old.example/wp-content/uploads/a.jpg" alt="Map"><img src="/media/b.jpg" alt="Ours">',
          reason: "wp:gallery",
        }}
      />,
    );
    expect(out).toContain(
      '<a href="https://old.example/wp-content/uploads/a.jpg" rel="noopener nofollow ugc">Image: Map</a>',
    );
    expect(out).toContain('<img src="/media/b.jpg" alt="Ours" loading="lazy" />');
  });

  it("renders nothing when nothing safe is left", () => {
    const body = html(
      <Body
        blocks={[{ type: "html", html: "<script>alert(1)</script>", reason: "script" }]}
        refs={{ media: {}, trackers: {} }}
      />,
    );
    expect(body).toBe("");
  });
});
