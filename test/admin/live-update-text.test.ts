import { getSchema } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { blocksToDoc, docToBlocks } from "../../src/admin/editor/convert.js";
import { liveUpdateExtensions } from "../../src/admin/editor/extensions/index.js";
import { fitsComposer } from "../../src/admin/editor/live-update-text.js";
import { type Block, BlockSchema } from "../../src/content/index.js";

// The live composer writes an update with the body's conversion on a smaller schema: what it can
// hold must come back unchanged (formatting too), and what it cannot is not offered for editing.

const formatted: Block[] = [
  {
    type: "paragraph",
    content: [
      { text: "Officials order " },
      { text: "a recount", bold: true },
      { text: " in the " },
      { text: "north", italic: true, href: "https://example.org/north" },
      { text: "." },
    ],
  },
  { type: "heading", level: 3, content: [{ text: "What we know" }] },
  { type: "list", ordered: true, items: [[{ text: "One", bold: true }], [{ text: "Two" }]] },
  { type: "divider" },
];

describe("the live composer's text", () => {
  const schema = getSchema(liveUpdateExtensions());

  it("holds paragraphs, headings, lists and dividers with their marks, and reads them back unchanged", () => {
    for (const block of formatted) expect(BlockSchema.safeParse(block).success).toBe(true);
    const doc = schema.nodeFromJSON(blocksToDoc(formatted));
    doc.check();
    expect(docToBlocks(doc.toJSON()).blocks).toEqual(formatted);
    expect(fitsComposer(formatted)).toBe(true);
    expect(fitsComposer([])).toBe(true);
  });

  it("does not offer to edit an update holding a block it cannot show", () => {
    const quote: Block = { type: "quote", content: [{ text: "We will win." }], speaker: "A" };
    const image: Block = {
      type: "image",
      mediaId: "00000000-0000-4000-8000-000000000000",
      alt: "x",
    };
    expect(fitsComposer([...formatted, quote])).toBe(false);
    expect(fitsComposer([image])).toBe(false);
  });
});
