import { readFileSync } from "node:fs";
import { getSchema } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import {
  blocksToDoc,
  docToBlocks,
  inlineToNodes,
  nodesToInline,
} from "../../src/admin/editor/convert.js";
import { editorExtensions } from "../../src/admin/editor/extensions/index.js";
import { type Block, BlockSchema, type Inline } from "../../src/content/index.js";

const MEDIA_ID = "7d1b2c9e-4f6a-4e2b-9a51-0c3d5e7f9a10";
const TRACKER_ID = "2a4c6e80-1b3d-4f5a-8c7e-9d0f1a2b3c4d";

/** The demo's reference article body with its `@kind:key` references replaced by ids. */
function demoBody(): Block[] {
  const demo = JSON.parse(readFileSync("demo/content.json", "utf8")) as {
    articles: { body: unknown[] }[];
  };
  const json = JSON.stringify(demo.articles[0]!.body)
    .replaceAll(/"@media:[^"]+"/g, JSON.stringify(MEDIA_ID))
    .replaceAll(/"@tracker:[^"]+"/g, JSON.stringify(TRACKER_ID));
  return (JSON.parse(json) as unknown[]).map((b) => BlockSchema.parse(b));
}

/** One of every block type, with every optional field filled and every mark used. */
const EVERY_BLOCK: Block[] = [
  {
    type: "paragraph",
    content: [
      { text: "Plain, " },
      { text: "bold", bold: true },
      { text: ", " },
      { text: "italic", italic: true },
      { text: ", " },
      { text: "both and linked", bold: true, italic: true, href: "https://example.org/a?b=c" },
      { text: " and a " },
      { text: "site link", href: "/sections/resist-hate" },
    ],
  },
  { type: "heading", level: 2, content: [{ text: "Level two" }] },
  { type: "heading", level: 3, content: [{ text: "Level three " }, { text: "em", italic: true }] },
  { type: "heading", level: 4, content: [{ text: "Level four" }] },
  {
    type: "quote",
    content: [{ text: "We will " }, { text: "not", bold: true }, { text: " back down." }],
    speaker: "A Speaker",
    setting: "at a press briefing",
    sourceUrl: "https://example.org/briefing",
  },
  { type: "quote", content: [{ text: "Short." }], speaker: "Someone" },
  { type: "list", ordered: false, items: [[{ text: "one" }], [{ text: "two", bold: true }]] },
  { type: "list", ordered: true, items: [[{ text: "first" }], [{ text: "second" }]] },
  {
    type: "image",
    mediaId: MEDIA_ID,
    alt: "A balcony over a square",
    caption: [{ text: "The balcony, " }, { text: "seen from below", italic: true }],
  },
  { type: "image", mediaId: MEDIA_ID, alt: "No caption here" },
  {
    type: "video",
    provider: "youtube",
    videoId: "dQw4w9WgXcQ",
    url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    title: "A video",
    caption: [{ text: "What the video shows" }],
    source: { name: "A channel", url: "https://www.youtube.com/@channel" },
  },
  { type: "video", provider: "other", title: "Unknown address", source: { name: "Somewhere" } },
  {
    type: "commentary",
    label: "My take",
    paragraphs: [[{ text: "First thought, " }, { text: "linked", href: "#x" }], [{ text: "Two" }]],
  },
  { type: "commentary", paragraphs: [[{ text: "Default label" }]] },
  { type: "tracker", trackerId: TRACKER_ID, intro: [{ text: "Every pardon so far." }] },
  { type: "tracker", trackerId: TRACKER_ID },
  { type: "ad", slot: "in-article", width: 300, height: 250 },
  { type: "ad", slot: "leaderboard", width: 728, height: 90 },
  { type: "divider" },
  {
    type: "html",
    html: '<table><tr><td colspan="2">Fish &amp; chips</td></tr></table>',
    reason: "wp:table",
  },
];

const schema = getSchema(editorExtensions());

/** Round trip through the editor's own schema, as loading the body into the editor does. */
function throughEditorSchema(blocks: Block[]) {
  const node = schema.nodeFromJSON(blocksToDoc(blocks));
  node.check();
  return docToBlocks(node.toJSON());
}

describe("the editor document <-> blocks conversion", () => {
  it("round-trips the demo's reference article body unchanged", () => {
    const body = demoBody();
    expect(body.length).toBeGreaterThan(15);
    expect(docToBlocks(blocksToDoc(body)).blocks).toEqual(body);
  });

  it("round-trips every block type with every optional field", () => {
    expect(docToBlocks(blocksToDoc(EVERY_BLOCK)).blocks).toEqual(EVERY_BLOCK);
    for (const block of EVERY_BLOCK) expect(BlockSchema.safeParse(block).success).toBe(true);
  });

  it("produces documents the editor's schema accepts, and reads them back unchanged", () => {
    expect(throughEditorSchema(demoBody()).blocks).toEqual(demoBody());
    expect(throughEditorSchema(EVERY_BLOCK).blocks).toEqual(EVERY_BLOCK);
  });

  it("keeps imported HTML exactly as stored, whitespace and markup included, as one atom node", () => {
    const block: Block = {
      type: "html",
      html: '\n  <p class="x">A <b>bold</b> "quote" &lt;3</p>\n<!-- note -->\t',
      reason: " shortcode [contact-form-7] ",
    };
    const doc = blocksToDoc([block]);
    expect(doc.content).toEqual([
      { type: "legacyHtml", attrs: { html: block.html, reason: block.reason } },
    ]);
    const node = schema.nodeFromJSON(doc);
    expect(node.firstChild?.isAtom).toBe(true);
    expect(throughEditorSchema([block]).blocks).toEqual([block]);
  });

  it("maps each block to its top-level editor node, skipping empty paragraphs", () => {
    const doc = blocksToDoc([{ type: "paragraph", content: [{ text: "a" }] }, { type: "divider" }]);
    doc.content = [
      { type: "paragraph" },
      ...(doc.content ?? []),
      { type: "paragraph", content: [{ type: "text", text: "   " }] },
      { type: "heading", attrs: { level: 2 } },
    ];
    const { blocks, nodeIndex } = docToBlocks(doc);
    expect(blocks.map((b) => b.type)).toEqual(["paragraph", "divider"]);
    expect(nodeIndex).toEqual([1, 2]);
  });

  it("gives an empty body one empty paragraph to type into, which converts back to nothing", () => {
    const doc = blocksToDoc([]);
    expect(doc.content).toEqual([{ type: "paragraph" }]);
    expect(docToBlocks(doc).blocks).toEqual([]);
  });

  it("keeps required fields left empty, so validation can name them", () => {
    const { blocks } = docToBlocks({
      type: "doc",
      content: [
        { type: "image", attrs: { mediaId: MEDIA_ID, alt: "  " } },
        { type: "quote", attrs: { speaker: "" }, content: [{ type: "text", text: "Hi" }] },
      ],
    });
    const issues = blocks.map((b) => BlockSchema.safeParse(b).error?.issues[0]?.path.join("."));
    expect(issues).toEqual(["alt", "speaker"]);
  });

  it("merges neighbouring text with the same marks into one run", () => {
    const runs: Inline = nodesToInline([
      { type: "text", text: "a", marks: [{ type: "bold" }] },
      { type: "text", text: "b", marks: [{ type: "bold" }] },
      { type: "text", text: "c" },
    ]);
    expect(runs).toEqual([{ text: "ab", bold: true }, { text: "c" }]);
    expect(nodesToInline(inlineToNodes(runs))).toEqual(runs);
  });

  it("drops blank list items and commentary paragraphs", () => {
    const { blocks } = docToBlocks({
      type: "doc",
      content: [
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph" }] },
            {
              type: "listItem",
              content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }],
            },
          ],
        },
        { type: "commentary", attrs: { label: "" }, content: [{ type: "paragraph" }] },
      ],
    });
    expect(blocks).toEqual([
      { type: "list", ordered: false, items: [[{ text: "x" }]] },
      { type: "commentary", paragraphs: [] },
    ]);
  });
});
