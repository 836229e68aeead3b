// The table, pull quote, code and staff HTML blocks through the editor: Block[] -> TipTap JSON ->
// the editor's own ProseMirror schema -> Block[] gives back the same blocks.
import { getSchema } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { blocksToDoc, docToBlocks, NODE } from "../../src/admin/editor/convert.js";
import { editorExtensions } from "../../src/admin/editor/extensions/index.js";
import { filterChoices } from "../../src/admin/editor/insert.js";
import { type Block, BlockSchema } from "../../src/content/index.js";

const schema = getSchema(editorExtensions());
const roundTrip = (blocks: Block[]) =>
  docToBlocks(schema.nodeFromJSON(blocksToDoc(blocks)).toJSON()).blocks;

const BLOCKS: Block[] = [
  {
    type: "table",
    caption: "Seats won",
    headerRow: true,
    rows: [
      [[{ text: "Party" }], [{ text: "Seats" }]],
      [[{ text: "Greens", href: "https://example.org/g" }], []],
    ],
  },
  { type: "table", headerRow: false, rows: [[[{ text: "only", italic: true }]]] },
  {
    type: "pullquote",
    content: [{ text: "We were " }, { text: "never", bold: true }, { text: " told." }],
  },
  { type: "code", language: "python", code: "def f(x):\n\treturn x  # <b>\n\n" },
  { type: "code", code: "  leading spaces" },
  { type: "html", html: "<p>Staff <em>markup</em></p>" },
  { type: "html", html: "<table><tr><td>x</td></tr></table>", reason: "wp:table" },
];

describe("table, pull quote, code and HTML in the editor", () => {
  it("are valid blocks", () => {
    for (const block of BLOCKS) expect(BlockSchema.parse(block)).toEqual(block);
  });

  it("come back from the editor exactly as they went in", () => {
    expect(roundTrip(BLOCKS)).toEqual(BLOCKS);
  });

  it("pads a ragged table's short rows, and drops a table with no text at all", () => {
    const doc = {
      type: NODE.doc,
      content: [
        {
          type: NODE.table,
          attrs: { caption: "", headerRow: false },
          content: [
            {
              type: NODE.tableRow,
              content: [
                { type: NODE.tableCell, content: [{ type: "text", text: "a" }] },
                { type: NODE.tableCell },
              ],
            },
            {
              type: NODE.tableRow,
              content: [{ type: NODE.tableCell, content: [{ type: "text", text: "b" }] }],
            },
          ],
        },
        {
          type: NODE.table,
          attrs: { caption: "", headerRow: true },
          content: [{ type: NODE.tableRow, content: [{ type: NODE.tableCell }] }],
        },
      ],
    };
    expect(docToBlocks(doc).blocks).toEqual([
      {
        type: "table",
        headerRow: false,
        rows: [
          [[{ text: "a" }], []],
          [[{ text: "b" }], []],
        ],
      },
    ]);
  });

  it("offers the HTML block only to those who may write it", () => {
    expect(filterChoices("html").map((c) => c.id)).not.toContain("html");
    expect(filterChoices("html", true).map((c) => c.id)).toContain("html");
    expect(filterChoices("table")[0]?.id).toBe("table");
    expect(filterChoices("pull")[0]?.id).toBe("pullquote");
    expect(filterChoices("code")[0]?.id).toBe("code");
  });
});
