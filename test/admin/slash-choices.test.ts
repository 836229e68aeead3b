import { describe, expect, it } from "vitest";
import { BLOCK_CHOICES, filterChoices } from "../../src/admin/editor/insert.js";

describe("the block menus' choices", () => {
  it("offer every block of the content model", () => {
    expect(BLOCK_CHOICES.map((c) => c.id).sort()).toEqual(
      [
        "ad",
        "bulletList",
        "commentary",
        "divider",
        "h2",
        "h3",
        "h4",
        "image",
        "orderedList",
        "paragraph",
        "quote",
        "tracker",
        "video",
        "table",
        "pullquote",
        "code",
        "html",
        "gallery",
        "audio",
        "video-file",
        "document",
      ].sort(),
    );
  });

  it.each([
    ["quote", "quote"],
    ["image", "image"],
    ["photo", "image"],
    ["video", "video"],
    ["youtube", "video"],
    ["commentary", "commentary"],
    ["opinion", "commentary"],
    ["tracker", "tracker"],
    ["ad", "ad"],
    ["divider", "divider"],
    ["hr", "divider"],
    ["heading", "h2"],
    ["h3", "h3"],
    ["list", "bulletList"],
    ["numbered", "orderedList"],
  ])("'/%s' puts %s first", (query, id) => {
    expect(filterChoices(query)[0]?.id).toBe(id);
  });

  it("lists everything after a bare slash, and nothing for an unknown word", () => {
    expect(filterChoices("", true)).toHaveLength(BLOCK_CHOICES.length);
    // The HTML block is for those with block.html only.
    expect(filterChoices("")).toHaveLength(BLOCK_CHOICES.length - 1);
    expect(filterChoices("zzz")).toEqual([]);
  });
});
