import { describe, expect, it } from "vitest";
import { articlePlainText, type Block } from "../../src/content/index.js";

describe("articlePlainText", () => {
  it("flattens every kind of text block, in order, one block per paragraph", () => {
    const body: Block[] = [
      {
        type: "heading",
        level: 2,
        content: [{ text: "Why this " }, { text: "matters", bold: true }],
      },
      {
        type: "paragraph",
        content: [{ text: "See " }, { text: "the record", href: "https://example.org" }],
      },
      {
        type: "quote",
        content: [{ text: "We are going to start now." }],
        speaker: "Donald Trump",
        setting: "Fox News, Hannity",
      },
      { type: "list", ordered: false, items: [[{ text: "one" }], [{ text: "two" }]] },
      { type: "commentary", paragraphs: [[{ text: "My view." }], [{ text: "Still mine." }]] },
      {
        type: "image",
        mediaId: "m1",
        alt: "Alt is not body text",
        caption: [{ text: "The palace" }],
      },
      {
        type: "video",
        provider: "youtube",
        title: "Press briefing",
        caption: [{ text: "Friday" }],
        source: { name: "DRM News" },
      },
      { type: "tracker", trackerId: "t1", intro: [{ text: "Every pardon." }] },
      { type: "ad", slot: "mid", width: 300, height: 250 },
      { type: "divider" },
    ];
    expect(articlePlainText(body)).toBe(
      [
        "Why this matters",
        "See the record",
        "We are going to start now.\nDonald Trump\nFox News, Hannity",
        "one\ntwo",
        "My view.\nStill mine.",
        "The palace",
        "Press briefing\nFriday\nDRM News",
        "Every pardon.",
      ].join("\n\n"),
    );
  });

  it("gives empty text for an empty body or one without text", () => {
    expect(articlePlainText([])).toBe("");
    expect(articlePlainText([{ type: "divider" }, { type: "image", mediaId: "m", alt: "x" }])).toBe(
      "",
    );
  });
});
