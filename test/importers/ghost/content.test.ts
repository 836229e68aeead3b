import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BlockSchema, InlineSchema } from "../../../src/content/index.js";
import {
  type ConvertedContent,
  convertGhostContent,
  type GhostContent,
  ghostHref,
  type ImageRef,
  originalGhostImageUrl,
} from "../../../src/importers/ghost/content.js";

/** Converts and checks every block: Blocks pass BlockSchema, image refs are well formed. */
function convert(content: GhostContent): ConvertedContent {
  const result = convertGhostContent(content);
  const checkImage = (block: ImageRef) => {
    expect(typeof block.src).toBe("string");
    expect(block.src).not.toBe("");
    expect(block.src).not.toMatch(/\/size\/w\d/);
    if (block.caption) expect(InlineSchema.min(1).safeParse(block.caption).success).toBe(true);
  };
  for (const block of result.blocks) {
    if (block.type === "image-ref") {
      checkImage(block);
      continue;
    }
    if (block.type === "gallery-ref") {
      expect(block.images.length).toBeGreaterThan(0);
      block.images.forEach(checkImage);
      if (block.caption) expect(InlineSchema.min(1).safeParse(block.caption).success).toBe(true);
      continue;
    }
    const parsed = BlockSchema.safeParse(block);
    expect(parsed.success, `${JSON.stringify(block)}: ${parsed.error?.message}`).toBe(true);
  }
  return result;
}

// --- Lexical fixtures, shaped as Ghost's editor (Koenig) exports them -------------------------

type Node = Record<string, unknown>;
const text = (value: string, format = 0): Node => ({
  detail: 0,
  format,
  mode: "normal",
  style: "",
  text: value,
  type: "extended-text",
  version: 1,
});
const element = (type: string, children: Node[], extra: Node = {}): Node => ({
  children,
  direction: "ltr",
  format: "",
  indent: 0,
  type,
  version: 1,
  ...extra,
});
const para = (...children: Node[]) => element("paragraph", children);
const br: Node = { type: "linebreak", version: 1 };
const link = (url: string, ...children: Node[]) =>
  element("link", children, { rel: null, target: null, title: null, url });
const lexical = (...children: Node[]): GhostContent => ({
  lexical: JSON.stringify({ root: element("root", children) }),
});
const lexicalBlocks = (...children: Node[]) => convert(lexical(...children)).blocks;

// --- mobiledoc fixtures, shaped as Ghost 1–4 stores them --------------------------------------

interface Mobiledoc {
  version?: unknown;
  atoms?: unknown[];
  cards?: unknown[];
  markups?: unknown[];
  sections: unknown[];
}
const mobiledoc = (doc: Mobiledoc): GhostContent => ({
  mobiledoc: JSON.stringify({ version: "0.3.1", atoms: [], cards: [], markups: [], ...doc }),
});

/**
 * One card converted from both formats, which must agree: the Lexical node carries the
 * payload's fields itself, the mobiledoc card section names the card and holds its payload.
 */
function card(lexicalType: string, mobiledocName: string, payload: Node): ConvertedContent {
  const fromLexical = convert(lexical({ type: lexicalType, version: 1, ...payload }));
  const fromMobiledoc = convert(
    mobiledoc({ cards: [[mobiledocName, payload]], sections: [[10, 0]] }),
  );
  expect(fromMobiledoc).toEqual(fromLexical);
  return fromLexical;
}
const marker = (value: string, opens: number[] = [], closes = 0) => [0, opens, closes, value];

const p = (value: string) => ({ type: "paragraph", content: [{ text: value }] });

describe("Lexical text", () => {
  it("reads paragraphs, the bold and italic bits, and keeps other marks' text", () => {
    const { blocks, notes } = convert(
      lexical(
        para(
          text("Plain "),
          text("bold", 1),
          text(" "),
          text("italic", 2),
          text(" "),
          text("both", 3),
          text(" "),
          text("struck", 4),
          text(" "),
          text("under", 8),
          text(" "),
          text("code", 16),
          text(" H"),
          text("2", 32),
          text("O x"),
          text("2", 64),
        ),
      ),
    );
    expect(blocks).toEqual([
      {
        type: "paragraph",
        content: [
          { text: "Plain " },
          { text: "bold", bold: true },
          { text: " " },
          { text: "italic", italic: true },
          { text: " " },
          { text: "both", bold: true, italic: true },
          { text: " struck under code H2O x2" },
        ],
      },
    ]);
    expect(notes).toContain("struck-through text kept without its strike-through");
    expect(notes).toContain("superscript and subscript text kept as plain text");
  });

  it("keeps links: the site's own made site-relative, refused ones as text (noted)", () => {
    const { blocks, notes } = convert(
      lexical(
        para(
          link("https://example.org/a?b=1", text("out")),
          text(" "),
          link("__GHOST_URL__/about/", text("about", 1)),
          text(" "),
          link("javascript:alert(1)", text("bad")),
          text(" "),
          element("autolink", [text("https://ex.org")], { url: "https://ex.org" }),
        ),
      ),
    );
    expect(blocks).toEqual([
      {
        type: "paragraph",
        content: [
          { text: "out", href: "https://example.org/a?b=1" },
          { text: " " },
          { text: "about", bold: true, href: "/about/" },
          { text: " bad " },
          { text: "https://ex.org", href: "https://ex.org" },
        ],
      },
    ]);
    expect(notes).toContain('link to "javascript:alert(1)" dropped, its text kept');
  });

  it("reads one line break as a space and two as a paragraph break", () => {
    expect(lexicalBlocks(para(text("One"), br, text("two"), br, br, text("Three")))).toEqual([
      p("One two"),
      p("Three"),
    ]);
  });

  it("drops empty paragraphs (Ghost's spacing)", () => {
    expect(lexicalBlocks(para(), para(text("  ")), para(text("Kept")))).toEqual([p("Kept")]);
  });

  it("maps h1–h6 to Masthead's levels, extended-heading included", () => {
    const headings = ["h1", "h2", "h3", "h4", "h5", "h6"].map((tag) =>
      element("heading", [text(tag)], { tag }),
    );
    expect(
      lexicalBlocks(...headings, element("extended-heading", [text("x")], { tag: "h3" })).map(
        (b) => (b.type === "heading" ? b.level : b.type),
      ),
    ).toEqual([2, 2, 3, 4, 4, 4, 3]);
  });

  it("makes a quote whose last line starts with a dash an attributed quote", () => {
    expect(
      lexicalBlocks(
        element("quote", [
          text("We will not back down."),
          br,
          text("— "),
          link("https://ex.org/speech", text("Jane Doe, mayor")),
        ]),
      ),
    ).toEqual([
      {
        type: "quote",
        content: [{ text: "We will not back down." }],
        speaker: "Jane Doe, mayor",
        sourceUrl: "https://ex.org/speech",
      },
    ]);
  });

  it("keeps an unattributed quote as italic text (noted) and makes the aside a pull quote", () => {
    const { blocks, notes } = convert(
      lexical(
        element("quote", [text("No one said this.")]),
        element("aside", [text("A line from the piece.")]),
      ),
    );
    expect(blocks).toEqual([
      { type: "paragraph", content: [{ text: "No one said this.", italic: true }] },
      { type: "pullquote", content: [{ text: "A line from the piece." }] },
    ]);
    expect(notes).toEqual(["quote without attribution kept as italic text"]);
  });

  it("reads bullet, numbered and nested lists (flattened) and checklists", () => {
    const item = (...children: Node[]) => element("listitem", children, { value: 1 });
    const { blocks, notes } = convert(
      lexical(
        element(
          "list",
          [
            item(text("One")),
            item(
              element("list", [item(text("One.a")), item(text("One.b"))], {
                listType: "bullet",
                tag: "ul",
              }),
            ),
            item(text("Two "), text("bold", 1)),
          ],
          { listType: "bullet", start: 1, tag: "ul" },
        ),
        element("list", [item(text("First")), item()], { listType: "number", tag: "ol" }),
        element("list", [item(text("Done"))], { listType: "check", tag: "ul" }),
      ),
    );
    expect(blocks).toEqual([
      {
        type: "list",
        ordered: false,
        items: [
          [{ text: "One" }],
          [{ text: "One.a" }],
          [{ text: "One.b" }],
          [{ text: "Two " }, { text: "bold", bold: true }],
        ],
      },
      { type: "list", ordered: true, items: [[{ text: "First" }]] },
      { type: "list", ordered: false, items: [[{ text: "Done" }]] },
    ]);
    expect(notes).toContain("nested list flattened");
    expect(notes).toContain("checklist kept as a bulleted list");
  });

  it("makes a horizontal rule a divider", () => {
    expect(lexicalBlocks({ type: "horizontalrule", version: 1 })).toEqual([{ type: "divider" }]);
  });
});

describe("mobiledoc text", () => {
  it("reads markup sections: p, h1–h6, blockquote and aside", () => {
    const { blocks, notes } = convert(
      mobiledoc({
        atoms: [["soft-return", "", {}]],
        sections: [
          [1, "p", [marker("Para")]],
          [1, "h1", [marker("H1")]],
          [1, "h2", [marker("H2")]],
          [1, "h3", [marker("H3")]],
          [1, "h4", [marker("H4")]],
          [1, "h5", [marker("H5")]],
          [1, "h6", [marker("H6")]],
          [1, "blockquote", [marker("Said."), [1, [], 0, 0], marker("- A. Person")]],
          [1, "blockquote", [marker("Unsaid.")]],
          [1, "aside", [marker("Pulled.")]],
        ],
      }),
    );
    expect(blocks).toEqual([
      p("Para"),
      { type: "heading", level: 2, content: [{ text: "H1" }] },
      { type: "heading", level: 2, content: [{ text: "H2" }] },
      { type: "heading", level: 3, content: [{ text: "H3" }] },
      { type: "heading", level: 4, content: [{ text: "H4" }] },
      { type: "heading", level: 4, content: [{ text: "H5" }] },
      { type: "heading", level: 4, content: [{ text: "H6" }] },
      { type: "quote", content: [{ text: "Said." }], speaker: "A. Person" },
      { type: "paragraph", content: [{ text: "Unsaid.", italic: true }] },
      { type: "pullquote", content: [{ text: "Pulled." }] },
    ]);
    expect(notes).toEqual(["quote without attribution kept as italic text"]);
  });

  it("applies markups as markers open and close them", () => {
    const { blocks, notes } = convert(
      mobiledoc({
        markups: [
          ["strong"],
          ["em"],
          ["a", ["href", "https://ex.org/x", "rel", "noopener"]],
          ["code"],
          ["s"],
          ["u"],
          ["sup"],
          ["sub"],
          ["b"],
          ["i"],
          ["a", ["href", "__GHOST_URL__/tag/news/"]],
        ],
        sections: [
          [
            1,
            "p",
            [
              marker("A ", [], 0),
              marker("bold ", [0], 0),
              marker("and italic", [1], 2),
              marker(" "),
              marker("link", [2], 1),
              marker(" "),
              marker("code", [3], 1),
              marker(" "),
              marker("gone", [4], 1),
              marker(" "),
              marker("under", [5], 1),
              marker(" x"),
              marker("2", [6], 1),
              marker(" y"),
              marker("3", [7], 1),
              marker(" "),
              marker("b", [8], 1),
              marker("i", [9], 1),
              marker(" "),
              marker("news", [10], 1),
            ],
          ],
        ],
      }),
    );
    expect(blocks).toEqual([
      {
        type: "paragraph",
        content: [
          { text: "A " },
          { text: "bold ", bold: true },
          { text: "and italic", bold: true, italic: true },
          { text: " " },
          { text: "link", href: "https://ex.org/x" },
          { text: " code gone under x2 y3 " },
          { text: "b", bold: true },
          { text: "i", italic: true },
          { text: " " },
          { text: "news", href: "/tag/news/" },
        ],
      },
    ]);
    expect(notes).toContain("struck-through text kept without its strike-through");
    expect(notes).toContain("superscript and subscript text kept as plain text");
  });

  it("reads the soft-return atom as a line break and keeps other atoms' text (noted)", () => {
    const { blocks, notes } = convert(
      mobiledoc({
        atoms: [
          ["soft-return", "", {}],
          ["mention", "@jane", { id: 1 }],
        ],
        sections: [
          [1, "p", [marker("Line"), [1, [], 0, 0], marker("same paragraph, "), [1, [], 0, 1]]],
          [1, "p", [marker("Ends"), [1, [], 0, 0], [1, [], 0, 0], marker("Next")]],
        ],
      }),
    );
    expect(blocks).toEqual([p("Line same paragraph, @jane"), p("Ends"), p("Next")]);
    expect(notes).toEqual(['mobiledoc atom "mention" kept as its text']);
  });

  it("reads list sections, ul and ol", () => {
    expect(
      convert(
        mobiledoc({
          markups: [["em"]],
          sections: [
            [3, "ul", [[marker("One")], [marker("Two", [0], 1)], [marker("  ")]]],
            [3, "ol", [[marker("First")]]],
          ],
        }),
      ).blocks,
    ).toEqual([
      { type: "list", ordered: false, items: [[{ text: "One" }], [{ text: "Two", italic: true }]] },
      { type: "list", ordered: true, items: [[{ text: "First" }]] },
    ]);
  });

  it("reads the old image section", () => {
    expect(convert(mobiledoc({ sections: [[2, "/content/images/2017/05/a.png"]] })).blocks).toEqual(
      [{ type: "image-ref", src: "/content/images/2017/05/a.png", alt: "" }],
    );
  });
});

describe("cards, in both formats", () => {
  it("image: src without Ghost's size path, alt, caption from HTML", () => {
    const { blocks, notes } = card("image", "image", {
      src: "__GHOST_URL__/content/images/size/w600/2021/01/photo.jpg",
      width: 1200,
      height: 800,
      title: "",
      alt: "Harbour at dawn",
      caption: 'Photo by <a href="https://ex.org/jo">Jo</a> / <em>Agency</em>',
      cardWidth: "wide",
      href: "",
    });
    expect(blocks).toEqual([
      {
        type: "image-ref",
        src: "__GHOST_URL__/content/images/2021/01/photo.jpg",
        alt: "Harbour at dawn",
        caption: [
          { text: "Photo by " },
          { text: "Jo", href: "https://ex.org/jo" },
          { text: " / " },
          { text: "Agency", italic: true },
        ],
      },
    ]);
    expect(notes).toEqual(["wide and full-width images kept at the column's width"]);
  });

  it("gallery: a gallery reference, each image's caption and the set's", () => {
    const image = (n: number, extra: Node = {}) => ({
      fileName: `${n}.jpg`,
      row: 0,
      width: 800,
      height: 600,
      src: `https://blog.example.org/content/images/2020/02/${n}.jpg`,
      ...extra,
    });
    const { blocks, notes } = card("gallery", "gallery", {
      images: [image(1, { alt: "One" }), image(2), image(3, { caption: "Third" })],
      caption: "<b>Open day</b>",
    });
    expect(blocks).toEqual([
      {
        type: "gallery-ref",
        images: [
          {
            type: "image-ref",
            src: "https://blog.example.org/content/images/2020/02/1.jpg",
            alt: "One",
          },
          {
            type: "image-ref",
            src: "https://blog.example.org/content/images/2020/02/2.jpg",
            alt: "",
          },
          {
            type: "image-ref",
            src: "https://blog.example.org/content/images/2020/02/3.jpg",
            alt: "",
            caption: [{ text: "Third" }],
          },
        ],
        caption: [{ text: "Open day", bold: true }],
      },
    ]);
    expect(notes).toEqual([]);
  });

  it("embed: YouTube and Vimeo become facade videos with the caption", () => {
    expect(
      card("embed", "embed", {
        url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        embedType: "video",
        html: '<iframe width="200" height="113" src="https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed"></iframe>',
        metadata: { provider_name: "YouTube" },
        caption: "The <i>clip</i>",
      }).blocks,
    ).toEqual([
      {
        type: "video",
        provider: "youtube",
        videoId: "dQw4w9WgXcQ",
        url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        title: "YouTube video",
        caption: [{ text: "The " }, { text: "clip", italic: true }],
        source: { name: "YouTube" },
      },
    ]);
    expect(
      card("embed", "embed", {
        url: "",
        html: '<iframe src="https://player.vimeo.com/video/76979871" title="A film"></iframe>',
      }).blocks,
    ).toMatchObject([{ type: "video", provider: "vimeo", videoId: "76979871", title: "A film" }]);
  });

  it("embed: other providers keep their markup as legacy HTML, or a link when none is left", () => {
    const tweet = card("embed", "embed", {
      url: "https://twitter.com/ghost/status/1",
      html: '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Hello</p>&mdash; Ghost (@Ghost) <a href="https://twitter.com/ghost/status/1">May 1</a></blockquote><script async src="https://platform.twitter.com/widgets.js"></script>',
      metadata: { provider_name: "Twitter" },
      caption: "",
    });
    expect(tweet.blocks).toHaveLength(1);
    expect(tweet.blocks[0]).toMatchObject({ type: "html", reason: "ghost:embed (Twitter)" });
    const html = tweet.blocks[0]!.type === "html" ? tweet.blocks[0]!.html : "";
    expect(html).toContain("Hello");
    expect(html).not.toContain("<script");
    expect(tweet.legacy).toEqual(["ghost:embed (Twitter)"]);

    const frameOnly = card("embed", "embed", {
      url: "https://open.spotify.com/episode/abc",
      html: '<iframe src="https://open.spotify.com/embed/episode/abc"></iframe>',
      metadata: {},
      caption: "Listen",
    });
    expect(frameOnly.blocks).toEqual([
      {
        type: "paragraph",
        content: [
          {
            text: "https://open.spotify.com/episode/abc",
            href: "https://open.spotify.com/episode/abc",
          },
        ],
      },
      p("Listen"),
    ]);
    expect(frameOnly.notes).toContain("embed (open.spotify.com) kept as a link");
  });

  it("video: an uploaded file becomes a legacy-HTML link to it, reported", () => {
    const { blocks, legacy, notes } = card("video", "video", {
      src: "__GHOST_URL__/content/media/2022/03/interview.mp4",
      caption: "The <b>interview</b>",
      fileName: "interview.mp4",
      mimeType: "video/mp4",
      width: 1920,
      height: 1080,
      duration: 61,
      thumbnailSrc: "__GHOST_URL__/content/images/2022/03/interview_thumb.jpg",
      cardWidth: "regular",
      loop: false,
    });
    expect(blocks).toEqual([
      {
        type: "html",
        html: '<p><a href="/content/media/2022/03/interview.mp4">Video: interview.mp4</a></p><p>The <b>interview</b></p>',
        reason: "ghost:video",
      },
    ]);
    expect(legacy).toEqual(["ghost:video"]);
    expect(notes[0]).toMatch(/files the Ghost site hosted/);
  });

  it("callout: legacy HTML with the emoji leading the text", () => {
    expect(
      card("callout", "callout", {
        calloutEmoji: "💡",
        calloutText: '<p>Read the <a href="__GHOST_URL__/guide/">guide</a> first.</p>',
        backgroundColor: "blue",
      }).blocks,
    ).toEqual([
      {
        type: "html",
        html: '<p>💡 Read the <a href="/guide/">guide</a> first.</p>',
        reason: "ghost:callout",
      },
    ]);
    expect(
      card("callout", "callout", { calloutEmoji: "", calloutText: "Just <b>text</b>" }).blocks,
    ).toEqual([{ type: "html", html: "<p>Just <b>text</b></p>", reason: "ghost:callout" }]);
  });

  it("toggle: a heading, then its content as blocks", () => {
    const { blocks, notes } = card("toggle", "toggle", {
      heading: "<span>What does it cost?</span>",
      content: "<p>Nothing.</p><p>Really <strong>nothing</strong>.</p>",
    });
    expect(blocks).toEqual([
      { type: "heading", level: 4, content: [{ text: "What does it cost?" }] },
      p("Nothing."),
      {
        type: "paragraph",
        content: [{ text: "Really " }, { text: "nothing", bold: true }, { text: "." }],
      },
    ]);
    expect(notes).toEqual(["toggle cards shown open (Masthead has no collapsible block)"]);
  });

  it("bookmark: a paragraph with the linked title and the description", () => {
    expect(
      card("bookmark", "bookmark", {
        url: "https://ex.org/story",
        metadata: {
          url: "https://ex.org/story",
          title: "A story",
          description: "What happened,\n and why.",
          icon: "https://ex.org/favicon.ico",
          thumbnail: "https://ex.org/thumb.jpg",
          author: "Jo",
          publisher: "Example",
        },
        caption: "Worth a read",
      }).blocks,
    ).toEqual([
      {
        type: "paragraph",
        content: [
          { text: "A story", href: "https://ex.org/story" },
          { text: " — What happened, and why." },
        ],
      },
      p("Worth a read"),
    ]);
  });

  it("html: legacy HTML, reported; pasted player code becomes a facade video", () => {
    const table = card("html", "html", {
      html: '<table><tr><td onclick="x()">1</td></tr></table><script>alert(1)</script>',
    });
    expect(table.blocks).toEqual([
      { type: "html", html: "<table><tr><td>1</td></tr></table>", reason: "ghost:html" },
    ]);
    expect(table.legacy).toEqual(["ghost:html"]);
    expect(
      card("html", "html", {
        html: '<div><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe></div>',
      }).blocks,
    ).toMatchObject([{ type: "video", provider: "youtube", videoId: "dQw4w9WgXcQ" }]);
  });

  it("markdown: rendered as Ghost renders it and read as HTML", () => {
    const { blocks, legacy } = card("markdown", "markdown", {
      markdown:
        "## Notes\n\nSome *emphasis*, **strength** and [a link](__GHOST_URL__/x/).\nSame paragraph.\n\n- one\n- two\n\n```js\nlet a = 1 < 2;\n```\n\n---",
    });
    expect(blocks).toEqual([
      { type: "heading", level: 2, content: [{ text: "Notes" }] },
      {
        type: "paragraph",
        content: [
          { text: "Some " },
          { text: "emphasis", italic: true },
          { text: ", " },
          { text: "strength", bold: true },
          { text: " and " },
          { text: "a link", href: "/x/" },
          { text: ". Same paragraph." },
        ],
      },
      { type: "list", ordered: false, items: [[{ text: "one" }], [{ text: "two" }]] },
      { type: "code", language: "js", code: "let a = 1 < 2;" },
      { type: "divider" },
    ]);
    expect(legacy).toEqual([]);
  });

  it("markdown: links addresses with a scheme only, as Ghost's renderer does", () => {
    expect(
      card("markdown", "markdown", { markdown: "See example.com or https://ex.org/y" }).blocks,
    ).toEqual([
      {
        type: "paragraph",
        content: [
          { text: "See example.com or " },
          { text: "https://ex.org/y", href: "https://ex.org/y" },
        ],
      },
    ]);
  });

  it("header (v1 and v2): heading, subheading paragraph, button link", () => {
    const v1 = card("header", "header", {
      size: "small",
      style: "image",
      buttonEnabled: true,
      buttonUrl: "https://ex.org/join",
      buttonText: "Join us",
      header: "<span>Big <em>news</em></span>",
      subheader: "Smaller words",
      backgroundImageSrc: "__GHOST_URL__/content/images/2021/bg.jpg",
    });
    expect(v1.blocks).toEqual([
      { type: "heading", level: 2, content: [{ text: "Big " }, { text: "news", italic: true }] },
      p("Smaller words"),
      { type: "paragraph", content: [{ text: "Join us", href: "https://ex.org/join" }] },
    ]);
    expect(v1.notes).toEqual(["a header card's background image was not kept"]);
    const v2 = card("header", "header", {
      version: 2,
      layout: "split",
      header: "Welcome",
      subheader: "",
      buttonEnabled: false,
      buttonUrl: "https://ex.org/ignored",
      buttonText: "Hidden",
      alignment: "center",
      backgroundColor: "#000000",
    });
    expect(v2.blocks).toEqual([{ type: "heading", level: 2, content: [{ text: "Welcome" }] }]);
  });

  it("button: a paragraph holding the link", () => {
    expect(
      card("button", "button", {
        buttonText: "Subscribe",
        buttonUrl: "__GHOST_URL__/#/portal/signup",
        alignment: "center",
      }).blocks,
    ).toEqual([{ type: "paragraph", content: [{ text: "Subscribe", href: "/#/portal/signup" }] }]);
  });

  it("divider: Lexical's horizontalrule and mobiledoc's hr", () => {
    expect(card("horizontalrule", "hr", {}).blocks).toEqual([{ type: "divider" }]);
  });

  it("code: a code block with its language, as wp:code, the caption a paragraph under it", () => {
    const { blocks, legacy } = card("codeblock", "code", {
      code: "if (a < b && c) {\n  return '<ok>';\n}",
      language: "javascript",
      caption: "An <em>example</em>",
    });
    expect(blocks).toEqual([
      { type: "code", language: "javascript", code: "if (a < b && c) {\n  return '<ok>';\n}" },
      { type: "paragraph", content: [{ text: "An " }, { text: "example", italic: true }] },
    ]);
    expect(legacy).toEqual([]);
  });

  it("code: longer than one code block may hold, split at line ends, nothing lost, noted", () => {
    const line = "x = 1 < 2  # ok\n";
    const code = line.repeat(7_000);
    const { blocks, legacy, notes } = card("codeblock", "code", { code, language: "python" });
    expect(blocks.map((b) => b.type)).toEqual(["code", "code"]);
    const texts = blocks.map((b) => (b.type === "code" ? b.code : ""));
    expect(texts.every((t) => t.length <= 100_000)).toBe(true);
    expect(texts.join("\n")).toBe(code.slice(0, -1));
    expect(legacy).toEqual([]);
    expect(notes).toEqual([
      "code longer than a code block may be (100000 characters) split into 2 code blocks",
    ]);
  });

  it("audio and file: legacy-HTML links to the files, reported", () => {
    expect(
      card("audio", "audio", {
        src: "__GHOST_URL__/content/media/2022/01/episode.mp3",
        title: "Episode 1",
        duration: 100,
        mimeType: "audio/mpeg",
      }).blocks,
    ).toEqual([
      {
        type: "html",
        html: '<p><a href="/content/media/2022/01/episode.mp3">Audio: Episode 1</a></p>',
        reason: "ghost:audio",
      },
    ]);
    expect(
      card("file", "file", {
        src: "https://blog.example.org/content/files/2022/01/report.pdf",
        fileTitle: "Annual report",
        fileCaption: "PDF, <2 MB",
        fileName: "report.pdf",
        fileSize: 123456,
      }).blocks,
    ).toEqual([
      {
        type: "html",
        html: '<p><a href="https://blog.example.org/content/files/2022/01/report.pdf" rel="noopener nofollow ugc">Annual report</a></p><p>PDF, &lt;2 MB</p>',
        reason: "ghost:file",
      },
    ]);
  });

  it("product: its image, then the rest as legacy HTML", () => {
    const { blocks } = card("product", "product", {
      productImageSrc: "__GHOST_URL__/content/images/size/w1000/2022/kettle.jpg",
      productTitle: "<span>The kettle</span>",
      productDescription: "Boils <b>fast</b>.",
      productRatingEnabled: true,
      productStarRating: 4,
      productButtonEnabled: true,
      productButton: "Buy",
      productUrl: "https://shop.example/kettle",
    });
    expect(blocks).toEqual([
      { type: "image-ref", src: "__GHOST_URL__/content/images/2022/kettle.jpg", alt: "The kettle" },
      {
        type: "html",
        html: '<h3>The kettle</h3><p>Boils <b>fast</b>.</p><p>★★★★☆</p><p><a href="https://shop.example/kettle" rel="noopener nofollow ugc">Buy</a></p>',
        reason: "ghost:product",
      },
    ]);
  });

  it("paywall, email, email-cta, signup, transistor: dropped, each with a note saying why", () => {
    const dropped = (type: string) => card(type, type, { html: "<p>Members, thank you!</p>" });
    for (const type of ["paywall", "email", "email-cta", "signup", "transistor"]) {
      const { blocks, notes, legacy } = dropped(type);
      expect(blocks).toEqual([]);
      expect(legacy).toEqual([]);
      expect(notes).toHaveLength(1);
    }
    expect(dropped("paywall").notes[0]).toMatch(
      /^paywall marker dropped: it is never shown to readers/,
    );
    expect(dropped("email").notes[0]).toMatch(/^email-only content/);
    expect(dropped("email-cta").notes[0]).toMatch(/^email-only call to action/);
  });

  it("drops a card Ghost showed only in emails, and notes members-only cards kept", () => {
    const emailOnly = card("html", "html", {
      html: "<p>Hi subscriber</p>",
      visibility: {
        web: { nonMember: false, memberSegment: "" },
        email: { memberSegment: "status:free" },
      },
    });
    expect(emailOnly.blocks).toEqual([]);
    expect(emailOnly.notes).toEqual([
      "html card shown only in emails dropped: Ghost never showed it on the web",
    ]);
    expect(
      card("html", "html", { html: "<p>x</p>", visibility: { emailOnly: true } }).blocks,
    ).toEqual([]);
    const members = card("html", "html", {
      html: "<p>For members</p>",
      visibility: { web: { nonMember: false, memberSegment: "status:-free" } },
    });
    expect(members.blocks).toEqual([
      { type: "html", html: "<p>For members</p>", reason: "ghost:html" },
    ]);
    expect(members.notes).toEqual([
      "content Ghost showed only to members kept visible to every reader",
    ]);
  });

  it("call-to-action: its text and button as legacy HTML", () => {
    expect(
      card("call-to-action", "call-to-action", {
        layout: "minimal",
        textValue: "<p>Support our reporting.</p>",
        showButton: true,
        buttonText: "Donate",
        buttonUrl: "https://ex.org/donate",
        hasSponsorLabel: false,
      }).blocks,
    ).toEqual([
      {
        type: "html",
        html: '<p>Support our reporting.</p><p><a href="https://ex.org/donate" rel="noopener nofollow ugc">Donate</a></p>',
        reason: "ghost:call-to-action",
      },
    ]);
  });

  it("unknown cards: legacy HTML when they carry HTML, else dropped; always reported", () => {
    const withHtml = card("poll", "poll", { html: "<p>Vote <b>now</b></p>" });
    expect(withHtml.blocks).toEqual([
      { type: "html", html: "<p>Vote <b>now</b></p>", reason: "ghost:poll" },
    ]);
    expect(withHtml.legacy).toEqual(["ghost:poll"]);
    const without = card("before-after", "before-after", { beforeImage: {}, afterImage: {} });
    expect(without.blocks).toEqual([]);
    expect(without.notes).toEqual(['unknown card "before-after" dropped (it had no HTML to keep)']);
  });
});

describe("older mobiledoc forms", () => {
  it("reads Ghost 1.x's card-markdown", () => {
    expect(
      convert(
        mobiledoc({
          cards: [["card-markdown", { cardName: "card-markdown", markdown: "Hello *world*" }]],
          sections: [[10, 0]],
        }),
      ).blocks,
    ).toEqual([
      { type: "paragraph", content: [{ text: "Hello " }, { text: "world", italic: true }] },
    ]);
  });
});

describe("the html field (Ghost 0.x/1.x exports, or no editor document)", () => {
  it("is read when there is no Lexical or mobiledoc, card markers ignored, no wpautop", () => {
    const { blocks, legacy } = convert({
      lexical: null,
      mobiledoc: null,
      html: '<!--kg-card-begin: html--><p>Hello\nworld, <a href="__GHOST_URL__/about/">about</a></p><!--kg-card-end: html-->\n<figure class="kg-card kg-image-card kg-card-hascaption"><img src="__GHOST_URL__/content/images/size/w2000/2020/05/x.jpg" class="kg-image" alt="X" loading="lazy" srcset="__GHOST_URL__/content/images/size/w600/2020/05/x.jpg 600w"><figcaption>Cap</figcaption></figure>\n<!--kg-card-begin: markdown--><p>Two</p>\n<!--kg-card-end: markdown-->',
    });
    expect(blocks).toEqual([
      {
        type: "paragraph",
        content: [{ text: "Hello world, " }, { text: "about", href: "/about/" }],
      },
      {
        type: "image-ref",
        src: "__GHOST_URL__/content/images/2020/05/x.jpg",
        alt: "X",
        caption: [{ text: "Cap" }],
      },
      p("Two"),
    ]);
    expect(legacy).toEqual([]);
  });

  it("converts nothing to nothing", () => {
    expect(convert({})).toEqual({ blocks: [], legacy: [], notes: [] });
    expect(convert({ lexical: "", mobiledoc: "  ", html: null })).toEqual({
      blocks: [],
      legacy: [],
      notes: [],
    });
  });
});

describe("image and link addresses", () => {
  it("asks for the original of a resized Ghost image, keeping the rest as written", () => {
    expect(originalGhostImageUrl("__GHOST_URL__/content/images/size/w600/2021/01/x.jpg")).toBe(
      "__GHOST_URL__/content/images/2021/01/x.jpg",
    );
    expect(
      originalGhostImageUrl("https://ex.org/blog/content/images/size/w600h400/2021/01/x.jpg?v=2"),
    ).toBe("https://ex.org/blog/content/images/2021/01/x.jpg?v=2");
    expect(originalGhostImageUrl("/content/images/size/w1200/format/webp/2023/x.png")).toBe(
      "/content/images/2023/x.png",
    );
    expect(originalGhostImageUrl("/content/images/2021/size/w600.jpg")).toBe(
      "/content/images/2021/size/w600.jpg",
    );
    expect(originalGhostImageUrl("https://images.unsplash.com/photo-1?w=2000")).toBe(
      "https://images.unsplash.com/photo-1?w=2000",
    );
  });

  it("makes links to the site itself site-relative and refuses unsafe ones", () => {
    expect(ghostHref("__GHOST_URL__/2021/story/")).toBe("/2021/story/");
    expect(ghostHref("__GHOST_URL__")).toBe("/");
    expect(ghostHref("https://ex.org/a b")).toBe("https://ex.org/a%20b");
    expect(ghostHref("javascript:alert(1)")).toBeUndefined();
  });
});

describe("unicode", () => {
  // Decomposed é (e + U+0301), a ZWJ family, Arabic and Hebrew, bidi embedding controls.
  const mixed = "Cafe\u0301 👩‍👩‍👧 مرحبا بالعالم שלום \u202Bembedded\u202C done";

  it("keeps every character exactly in both formats (no normalization)", () => {
    const fromLexical = lexicalBlocks(para(text(mixed)));
    const fromMobiledoc = convert(mobiledoc({ sections: [[1, "p", [marker(mixed)]]] })).blocks;
    expect(fromLexical).toEqual([p(mixed)]);
    expect(fromMobiledoc).toEqual([p(mixed)]);
  });

  it("reads a right-to-left quote's attribution and emoji in cards", () => {
    expect(
      lexicalBlocks(
        element("quote", [text("المعرفة قوة"), br, text("— ابن سينا")], { direction: "rtl" }),
        { type: "image", src: "/content/images/2021/ü-🌊.jpg", alt: "موج 🌊", caption: "" },
      ),
    ).toEqual([
      { type: "quote", content: [{ text: "المعرفة قوة" }], speaker: "ابن سينا" },
      { type: "image-ref", src: "/content/images/2021/ü-🌊.jpg", alt: "موج 🌊" },
    ]);
  });
});

describe("malformed content", () => {
  it("falls back from Lexical that is not JSON to mobiledoc, then html, saying so", () => {
    const fromMobiledoc = convert({
      lexical: "{not json",
      ...mobiledoc({ sections: [[1, "p", [marker("From mobiledoc")]]] }),
      html: "<p>From html</p>",
    });
    expect(fromMobiledoc.blocks).toEqual([p("From mobiledoc")]);
    expect(fromMobiledoc.notes).toEqual([
      "Lexical content is not valid JSON",
      "converted from the post's mobiledoc instead",
    ]);
    const fromHtml = convert({
      lexical: '{"root":null}',
      mobiledoc: "[]",
      html: "<p>From html</p>",
    });
    expect(fromHtml.blocks).toEqual([p("From html")]);
    expect(fromHtml.notes).toEqual([
      "Lexical content has no root node",
      "mobiledoc content has no sections",
      "converted from the post's rendered HTML instead",
    ]);
  });

  it("refuses a mobiledoc version Ghost never wrote", () => {
    const { blocks, notes } = convert({
      mobiledoc: JSON.stringify({ version: "0.2.0", sections: [[], []] }),
      html: "<p>Rendered</p>",
    });
    expect(blocks).toEqual([p("Rendered")]);
    expect(notes).toEqual([
      'mobiledoc version "0.2.0" is not one Ghost writes (0.3.x)',
      "converted from the post's rendered HTML instead",
    ]);
    expect(convert({ mobiledoc: "nope" })).toEqual({
      blocks: [],
      legacy: [],
      notes: [
        "mobiledoc content is not valid JSON",
        "the post has no readable content; imported empty",
      ],
    });
  });

  it("never throws for cards whose payload lacks fields: converts the rest, reports the drops", () => {
    const bare = (type: string, extra: Node = {}) => ({ type, version: 1, ...extra });
    const { blocks, notes } = convert(
      lexical(
        para(text("Before")),
        bare("image"),
        bare("image", { src: "data:image/png;base64,AAAA" }),
        bare("gallery", { images: "not a list", caption: { not: "a string" } }),
        bare("embed"),
        bare("embed", { url: 42, html: null }),
        bare("bookmark"),
        bare("button"),
        bare("header"),
        bare("codeblock", { code: 42 }),
        bare("video"),
        bare("audio", { src: "javascript:alert(1)" }),
        bare("file"),
        bare("callout"),
        bare("toggle"),
        bare("markdown", { markdown: null }),
        bare("html", { html: ["x"] }),
        bare("product"),
        bare("call-to-action"),
        para(text("After")),
      ),
    );
    expect(blocks).toEqual([p("Before"), p("After")]);
    expect(notes).toEqual([
      "an image with no address was dropped",
      "a gallery with no images was dropped",
      "embed (unknown provider) with no usable address dropped",
      "video card with no usable address dropped",
      "audio card with no usable address dropped",
      "file card with no usable address dropped",
    ]);
  });

  it("reads Lexical nodes of unknown type: element nodes for their content, others reported", () => {
    const { blocks, notes } = convert(
      lexical(
        element("columns", [para(text("In a column"))]),
        element("callout-line", [text("Inline "), { type: "mention", version: 1 }, text("kids")]),
        { type: "poll-widget", version: 1, question: "Why?" },
        { version: 1 },
        "not a node" as unknown as Node,
        text("Loose text"),
      ),
    );
    expect(blocks).toEqual([p("In a column"), p("Inline kids"), p("Loose text")]);
    expect(notes).toEqual([
      'unknown Lexical node "columns" read as its content',
      'unknown Lexical node "callout-line" read as its content',
      'unknown Lexical node "mention" inside text dropped',
      'unknown card "poll-widget" dropped (it had no HTML to keep)',
      "a Lexical node without a type was dropped",
    ]);
  });

  it("survives broken mobiledoc sections, markers and card references", () => {
    const { blocks, notes } = convert(
      mobiledoc({
        markups: [["strong"], "not a markup"],
        cards: [["hr", {}], "not a card", ["image"]],
        sections: [
          "not a section",
          [99, "p", []],
          [10, 7],
          [10, 1],
          [10, 2],
          [1, "p", [marker("bold?", [5], 1), "junk", marker(" plain", [1], 1), [1, [], 0, 9]]],
          [1, "marquee", [marker("Odd tag")]],
          [10, 0],
        ],
      }),
    );
    expect(blocks).toEqual([p("bold? plain"), p("Odd tag"), { type: "divider" }]);
    expect(notes).toEqual([
      "a mobiledoc section that is not a list was dropped",
      "mobiledoc section of unknown kind 99 dropped",
      "a mobiledoc card section naming no card was dropped",
      "an image with no address was dropped",
      'mobiledoc atom "?" kept as its text',
      "mobiledoc section <marquee> read as a paragraph",
    ]);
  });

  it("finds nothing for names that are Object's own (constructor, __proto__, toString)", () => {
    const fromLexical = convert(
      lexical(
        { type: "constructor", version: 1 },
        { type: "__proto__", version: 1, html: "<p>kept</p>" },
        element("heading", [text("Heading")], { tag: "constructor" }),
      ),
    );
    expect(fromLexical.blocks).toEqual([
      { type: "html", html: "<p>kept</p>", reason: "ghost:__proto__" },
      { type: "heading", level: 2, content: [{ text: "Heading" }] },
    ]);
    const fromMobiledoc = convert(
      mobiledoc({
        markups: [["constructor"]],
        cards: [["hasOwnProperty", {}]],
        sections: [
          [1, "toString", [marker("Text", [0], 1)]],
          [10, 0],
        ],
      }),
    );
    expect(fromMobiledoc.blocks).toEqual([p("Text")]);
    expect(fromMobiledoc.notes).toEqual([
      "mobiledoc section <tostring> read as a paragraph",
      'unknown card "hasOwnProperty" dropped (it had no HTML to keep)',
    ]);
  });

  it("keeps the text of hostile nesting without exhausting the stack", () => {
    let node: Node = text("deep");
    for (let i = 0; i < 1500; i += 1) node = element("wrapper", [node]);
    const { blocks } = convert(lexical(node));
    expect(blocks).toEqual([p("deep")]);
  });
});

describe("one article written in each editor", () => {
  const fixture = (name: string) =>
    readFileSync(new URL(`../../fixtures/ghost/content/${name}`, import.meta.url), "utf8");

  it("converts the Ghost 5 Lexical and Ghost 4 mobiledoc versions to the same blocks", () => {
    const fromLexical = convert({
      lexical: fixture("ghost-5-lexical.json"),
      html: "<p>ignored: Lexical wins</p>",
    });
    const fromMobiledoc = convert({ mobiledoc: fixture("ghost-4-mobiledoc.json"), lexical: null });
    expect(fromMobiledoc).toEqual(fromLexical);
    expect(fromLexical.blocks).toEqual([
      {
        type: "paragraph",
        content: [
          { text: "The council voted " },
          { text: "7 to 2", bold: true },
          { text: " on Tuesday to close the " },
          { text: "Elm Street depot", href: "/elm-street-depot/" },
          { text: "." },
        ],
      },
      {
        type: "image-ref",
        src: "__GHOST_URL__/content/images/2024/03/depot.jpg",
        alt: "The depot at night",
        caption: [{ text: "Photo: " }, { text: "Ana Lima", href: "https://example.org/ana" }],
      },
      { type: "heading", level: 2, content: [{ text: "What happens next" }] },
      {
        type: "list",
        ordered: true,
        items: [
          [{ text: "Buses move to Route 9" }],
          [{ text: "The site is sold " }, { text: "in 2025", italic: true }],
        ],
      },
      {
        type: "quote",
        content: [{ text: "We had no other choice." }],
        speaker: "Mayor Rosa Díaz",
      },
      {
        type: "video",
        provider: "youtube",
        videoId: "dQw4w9WgXcQ",
        url: "https://youtu.be/dQw4w9WgXcQ",
        title: "YouTube video",
        caption: [{ text: "The full meeting" }],
        source: { name: "YouTube" },
      },
      { type: "divider" },
      { type: "code", language: "sql", code: "SELECT count(*) FROM buses WHERE depot = 'elm';" },
      {
        type: "paragraph",
        content: [
          { text: "Council minutes", href: "https://example.gov/minutes" },
          { text: " — Minutes of the 12 March meeting." },
        ],
      },
      {
        type: "html",
        html: "<p>✏️ Correction: an earlier version gave the wrong vote count.</p>",
        reason: "ghost:callout",
      },
    ]);
    expect(fromLexical.legacy).toEqual(["ghost:callout"]);
    expect(fromLexical.notes).toEqual([]);
  });
});
