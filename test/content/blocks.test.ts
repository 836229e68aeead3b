import { describe, expect, it } from "vitest";
import {
  type Block,
  BlockSchema,
  blockText,
  mediaIdsOf,
  trackerIdsOf,
} from "../../src/content/index.js";

const ID = "0b8e1c9a-1d2e-4f3a-9b8c-7d6e5f4a3b2c";
const VALID_BLOCKS: Block[] = [
  {
    type: "paragraph",
    content: [
      { text: "Plain " },
      { text: "bold", bold: true },
      { text: "link", href: "https://example.org" },
    ],
  },
  { type: "heading", level: 2, content: [{ text: "Why this matters" }] },
  {
    type: "quote",
    content: [{ text: "Words." }],
    speaker: "A Speaker",
    setting: "Fox News, Hannity",
  },
  { type: "list", ordered: false, items: [[{ text: "one" }], [{ text: "two" }]] },
  { type: "image", mediaId: ID, alt: "A balcony", caption: [{ text: "Caption" }] },
  { type: "video", provider: "youtube", title: "Full remarks", source: { name: "DRM News" } },
  {
    type: "video",
    provider: "youtube",
    videoId: "dQw4w9WgXcQ",
    title: "A video",
    source: { name: "Someone" },
  },
  { type: "commentary", paragraphs: [[{ text: "My view." }]] },
  { type: "tracker", trackerId: ID, intro: [{ text: "Our list." }] },
  { type: "ad", slot: "in-article", width: 300, height: 250 },
  { type: "divider" },
];

describe("block schemas", () => {
  it.each(VALID_BLOCKS.map((b) => [b.type, b] as const))(
    "accept a valid %s block",
    (_type, block) => {
      expect(BlockSchema.parse(block)).toEqual(block);
    },
  );

  it.each([
    ["an unknown block type", { type: "marquee" }, "type"],
    ["an image without alt text", { type: "image", mediaId: ID, alt: "  " }, "alt"],
    [
      "a quote without a speaker",
      { type: "quote", content: [{ text: "x" }], speaker: "" },
      "speaker",
    ],
    [
      "a video id with a path in it",
      { type: "video", provider: "youtube", videoId: "../x", title: "t", source: { name: "s" } },
      "videoId",
    ],
    ["an empty paragraph", { type: "paragraph", content: [] }, "content"],
    [
      "a heading level 1 (the headline is the only h1)",
      { type: "heading", level: 1, content: [{ text: "x" }] },
      "level",
    ],
    ["an ad slot with no size", { type: "ad", slot: "x" }, "width"],
  ])("refuse %s", (_name, block, path) => {
    const result = BlockSchema.safeParse(block);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(path);
  });

  it("give the text a reader reads, without ads or dividers", () => {
    expect(VALID_BLOCKS.map(blockText).filter(Boolean)).toEqual([
      "Plain boldlink",
      "Why this matters",
      "Words.",
      "one\ntwo",
      "Caption",
      "My view.",
      "Our list.",
    ]);
  });

  it("list the media and trackers a body refers to", () => {
    expect(mediaIdsOf(VALID_BLOCKS)).toEqual([ID]);
    expect(trackerIdsOf(VALID_BLOCKS)).toEqual([ID]);
  });
});
