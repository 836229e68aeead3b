import { describe, expect, it } from "vitest";
import { BlockSchema, InlineSchema } from "../../../src/content/index.js";
import {
  type ConvertedContent,
  convertWordPressContent,
  htmlToPlainText,
  type ImageRef,
  originalImageUrl,
} from "../../../src/importers/wordpress/content.js";

/** Converts and checks that every block is valid: Blocks pass BlockSchema, image refs are well formed. */
function convert(content: string): ConvertedContent {
  const result = convertWordPressContent(content);
  const checkImage = (block: ImageRef) => {
    expect(typeof block.src).toBe("string");
    expect(block.src !== "" || block.attachmentId !== undefined).toBe(true);
    if (block.caption) expect(InlineSchema.min(1).safeParse(block.caption).success).toBe(true);
  };
  for (const block of result.blocks) {
    if (block.type === "image-ref" || block.type === "audio-ref") {
      checkImage({ alt: "", ...block, type: "image-ref" });
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

const blocksOf = (content: string) => convert(content).blocks;
const p = (text: string) => ({ type: "paragraph", content: [{ text }] });

describe("classic editor content (wpautop)", () => {
  it("splits paragraphs on blank lines and reads a single newline as a space", () => {
    expect(blocksOf("First line\nstill first.\n\nSecond.\n \n\n\nThird.")).toEqual([
      p("First line still first."),
      p("Second."),
      p("Third."),
    ]);
  });

  it("does not wrap block-level elements and splits text around them", () => {
    expect(
      blocksOf("Intro\n<h2>Title</h2>\nMiddle\n<ul>\n<li>One</li>\n<li>Two</li>\n</ul>\nEnd"),
    ).toEqual([
      p("Intro"),
      { type: "heading", level: 2, content: [{ text: "Title" }] },
      p("Middle"),
      { type: "list", ordered: false, items: [[{ text: "One" }], [{ text: "Two" }]] },
      p("End"),
    ]);
  });

  it("reads one <br> as a space and two in a row as a paragraph break", () => {
    expect(blocksOf("<p>Line one<br />\nline two<br><br>New paragraph</p>")).toEqual([
      p("Line one line two"),
      p("New paragraph"),
    ]);
  });

  it("keeps bold, italic and accepted links; drops refused hrefs but keeps their text", () => {
    const { blocks, notes } = convert(
      'A <strong>bold <em>move</em></strong>, <a href="https://ex.org/a?b=1&amp;c=2">a link</a>, <a href="javascript:alert(1)">bad</a>, <a href="//cdn.ex.org/x">proto</a> and <a href="relative.html">rel</a>.',
    );
    expect(blocks).toEqual([
      {
        type: "paragraph",
        content: [
          { text: "A " },
          { text: "bold ", bold: true },
          { text: "move", bold: true, italic: true },
          { text: ", " },
          { text: "a link", href: "https://ex.org/a?b=1&c=2" },
          { text: ", bad, " },
          { text: "proto", href: "https://cdn.ex.org/x" },
          { text: " and rel." },
        ],
      },
    ]);
    expect(notes).toContain('link to "javascript:alert(1)" dropped, its text kept');
  });

  it("encodes spaces in link addresses instead of dropping the link", () => {
    expect(blocksOf('<a href="https://ex.org/my file.pdf">file</a>')).toEqual([
      { type: "paragraph", content: [{ text: "file", href: "https://ex.org/my%20file.pdf" }] },
    ]);
  });

  it("decodes entities, reduces other inline tags to their text and drops empty paragraphs", () => {
    expect(
      blocksOf(
        "<p>&nbsp;</p>\n<p>Fish &amp; chips &#8212; <span style='color:red'>red</span> <code>x</code> H<sub>2</sub>O</p>\n<p>   </p>",
      ),
    ).toEqual([p("Fish & chips — red x H2O")]);
  });

  it("drops <!--more--> and <!--nextpage-->", () => {
    expect(blocksOf("Teaser\n<!--more-->\nRest\n<!--nextpage-->\nPage two")).toEqual([
      p("Teaser"),
      p("Rest"),
      p("Page two"),
    ]);
  });

  it("turns headings h1 into level 2 and h5/h6 into level 4", () => {
    expect(blocksOf("<h1>A</h1><h3>B</h3><h5>C</h5><h6>D</h6>")).toEqual([
      { type: "heading", level: 2, content: [{ text: "A" }] },
      { type: "heading", level: 3, content: [{ text: "B" }] },
      { type: "heading", level: 4, content: [{ text: "C" }] },
      { type: "heading", level: 4, content: [{ text: "D" }] },
    ]);
  });

  it("flattens nested lists, children after their parent item", () => {
    expect(blocksOf("<ol><li>One<ul><li>One a</li></ul></li><li>Two</li></ol>")).toEqual([
      {
        type: "list",
        ordered: true,
        items: [[{ text: "One" }], [{ text: "One a" }], [{ text: "Two" }]],
      },
    ]);
  });

  it("makes a blockquote with a citation a quote, and one without italic text (noted)", () => {
    const cited = convert(
      '<blockquote><p>To be.</p><p>Or not.</p><cite><a href="https://ex.org/h">Hamlet</a></cite></blockquote>',
    );
    expect(cited.blocks).toEqual([
      {
        type: "quote",
        content: [{ text: "To be. Or not." }],
        speaker: "Hamlet",
        sourceUrl: "https://ex.org/h",
      },
    ]);
    const dashed = blocksOf("<blockquote>Words.\n\n— Ada Lovelace</blockquote>");
    expect(dashed).toEqual([
      { type: "quote", content: [{ text: "Words." }], speaker: "Ada Lovelace" },
    ]);
    const bare = convert("<blockquote>Unattributed words.</blockquote>");
    expect(bare.blocks).toEqual([
      { type: "paragraph", content: [{ text: "Unattributed words.", italic: true }] },
    ]);
    expect(bare.notes).toContain("quote without attribution kept as italic text");
  });

  it("makes a table a table block and <pre> a code block, whitespace kept", () => {
    const { blocks, legacy } = convert(
      '<table onclick="x()"><tr><td>1</td><td><b>2</b></td></tr></table>\n\n<pre>code  here\n\n\tindented</pre>',
    );
    expect(blocks).toEqual([
      { type: "table", headerRow: false, rows: [[[{ text: "1" }], [{ text: "2", bold: true }]]] },
      { type: "code", code: "code  here\n\n\tindented" },
    ]);
    expect(legacy).toEqual([]);
  });

  it("keeps a table the table block cannot show, and <pre> with links, as sanitized legacy HTML", () => {
    const { blocks, legacy, notes } = convert(
      '<table onclick="x()"><tr><td colspan="2">1</td></tr></table>\n\n<pre>see <a href="https://ex.org">this</a></pre>',
    );
    expect(blocks).toEqual([
      { type: "html", html: '<table><tr><td colspan="2">1</td></tr></table>', reason: "<table>" },
      {
        type: "html",
        html: '<pre>see <a href="https://ex.org" rel="noopener nofollow ugc">this</a></pre>',
        reason: "<pre>",
      },
    ]);
    expect(legacy).toEqual(["<table>", "<pre>"]);
    expect(notes).toEqual([
      "<table> kept as HTML: merged cells (colspan or rowspan), which the table block cannot show",
      "<pre> kept as HTML: a <a> inside it, which a code block cannot show",
    ]);
  });

  it("takes an image out of its paragraph, with the attachment id from wp-image-N", () => {
    expect(
      blocksOf(
        'Before <a href="https://ex.org/big.jpg"><img class="alignnone size-medium wp-image-44" src="https://ex.org/wp-content/uploads/2020/01/cat-300x200.jpg" alt="A cat" width="300" height="200" /></a> after',
      ),
    ).toEqual([
      p("Before"),
      {
        type: "image-ref",
        src: "https://ex.org/wp-content/uploads/2020/01/cat-300x200.jpg",
        alt: "A cat",
        attachmentId: "44",
      },
      p("after"),
    ]);
  });

  it("reads the real address of lazy-loaded images", () => {
    expect(
      blocksOf(
        '<img src="data:image/gif;base64,R0lGOD" data-lazy-src="https://ex.org/a.jpg" alt="">',
      ),
    ).toEqual([{ type: "image-ref", src: "https://ex.org/a.jpg", alt: "" }]);
  });

  it("turns YouTube and Vimeo iframes into videos, other frames into links", () => {
    const { blocks, notes } = convert(
      '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0" title="Never"></iframe>\n\n<iframe src="https://player.vimeo.com/video/76979871"></iframe>\n\n<iframe src="https://maps.example.com/embed?x=1"></iframe>',
    );
    expect(blocks[0]).toMatchObject({
      type: "video",
      provider: "youtube",
      videoId: "dQw4w9WgXcQ",
      title: "Never",
    });
    expect(blocks[1]).toMatchObject({ type: "video", provider: "vimeo", videoId: "76979871" });
    expect(blocks[2]).toEqual({
      type: "paragraph",
      content: [
        { text: "https://maps.example.com/embed?x=1", href: "https://maps.example.com/embed?x=1" },
      ],
    });
    expect(notes).toContain("embedded frame from maps.example.com kept as a link");
  });
});

describe("bare URLs on their own line", () => {
  it.each([
    ["https://youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10s", "youtube", "dQw4w9WgXcQ"],
    ["http://youtube.com/shorts/abcDEF12345", "youtube", "abcDEF12345"],
    ["https://www.youtube.com/embed/abcDEF12345", "youtube", "abcDEF12345"],
    ["https://vimeo.com/76979871", "vimeo", "76979871"],
    ["https://vimeo.com/channels/staffpicks/76979871", "vimeo", "76979871"],
  ])("%s becomes a %s video", (url, provider, videoId) => {
    const blocks = blocksOf(`Watch this:\n${url}\nThen read on.`);
    expect(blocks).toEqual([
      p("Watch this:"),
      expect.objectContaining({
        type: "video",
        provider,
        videoId,
        source: { name: provider === "youtube" ? "YouTube" : "Vimeo" },
      }),
      p("Then read on."),
    ]);
    const video = blocks[1];
    expect(video?.type === "video" && video.url?.startsWith("https://")).toBe(true);
  });

  it("leaves URLs in list items and headings alone, as WordPress does", () => {
    expect(blocksOf("<ul><li>https://youtu.be/dQw4w9WgXcQ</li></ul>")).toEqual([
      { type: "list", ordered: false, items: [[{ text: "https://youtu.be/dQw4w9WgXcQ" }]] },
    ]);
  });

  it("makes any other URL alone on its line a link, and leaves URLs inside sentences alone", () => {
    expect(blocksOf("https://twitter.com/x/status/1\n\nSee https://ex.org today")).toEqual([
      {
        type: "paragraph",
        content: [
          { text: "https://twitter.com/x/status/1", href: "https://twitter.com/x/status/1" },
        ],
      },
      p("See https://ex.org today"),
    ]);
  });
});

describe("shortcodes", () => {
  it("[caption] becomes an image with its caption and attachment id", () => {
    expect(
      blocksOf(
        'Text\n\n[caption id="attachment_12" align="aligncenter" width="640"]<a href="https://ex.org/p.jpg"><img class="size-large wp-image-99" src="https://ex.org/p-640x480.jpg" alt="Harbour" /></a> The <strong>harbour</strong> at dawn[/caption]',
      ),
    ).toEqual([
      p("Text"),
      {
        type: "image-ref",
        src: "https://ex.org/p-640x480.jpg",
        alt: "Harbour",
        attachmentId: "12",
        caption: [{ text: "The " }, { text: "harbour", bold: true }, { text: " at dawn" }],
      },
    ]);
  });

  it("[caption] of old posts takes the caption attribute", () => {
    expect(
      blocksOf(
        '[caption id="attachment_3" caption="Old &amp; gold"]<img src="https://ex.org/o.jpg" alt="" />[/caption]',
      ),
    ).toEqual([
      {
        type: "image-ref",
        src: "https://ex.org/o.jpg",
        alt: "",
        attachmentId: "3",
        caption: [{ text: "Old & gold" }],
      },
    ]);
  });

  it("[gallery] gives a gallery of one image per id (ids= and include=)", () => {
    const ref = (attachmentId: string) => ({ type: "image-ref", src: "", alt: "", attachmentId });
    const gallery = (...ids: string[]) => ({ type: "gallery-ref", images: ids.map(ref) });
    expect(blocksOf('[gallery ids="1,2, 3"]')).toEqual([gallery("1", "2", "3")]);
    expect(blocksOf("[gallery columns=\"2\" include='7,8']")).toEqual([gallery("7", "8")]);
    expect(convert("[gallery]").notes[0]).toMatch(/\[gallery\] without ids/);
  });

  it("[embed], [video], [youtube] and [vimeo] become videos", () => {
    const blocks = blocksOf(
      [
        '[embed width="500"]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]',
        '[video width="640" mp4="https://ex.org/clip.mp4"][/video]',
        "[youtube https://www.youtube.com/watch?v=abcDEF12345&amp;w=640]",
        "[youtube=https://youtu.be/abcDEF12346]",
        "[vimeo 76979871]",
      ].join("\n\n"),
    );
    expect(blocks).toEqual([
      expect.objectContaining({ type: "video", provider: "youtube", videoId: "dQw4w9WgXcQ" }),
      expect.objectContaining({
        type: "video",
        provider: "other",
        url: "https://ex.org/clip.mp4",
        source: { name: "ex.org" },
      }),
      expect.objectContaining({ type: "video", provider: "youtube", videoId: "abcDEF12345" }),
      expect.objectContaining({ type: "video", provider: "youtube", videoId: "abcDEF12346" }),
      expect.objectContaining({ type: "video", provider: "vimeo", videoId: "76979871" }),
    ]);
  });

  it("an http-only [video] becomes a link, noted; an [audio] a sound file for the importer to resolve", () => {
    const { blocks, notes } = convert(
      '[video src="http://ex.org/v.mp4" /]\n\n[audio mp3="https://ex.org/a.mp3"][/audio]',
    );
    expect(blocks).toEqual([
      {
        type: "paragraph",
        content: [{ text: "http://ex.org/v.mp4", href: "http://ex.org/v.mp4" }],
      },
      { type: "audio-ref", src: "https://ex.org/a.mp3" },
    ]);
    expect(notes).toEqual(["[video] of http://ex.org/v.mp4 kept as a link"]);
  });

  it("reads wp:audio's attachment id and caption, and a classic <audio>'s <source>", () => {
    const { blocks } = convert(
      '<!-- wp:audio {"id":77} -->\n<figure class="wp-block-audio"><audio controls src="https://ex.org/wp-content/uploads/b.mp3"></audio><figcaption>Heard <strong>live</strong></figcaption></figure>\n<!-- /wp:audio -->\n\n<audio controls><source src="https://ex.org/c.ogg" type="audio/ogg"></audio>',
    );
    expect(blocks).toEqual([
      {
        type: "audio-ref",
        src: "https://ex.org/wp-content/uploads/b.mp3",
        attachmentId: "77",
        caption: [{ text: "Heard " }, { text: "live", bold: true }],
      },
      { type: "audio-ref", src: "https://ex.org/c.ogg" },
    ]);
  });

  it("keeps unknown shortcodes as text with a note, and leaves [sic] and [1] alone", () => {
    const { blocks, notes } = convert(
      '[contact-form-7 id="5" title="Contact"]\n\nHe said [sic] it twice [1].',
    );
    expect(blocks).toEqual([
      p('[contact-form-7 id="5" title="Contact"]'),
      p("He said [sic] it twice [1]."),
    ]);
    expect(notes).toEqual(["unknown shortcode [contact-form-7] kept as text"]);
  });

  it("puts a shortcode inside legacy markup back as it was written", () => {
    expect(
      blocksOf(
        '<table><tr><td>[caption id="attachment_1"]<img src="https://ex.org/c.jpg" alt="C"> Cap[/caption]</td></tr></table>',
      ),
    ).toEqual([
      {
        type: "html",
        html: '<table><tr><td>[caption id="attachment_1"]<img src="https://ex.org/c.jpg" alt="C" loading="lazy" /> Cap[/caption]</td></tr></table>',
        reason: "<table>",
      },
    ]);
  });

  it("[[caption]] is the literal text [caption]", () => {
    expect(blocksOf("Write [[caption]] to add one.")).toEqual([p("Write [caption] to add one.")]);
  });
});

const wp = (name: string, inner: string, attrs?: object) =>
  `<!-- wp:${name}${attrs ? ` ${JSON.stringify(attrs)}` : ""} -->\n${inner}\n<!-- /wp:${name} -->`;

describe("block editor content", () => {
  it("converts paragraph, heading (level from the markup), list and separator blocks", () => {
    const content = [
      wp("paragraph", "<p>Hello <strong>there</strong></p>"),
      wp("heading", '<h3 class="wp-block-heading">Section</h3>', { level: 3 }),
      wp("list", [wp("list-item", "<li>A</li>"), wp("list-item", "<li>B</li>")].join("\n"), {
        ordered: true,
      })
        .replace("\n<!-- wp:list-item", "\n<ol>\n<!-- wp:list-item")
        .replace("-->\n<!-- /wp:list -->", "-->\n</ol>\n<!-- /wp:list -->"),
      wp("separator", '<hr class="wp-block-separator has-alpha-channel-opacity"/>'),
      "<!-- wp:separator /-->",
    ].join("\n\n");
    expect(blocksOf(content)).toEqual([
      { type: "paragraph", content: [{ text: "Hello " }, { text: "there", bold: true }] },
      { type: "heading", level: 3, content: [{ text: "Section" }] },
      { type: "list", ordered: true, items: [[{ text: "A" }], [{ text: "B" }]] },
      { type: "divider" },
      { type: "divider" },
    ]);
  });

  it("converts quote (inner paragraphs, cite) and pullquote; an uncited quote is noted", () => {
    const quote = wp(
      "quote",
      `<blockquote class="wp-block-quote">${wp("paragraph", "<p>Inner words</p>")}<cite>Grace Hopper</cite></blockquote>`,
    );
    const pull = wp(
      "pullquote",
      '<figure class="wp-block-pullquote"><blockquote><p>Pulled</p><cite>Editor</cite></blockquote></figure>',
    );
    const bare = wp(
      "quote",
      `<blockquote class="wp-block-quote">${wp("paragraph", "<p>Nobody</p>")}</blockquote>`,
    );
    const { blocks, notes } = convert([quote, pull, bare].join("\n\n"));
    expect(blocks).toEqual([
      { type: "quote", content: [{ text: "Inner words" }], speaker: "Grace Hopper" },
      { type: "quote", content: [{ text: "Pulled" }], speaker: "Editor" },
      { type: "paragraph", content: [{ text: "Nobody", italic: true }] },
    ]);
    expect(notes).toContain("quote without attribution kept as italic text");
  });

  it("converts an image block: id attribute, alt and figcaption", () => {
    expect(
      blocksOf(
        wp(
          "image",
          '<figure class="wp-block-image size-large"><img src="https://ex.org/wp-content/uploads/b-1024x683.jpg" alt="Boats" class="wp-image-7"/><figcaption class="wp-element-caption">Boats <em>at rest</em></figcaption></figure>',
          { id: 70, sizeSlug: "large" },
        ),
      ),
    ).toEqual([
      {
        type: "image-ref",
        src: "https://ex.org/wp-content/uploads/b-1024x683.jpg",
        alt: "Boats",
        attachmentId: "70",
        caption: [{ text: "Boats " }, { text: "at rest", italic: true }],
      },
    ]);
  });

  it("converts galleries to gallery references: nested image blocks, the 5.x figure list, the ids attribute", () => {
    const nested = wp(
      "gallery",
      `<figure class="wp-block-gallery has-nested-images">${wp("image", '<figure class="wp-block-image"><img src="https://ex.org/1.jpg" alt="One" class="wp-image-1"/></figure>', { id: 1 })}${wp("image", '<figure class="wp-block-image"><img src="https://ex.org/2.jpg" alt="Two" class="wp-image-2"/><figcaption>Second</figcaption></figure>', { id: 2 })}<figcaption class="blocks-gallery-caption">Both</figcaption></figure>`,
      { linkTo: "none" },
    );
    const list = wp(
      "gallery",
      '<figure class="wp-block-gallery columns-2"><ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure><img src="https://ex.org/3.jpg" alt="Three" data-id="3" class="wp-image-3"/><figcaption class="blocks-gallery-item__caption">Third</figcaption></figure></li><li class="blocks-gallery-item"><figure><img src="https://ex.org/4.jpg" alt="" data-id="4" class="wp-image-4"/></figure></li></ul><figcaption class="blocks-gallery-caption">Set <em>two</em></figcaption></figure>',
      { ids: [3, 4] },
    );
    const old = '<!-- wp:gallery {"ids":[5,6]} /-->';
    expect(blocksOf(`${nested}\n\n${list}\n\n${old}`)).toEqual([
      {
        type: "gallery-ref",
        images: [
          { type: "image-ref", src: "https://ex.org/1.jpg", alt: "One", attachmentId: "1" },
          {
            type: "image-ref",
            src: "https://ex.org/2.jpg",
            alt: "Two",
            attachmentId: "2",
            caption: [{ text: "Second" }],
          },
        ],
        caption: [{ text: "Both" }],
      },
      {
        type: "gallery-ref",
        images: [
          {
            type: "image-ref",
            src: "https://ex.org/3.jpg",
            alt: "Three",
            attachmentId: "3",
            caption: [{ text: "Third" }],
          },
          { type: "image-ref", src: "https://ex.org/4.jpg", alt: "", attachmentId: "4" },
        ],
        caption: [{ text: "Set " }, { text: "two", italic: true }],
      },
      {
        type: "gallery-ref",
        images: [
          { type: "image-ref", src: "", alt: "", attachmentId: "5" },
          { type: "image-ref", src: "", alt: "", attachmentId: "6" },
        ],
      },
    ]);
  });

  it("keeps the caption of a gallery with no image as a paragraph", () => {
    expect(
      blocksOf(
        wp(
          "gallery",
          '<figure class="wp-block-gallery has-nested-images"><figcaption class="blocks-gallery-caption">Photos to come</figcaption></figure>',
        ),
      ),
    ).toEqual([p("Photos to come")]);
  });

  it("turns YouTube and Vimeo embeds into videos; Twitter embeds into a link (noted)", () => {
    const yt = wp(
      "embed",
      '<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n</div><figcaption>The video</figcaption></figure>',
      {
        url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        type: "video",
        providerNameSlug: "youtube",
      },
    );
    const legacyName = wp(
      "core-embed/vimeo",
      '<figure class="wp-block-embed-vimeo"><div class="wp-block-embed__wrapper">\nhttps://vimeo.com/76979871\n</div></figure>',
      { url: "https://vimeo.com/76979871" },
    );
    const tweet = wp(
      "embed",
      '<figure class="wp-block-embed is-type-rich is-provider-twitter"><div class="wp-block-embed__wrapper">\nhttps://twitter.com/jack/status/20\n</div></figure>',
      { url: "https://twitter.com/jack/status/20", providerNameSlug: "twitter" },
    );
    const { blocks, notes } = convert([yt, legacyName, tweet].join("\n\n"));
    expect(blocks).toEqual([
      {
        type: "video",
        provider: "youtube",
        videoId: "dQw4w9WgXcQ",
        url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        title: "YouTube video",
        caption: [{ text: "The video" }],
        source: { name: "YouTube" },
      },
      expect.objectContaining({ type: "video", provider: "vimeo", videoId: "76979871" }),
      {
        type: "paragraph",
        content: [
          {
            text: "https://twitter.com/jack/status/20",
            href: "https://twitter.com/jack/status/20",
          },
        ],
      },
    ]);
    expect(notes).toContain("embed (twitter) kept as a link");
  });

  it("turns a video block into a video that links out", () => {
    expect(
      blocksOf(
        wp(
          "video",
          '<figure class="wp-block-video"><video controls src="https://ex.org/v.mp4"></video><figcaption>Clip</figcaption></figure>',
          { id: 9 },
        ),
      ),
    ).toEqual([
      {
        type: "video",
        provider: "other",
        url: "https://ex.org/v.mp4",
        title: "Video",
        caption: [{ text: "Clip" }],
        source: { name: "ex.org" },
      },
    ]);
  });

  it("makes table, code and preformatted blocks typed blocks; html stays legacy HTML", () => {
    const { blocks, legacy } = convert(
      [
        wp(
          "table",
          '<figure class="wp-block-table"><table><thead><tr><th>Party</th><th>Seats</th></tr></thead><tbody><tr><td>Green</td><td><strong>12</strong></td></tr></tbody><tfoot><tr><td>Total</td><td>12</td></tr></tfoot></table><figcaption class="wp-element-caption">Seats <em>won</em></figcaption></figure>',
        ),
        wp(
          "code",
          '<pre class="wp-block-code"><code>if (a &lt; b) {\n  return "[gallery]";\n}</code></pre>',
        ),
        wp("preformatted", '<pre class="wp-block-preformatted">a\n  b</pre>'),
        wp("html", '<div onclick="steal()"><b>Raw</b><script>alert(1)</script></div>'),
      ].join("\n\n"),
    );
    expect(legacy).toEqual(["wp:html"]);
    expect(blocks).toEqual([
      {
        type: "table",
        caption: "Seats won",
        headerRow: true,
        rows: [
          [[{ text: "Party" }], [{ text: "Seats" }]],
          [[{ text: "Green" }], [{ text: "12", bold: true }]],
          [[{ text: "Total" }], [{ text: "12" }]],
        ],
      },
      { type: "code", code: 'if (a < b) {\n  return "[gallery]";\n}' },
      { type: "code", code: "a\n  b" },
      { type: "html", html: "<b>Raw</b>", reason: "wp:html" },
    ]);
  });

  it("keeps tables and preformatted text a typed block cannot show as legacy HTML named after the block", () => {
    const table = (inner: string) =>
      wp("table", `<figure class="wp-block-table"><table>${inner}</table></figure>`);
    const { blocks, legacy, notes } = convert(
      [
        table('<tbody><tr><td colspan="2">merged</td></tr><tr><td>a</td><td>b</td></tr></tbody>'),
        table("<tbody><tr><td>1</td><td>2</td></tr><tr><td>ragged</td></tr></tbody>"),
        table(`<tbody><tr>${"<td>x</td>".repeat(60)}</tr></tbody>`),
        table(
          "<tbody><tr><th>Row head</th><td>1</td></tr><tr><th>Other</th><td>2</td></tr></tbody>",
        ),
        table('<tbody><tr><td><img src="https://ex.org/i.jpg" alt="I"></td></tr></tbody>'),
        wp(
          "table",
          '<figure class="wp-block-table"><table><tbody><tr><td>1</td></tr></tbody></table><figcaption>Source: <a href="https://ons.example">ONS</a></figcaption></figure>',
        ),
        wp("preformatted", '<pre class="wp-block-preformatted">a <strong>bold</strong> line</pre>'),
        wp("verse", '<pre class="wp-block-verse">Roses\n  are red</pre>'),
      ].join("\n\n"),
    );
    expect(blocks.map((b) => b.type)).toEqual(Array(8).fill("html"));
    expect(legacy).toEqual([...Array(6).fill("wp:table"), "wp:preformatted", "wp:verse"]);
    // Nothing is lost: every cell of the 60-column row is in the kept markup.
    const wide = blocks[2] as { html: string };
    expect(wide.html.match(/<td>x<\/td>/g)).toHaveLength(60);
    expect(blocks[1]).toEqual({
      type: "html",
      html: "<figure><table><tbody><tr><td>1</td><td>2</td></tr><tr><td>ragged</td></tr></tbody></table></figure>",
      reason: "wp:table",
    });
    expect(blocks[5]).toMatchObject({
      html: expect.stringContaining('Source: <a href="https://ons.example"'),
    });
    expect(notes).toEqual([
      "wp:table kept as HTML: merged cells (colspan or rowspan), which the table block cannot show",
      "wp:table kept as HTML: rows of different lengths",
      "wp:table kept as HTML: 60 columns (a table block holds at most 50)",
      "wp:table kept as HTML: header cells beside the first row",
      "wp:table kept as HTML: a cell holding more than text",
      "wp:table kept as HTML: a link in its caption",
      "wp:preformatted kept as HTML: a <strong> inside it, which a code block cannot show",
    ]);
  });

  it("keeps a table over 5,000 cells as legacy HTML", () => {
    const rows = `<tr>${"<td>1</td>".repeat(50)}</tr>`.repeat(101);
    const { blocks, notes } = convert(`<table>${rows}</table>`);
    expect(blocks).toEqual([{ type: "html", html: `<table>${rows}</table>`, reason: "<table>" }]);
    expect(notes).toEqual(["<table> kept as HTML: 5050 cells (a table block holds at most 5000)"]);
  });

  it("reads a classic table's own caption and header row, and a code language from its class", () => {
    const { blocks } = convert(
      '<table>\n<caption>Fares</caption>\n<tr><th>Route</th><th>Price</th></tr>\n<tr><td>A</td><td>£2</td></tr>\n<tr><td></td><td>£3</td></tr>\n</table>\n\n<pre class="lang-PHP"><code>&lt;?php echo 1;</code></pre>\n\n<pre><code class="language-js">\nlet a = [1];\n</code></pre>',
    );
    expect(blocks).toEqual([
      {
        type: "table",
        caption: "Fares",
        headerRow: true,
        rows: [
          [[{ text: "Route" }], [{ text: "Price" }]],
          [[{ text: "A" }], [{ text: "£2" }]],
          [[], [{ text: "£3" }]],
        ],
      },
      { type: "code", language: "php", code: "<?php echo 1;" },
      { type: "code", language: "js", code: "let a = [1];" },
    ]);
  });

  it("makes an uncited pull quote a pull quote block, in block and classic markup", () => {
    const block = wp(
      "pullquote",
      '<figure class="wp-block-pullquote"><blockquote><p>Every vote</p><p>was <a href="https://ex.org/count">counted</a>.</p></blockquote></figure>',
    );
    const classic = '<blockquote class="wp-block-pullquote"><p>Twice over.</p></blockquote>';
    expect(blocksOf(`${block}\n\n${classic}`)).toEqual([
      {
        type: "pullquote",
        content: [
          { text: "Every vote was " },
          { text: "counted", href: "https://ex.org/count" },
          { text: "." },
        ],
      },
      { type: "pullquote", content: [{ text: "Twice over." }] },
    ]);
  });

  it("turns player embed code pasted into a Custom HTML block into a video", () => {
    const { blocks, legacy } = convert(
      wp(
        "html",
        '<div class="embed"><iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Clip" allowfullscreen></iframe></div>',
      ),
    );
    expect(blocks).toEqual([
      expect.objectContaining({
        type: "video",
        provider: "youtube",
        videoId: "dQw4w9WgXcQ",
        title: "Clip",
      }),
    ]);
    expect(legacy).toEqual([]);
  });

  it("flattens columns, groups, cover and media-text in reading order, even nested", () => {
    const column = (inner: string) => wp("column", `<div class="wp-block-column">${inner}</div>`);
    const content = wp(
      "group",
      `<div class="wp-block-group">${wp(
        "columns",
        `<div class="wp-block-columns">${column(wp("paragraph", "<p>Left</p>"))}${column(
          wp(
            "columns",
            `<div class="wp-block-columns">${column(wp("paragraph", "<p>Inner right</p>"))}</div>`,
          ),
        )}</div>`,
      )}${wp(
        "cover",
        `<div class="wp-block-cover"><img class="wp-block-cover__image-background wp-image-31" alt="" src="https://ex.org/c.jpg" data-object-fit="cover"/><div class="wp-block-cover__inner-container">${wp("heading", "<h2>On cover</h2>")}</div></div>`,
        { url: "https://ex.org/c.jpg", id: 31 },
      )}${wp(
        "media-text",
        `<div class="wp-block-media-text"><figure class="wp-block-media-text__media"><img src="https://ex.org/m.jpg" alt="M" class="wp-image-32 size-full"/></figure><div class="wp-block-media-text__content">${wp("paragraph", "<p>Beside</p>")}</div></div>`,
        { mediaId: 32 },
      )}</div>`,
    );
    expect(blocksOf(content)).toEqual([
      p("Left"),
      p("Inner right"),
      { type: "image-ref", src: "https://ex.org/c.jpg", alt: "", attachmentId: "31" },
      { type: "heading", level: 2, content: [{ text: "On cover" }] },
      { type: "image-ref", src: "https://ex.org/m.jpg", alt: "M", attachmentId: "32" },
      p("Beside"),
    ]);
  });

  it("runs shortcode blocks, drops more/nextpage, notes reusable and dynamic blocks, keeps unknown ones as legacy", () => {
    const { blocks, legacy, notes } = convert(
      [
        wp("shortcode", '[gallery ids="4"]'),
        "<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->",
        "<!-- wp:nextpage -->\n<!--nextpage-->\n<!-- /wp:nextpage -->",
        '<!-- wp:block {"ref":12} /-->',
        '<!-- wp:latest-posts {"postsToShow":3} /-->',
        wp("acme/price-box", '<div class="acme-price"><p>£10</p></div>'),
      ].join("\n\n"),
    );
    expect(blocks).toEqual([
      {
        type: "gallery-ref",
        images: [{ type: "image-ref", src: "", alt: "", attachmentId: "4" }],
      },
      { type: "html", html: "<p>£10</p>", reason: "wp:acme/price-box" },
    ]);
    expect(legacy).toEqual(["wp:acme/price-box"]);
    expect(notes).toEqual([
      "reusable block 12 not included (its content is a separate wp_block post)",
      "wp:latest-posts (rendered by WordPress on each view) dropped",
    ]);
  });

  it("reads a post mixing classic HTML and blocks: freeform parts follow wpautop", () => {
    const content = `Classic intro\nstill intro.\n\nSecond classic.\n\n${wp("paragraph", "<p>A block</p>")}\n\nClassic tail with [caption id="attachment_8"]<img src="https://ex.org/t.jpg" alt="T"/> Tail[/caption]`;
    expect(blocksOf(content)).toEqual([
      p("Classic intro still intro."),
      p("Second classic."),
      p("A block"),
      p("Classic tail with"),
      {
        type: "image-ref",
        src: "https://ex.org/t.jpg",
        alt: "T",
        attachmentId: "8",
        caption: [{ text: "Tail" }],
      },
    ]);
  });

  it("survives malformed block markup: a missing closer, a stray closer and bad JSON", () => {
    expect(blocksOf("<!-- wp:paragraph -->\n<p>Never closed</p>")).toEqual([p("Never closed")]);
    expect(blocksOf("<p>Before</p>\n<!-- /wp:paragraph -->\n<p>After</p>")).toEqual([
      p("Before"),
      p("After"),
    ]);
    expect(
      blocksOf(
        '<!-- wp:image {"id":12,,} -->\n<figure><img src="https://ex.org/i.jpg" alt="I"/></figure>\n<!-- /wp:image -->',
      ),
    ).toEqual([{ type: "image-ref", src: "https://ex.org/i.jpg", alt: "I" }]);
  });
});

describe("unicode", () => {
  it("keeps emoji, right-to-left text, combining marks and bidi controls exactly", () => {
    const texts = [
      "Family 👨‍👩‍👧‍👦 and flags 🇺🇦 and skin tones 👍🏽",
      "مرحبا بالعالم — שלום עולם",
      "Cafe\u0301 and n\u0303 and Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗",
      "Mixed \u202bRTL embed\u202c and \u2067isolate\u2069 with \u200f marks \u200e and ZWJ\u200d",
    ];
    for (const text of texts) {
      expect(blocksOf(text)).toEqual([p(text)]);
      expect(blocksOf(wp("paragraph", `<p>${text}</p>`))).toEqual([p(text)]);
    }
  });

  it("keeps no-break spaces inside text but drops paragraphs that hold only invisible characters", () => {
    expect(blocksOf("<p>10\u00a0km</p><p>\u00a0\u200b</p>")).toEqual([p("10\u00a0km")]);
  });
});

describe("hostile HTML", () => {
  it("never keeps anything executable: scripts, handlers and script URLs end up dropped or as text", () => {
    const { blocks, notes } = convert(
      `<p>Hi <img src=x onerror="alert(1)"> there<script>alert(2)</script><style>p{}</style></p>\n\n<a href="javascript:alert(3)">click</a> <a href=" JaVaScRiPt:alert(4)">two</a> <a href="data:text/html,x">three</a>\n\n&lt;script&gt;alert(5)&lt;/script&gt;\n\n<svg onload="alert(6)"><text>svg</text></svg><form action="https://evil"><input value="x"></form>`,
    );
    const json = JSON.stringify(blocks);
    expect(json).not.toMatch(/onerror|onload|javascript:|data:text/i);
    expect(blocks).toContainEqual(p("<script>alert(5)</script>"));
    expect(blocks).toContainEqual(p("click two three"));
    expect(notes).toContain("<script> dropped");
    expect(notes).toContain("<form> dropped");
  });

  it("sanitizes legacy HTML and survives absurd nesting", () => {
    const { blocks } = convert(
      `<table><tr><td rowspan="2"><a href="javascript:x()" onmouseover="y()">a</a><iframe src="https://evil"></iframe></td></tr></table>`,
    );
    expect(blocks).toEqual([
      { type: "html", html: '<table><tr><td rowspan="2">a</td></tr></table>', reason: "<table>" },
    ]);
    const deep = `${"<div>".repeat(20000)}deep${"</div>".repeat(20000)}`;
    expect(blocksOf(deep)).toEqual([p("deep")]);
    const deepBlocks = `${"<!-- wp:group -->".repeat(5000)}<p>inside</p>${"<!-- /wp:group -->".repeat(5000)}`;
    expect(blocksOf(deepBlocks)).toEqual([p("inside")]);
  });
});

describe("originalImageUrl", () => {
  it.each([
    [
      "https://ex.org/wp-content/uploads/2020/01/photo-1024x768.jpg",
      "https://ex.org/wp-content/uploads/2020/01/photo.jpg",
    ],
    [
      "https://ex.org/wp-content/uploads/photo-scaled.jpg",
      "https://ex.org/wp-content/uploads/photo.jpg",
    ],
    [
      "https://ex.org/wp-content/uploads/photo-rotated.jpeg",
      "https://ex.org/wp-content/uploads/photo.jpeg",
    ],
    [
      "https://ex.org/wp-content/uploads/photo-150x150.PNG?ver=2#x",
      "https://ex.org/wp-content/uploads/photo.PNG?ver=2#x",
    ],
    // A second upload of a file called photo-1024x768.jpg, not a size of photo.jpg.
    [
      "https://ex.org/wp-content/uploads/photo-1024x768-1.jpg",
      "https://ex.org/wp-content/uploads/photo-1024x768-1.jpg",
    ],
    [
      "https://ex.org/wp-content/uploads/photo-1-300x200.jpg",
      "https://ex.org/wp-content/uploads/photo-1.jpg",
    ],
    [
      "https://ex.org/wp-content/uploads/photo-e1590000000000-300x200.jpg",
      "https://ex.org/wp-content/uploads/photo-e1590000000000.jpg",
    ],
    ["/wp-content/uploads/photo.jpg", "/wp-content/uploads/photo.jpg"],
  ])("%s → %s", (url, original) => {
    expect(originalImageUrl(url)).toBe(original);
  });
});

describe("htmlToPlainText", () => {
  it("decodes entities, collapses whitespace and leaves out shortcodes and tags", () => {
    expect(
      htmlToPlainText(
        '<p>Fish &amp; <em>chips</em>\n\n&#8220;quoted&#8221;</p><p>Two\u00a0words</p>[caption id="attachment_1"]<img src="x.jpg"/> Cap[/caption]',
      ),
    ).toBe("Fish & chips “quoted” Two\u00a0words");
  });
});

describe("size", () => {
  it("converts a 200 KB post (checked for speed in bench/, here for completeness)", () => {
    const paragraph = `<p>Some <strong>bold</strong> text with a <a href="https://ex.org/">link</a> and more words to fill the line.</p>\n`;
    const content = paragraph.repeat(Math.ceil(200_000 / paragraph.length));
    const { blocks } = convertWordPressContent(content);
    expect(blocks.length).toBe(Math.ceil(200_000 / paragraph.length));
  });
});
