import { type Block, type UnfinishedBlock, unfinishedText } from "./blocks.js";
import { htmlToText } from "./html-text.js";
import { type Inline, inlineText } from "./inline.js";
import { tableText } from "./writing-blocks.js";

/**
 * The readable text of a body, one block per paragraph, as search indexes it: paragraphs,
 * headings, quotations (with who said them and where), list items, commentary, and the captions
 * and intros of images, videos and trackers, and the words of legacy HTML. Ads and dividers have
 * no text.
 * @example articlePlainText([{ type: "paragraph", content: [{ text: "Hello" }] }]) // "Hello"
 */
export function articlePlainText(body: readonly (Block | UnfinishedBlock)[]): string {
  return body
    .map(blockPlainText)
    .filter((text) => text.length > 0)
    .join("\n\n");
}

/** The readable text of one block, including the attribution lines a reader sees with it. */
export function blockPlainText(block: Block | UnfinishedBlock): string {
  switch (block.type) {
    case "paragraph":
    case "heading":
      return inlineText(block.content).trim();
    case "quote":
      return lines([inlineText(block.content), block.speaker, block.setting]);
    case "list":
      return lines(block.items.map(inlineText));
    case "image":
      return lines([optional(block.caption)]);
    case "video":
      return lines([block.title, optional(block.caption), block.source.name]);
    case "commentary":
      return lines(block.paragraphs.map(inlineText));
    case "tracker":
      return lines([optional(block.intro)]);
    case "html":
      return htmlToText(block.html);
    case "table":
      return tableText(block);
    case "pullquote":
      return inlineText(block.content).trim();
    case "code":
      return block.code;
    case "gallery":
      return lines([...block.images.map((i) => optional(i.caption)), optional(block.caption)]);
    case "audio":
    case "video-file":
      return lines([block.title, optional(block.caption), block.transcript]);
    case "document":
      return lines([block.title, optional(block.caption)]);
    case "ad":
    case "divider":
      return "";
    // A draft's unfinished block: the words it has so far (drafts are searched by staff only).
    case "incomplete":
      return unfinishedText(block);
  }
}

function optional(runs: Inline | undefined): string | undefined {
  return runs === undefined ? undefined : inlineText(runs);
}

function lines(parts: readonly (string | undefined)[]): string {
  return parts
    .map((p) => p?.trim() ?? "")
    .filter((p) => p.length > 0)
    .join("\n");
}
