import { describe, expect, it } from "vitest";
import { BlockSchema, InlineSchema } from "../../../src/content/index.js";
import {
  type ConvertedContent,
  convertGhostContent,
  type GhostContent,
  ghostHref,
  originalGhostImageUrl,
} from "../../../src/importers/ghost/content.js";

/** Converts and checks every block: Blocks pass BlockSchema, image refs are well formed. */
function convert(content: GhostContent): ConvertedContent {
  const result = convertGhostContent(content);
  for (const block of result.blocks) {
    if (block.type === "image-ref") {
      expect(typeof block.src).toBe("string");
      expect(block.src).not.toBe("");
      expect(block.src).not.toMatch(/\/size\/w\d/);
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
/** A post holding one mobiledoc card. */
const mobiledocCard = (name: string, payload: Record<string, unknown>) =>
  convert(mobiledoc({ cards: [[name, payload]], sections: [[10, 0]] }));
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

  it("keeps an unattributed quote and the aside (pull quote) as italic text, noted", () => {
    const { blocks, notes } = convert(
      lexical(
        element("quote", [text("No one said this.")]),
        element("aside", [text("A line from the piece.")]),
      ),
    );
    expect(blocks).toEqual([
      { type: "paragraph", content: [{ text: "No one said this.", italic: true }] },
      { type: "paragraph", content: [{ text: "A line from the piece.", italic: true }] },
    ]);
    expect(notes).toContain("quote without attribution kept as italic text");
    expect(notes).toContain("pull quote (aside) kept as italic text");
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
      { type: "paragraph", content: [{ text: "Pulled.", italic: true }] },
    ]);
    expect(notes).toEqual([
      "quote without attribution kept as italic text",
      "pull quote (aside) kept as italic text",
    ]);
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
