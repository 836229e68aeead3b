// The gallery through the editor: each picture is a node whose text is its caption (bold,
// italic and links kept, as in an image's caption), then the set's caption; Block[] -> TipTap
// JSON -> the editor's own ProseMirror schema -> Block[] gives back the same blocks.
import { getSchema } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { blocksToDoc, docToBlocks, NODE } from "../../src/admin/editor/convert.js";
import { editorExtensions } from "../../src/admin/editor/extensions/index.js";
import { type Block, BlockSchema } from "../../src/content/index.js";

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const schema = getSchema(editorExtensions());
const throughEditor = (blocks: Block[]) => {
  const doc = schema.nodeFromJSON(blocksToDoc(blocks));
  doc.check();
  return docToBlocks(doc.toJSON()).blocks;
};

const GALLERIES: Block[] = [
  {
    type: "gallery",
    images: [
      {
        mediaId: ID(1),
        alt: "The chamber",
        caption: [
          { text: "The mayor, " },
          { text: "visibly tired", italic: true },
          { text: ", at the " },
          { text: "vote", bold: true, href: "https://example.org/vote" },
        ],
      },
      { mediaId: ID(2), alt: "The public benches" },
    ],
    caption: [{ text: "Scenes from the " }, { text: "hearing", bold: true }],
  },
  { type: "gallery", images: [{ mediaId: ID(3), alt: "Alone", caption: [{ text: "One" }] }] },
];

describe("the gallery in the editor", () => {
  it("keeps every caption's marks through the editor's schema", () => {
    for (const block of GALLERIES) expect(BlockSchema.parse(block)).toEqual(block);
    expect(throughEditor(GALLERIES)).toEqual(GALLERIES);
  });

  it("holds one node per picture, its caption as text, then the set's caption", () => {
    const gallery = blocksToDoc(GALLERIES).content?.[0];
    expect(gallery?.content?.map((part) => part.type)).toEqual([
      NODE.galleryImage,
      NODE.galleryImage,
      NODE.galleryCaption,
    ]);
    expect(gallery?.content?.[0]?.attrs).toEqual({ mediaId: ID(1), alt: "The chamber" });
    expect(gallery?.content?.[0]?.content?.[1]).toEqual({
      type: NODE.text,
      text: "visibly tired",
      marks: [{ type: "italic" }],
    });
  });

  it("gives a gallery without captions an empty set caption to type into", () => {
    const bare: Block = { type: "gallery", images: [{ mediaId: ID(4), alt: "Bare" }] };
    const doc = schema.nodeFromJSON(blocksToDoc([bare]));
    expect(doc.firstChild?.lastChild?.type.name).toBe(NODE.galleryCaption);
    expect(docToBlocks(doc.toJSON()).blocks).toEqual([bare]);
  });

  it("keeps a gallery whose last picture was removed, so validation names what it lacks", () => {
    const empty = schema.nodeFromJSON({
      type: NODE.doc,
      content: [{ type: NODE.gallery, content: [{ type: NODE.galleryCaption }] }],
    });
    const [block] = docToBlocks(empty.toJSON()).blocks;
    expect(block).toEqual({ type: "gallery", images: [] });
    expect(BlockSchema.safeParse(block).error?.issues[0]?.message).toBe(
      "a gallery needs at least one image",
    );
  });
});
