// Rendering the table, pull quote and code blocks, a paragraph that is only a link to a tracker,
// and their plain text for search.
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import {
  articlePlainText,
  type Block,
  blockText,
  TABLE_MAX_CELLS,
  TableBlockSchema,
  trackerLinkSlug,
  trackerLinkSlugsOf,
} from "../../src/content/index.js";
import { Body } from "../../src/site/blocks/index.js";
import { fullContentHtml } from "../../src/site/feeds/content.js";
import { tracker } from "./fixtures.js";

const cell = (text: string) => [{ text }];
const table: Block = {
  type: "table",
  caption: "Seats <won>",
  headerRow: true,
  rows: [
    [cell("Party"), cell("Seats")],
    [[{ text: "Greens", bold: true }], cell("12")],
  ],
};
const code: Block = {
  type: "code",
  language: "HTML",
  code: '<script>alert("x")</script>\n\tindented  two',
};
const pullquote: Block = {
  type: "pullquote",
  content: [{ text: "Never " }, { text: "again", italic: true }],
};
const refs = { media: {}, trackers: { [tracker.id]: tracker } };
const render = (blocks: Block[], origin?: string) =>
  renderToString(<Body blocks={blocks} refs={{ ...refs, ...(origin ? { origin } : {}) }} />);

describe("table block", () => {
  it("renders a caption, column headers with scope and escaped cells", () => {
    const out = render([table]);
    expect(out).toContain("<caption>Seats &lt;won></caption>");
    expect(out).toContain(
      '<thead><tr><th scope="col">Party</th><th scope="col">Seats</th></tr></thead>',
    );
    expect(out).toContain("<tbody><tr><td><strong>Greens</strong></td><td>12</td></tr></tbody>");
    expect(out).toMatch(/<section class="table-block" aria-label="Seats &lt;won>" tabindex="0">/);
  });

  it("without a header row has no <thead>", () => {
    const out = render([{ ...table, headerRow: false } as Block]);
    expect(out).not.toContain("<th");
    expect(out.match(/<tr>/g)).toHaveLength(2);
  });

  it("refuses ragged rows and more than the cell limit, with one message", () => {
    const ragged = TableBlockSchema.safeParse({
      type: "table",
      headerRow: false,
      rows: [[[], []], [[]]],
    });
    expect(ragged.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["rows.1", "row 2 has 1 cells; every row needs 2, as the first"],
    ]);
    const rows = Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => cell("x")));
    const huge = TableBlockSchema.safeParse({ type: "table", headerRow: false, rows });
    expect(huge.error?.issues).toHaveLength(1);
    expect(huge.error?.issues[0]?.message).toContain(
      `at most ${TABLE_MAX_CELLS.toLocaleString("en")} cells`,
    );
  });

  it("is searchable: caption, then a line per row", () => {
    expect(blockText(table)).toBe("Seats <won>\nParty\tSeats\nGreens\t12");
    expect(articlePlainText([table])).toBe("Seats <won>\nParty\tSeats\nGreens\t12");
  });
});

describe("code block", () => {
  it("keeps whitespace and shows markup as text, with its language", () => {
    const out = render([code]);
    expect(out).toContain('<figcaption class="code-language">HTML</figcaption>');
    expect(out).toContain(
      '<pre tabindex="0"><code class="language-html">&lt;script>alert(&quot;x&quot;)&lt;/script>\n\tindented  two</code></pre>',
    );
    expect(out).not.toContain("<script");
    expect(articlePlainText([code])).toBe(code.type === "code" ? code.code : "");
  });
});

describe("pull quote block", () => {
  it("is an aside holding the sentence, and its text is searchable", () => {
    expect(render([pullquote])).toBe(
      '<aside class="pull-quote"><p>Never <em>again</em></p></aside>',
    );
    expect(articlePlainText([pullquote])).toBe("Never again");
  });
});

describe("a paragraph that is only a link to a tracker", () => {
  const link = (href: string, text = "See the tracker"): Block => ({
    type: "paragraph",
    content: [{ text: " " }, { text, href }],
  });

  it("shows the tracker's card, for a site path or an absolute address on this site", () => {
    for (const out of [
      render([link(`/trackers/${tracker.slug}`)]),
      render([link(`https://news.example/trackers/${tracker.slug}`)], "https://news.example"),
    ]) {
      expect(out).toContain(`<a class="tracker-card" href="/trackers/${tracker.slug}">`);
      expect(out).toContain(tracker.title);
    }
  });

  it("stays a paragraph with other words, on another site, or for an unknown tracker", () => {
    const withWords: Block = {
      type: "paragraph",
      content: [{ text: "Read " }, { text: "the tracker", href: `/trackers/${tracker.slug}` }],
    };
    for (const block of [
      withWords,
      link(`https://elsewhere.example/trackers/${tracker.slug}`),
      link("/trackers/no-such-tracker"),
    ])
      expect(render([block], "https://news.example")).not.toContain("tracker-card");
  });

  it("names the slugs to load, on any origin (the renderer checks the origin)", () => {
    expect(trackerLinkSlug(link("/trackers/a-b/"))).toBe("a-b");
    expect(trackerLinkSlug(link("https://x.example/trackers/c?utm=1"), "any")).toBeUndefined();
    expect(
      trackerLinkSlugsOf([
        link("/trackers/a"),
        link("https://x.example/trackers/b"),
        link("/trackers/a"),
      ]),
    ).toEqual(["a", "b"]);
  });

  it("is a card in feeds too, with absolute addresses", () => {
    const article = {
      body: [link(`https://news.example/trackers/${tracker.slug}`), table],
    } as never;
    const out = fullContentHtml(article, refs, "https://news.example");
    expect(out).toContain(`href="https://news.example/trackers/${tracker.slug}"`);
    expect(out).toContain('<th scope="col">Party</th>');
  });
});
