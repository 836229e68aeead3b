// Turns what a writer pastes into a video block (a YouTube or Vimeo address, or a bare id)
// into the block's provider, id and address. Pure.

import { recognizeVideo, type VideoBlock } from "../../content/index.js";

/** What a pasted video address or id means for the block. */
export interface ParsedVideo {
  provider: VideoBlock["provider"];
  videoId?: string;
  url?: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Parses a pasted address or id. A YouTube or Vimeo address gives provider and id (and keeps
 * the address as https); another https address is an "other" video; a bare id keeps
 * `fallbackProvider`. Returns null when the text is neither.
 * @example parseVideoInput("https://youtu.be/dQw4w9WgXcQ") // { provider: "youtube", videoId: "dQw4w9WgXcQ", url: "https://youtu.be/dQw4w9WgXcQ" }
 */
export function parseVideoInput(
  input: string,
  fallbackProvider: VideoBlock["provider"] = "youtube",
): ParsedVideo | null {
  const text = input.trim();
  if (text === "") return null;
  if (ID.test(text) && fallbackProvider !== "other")
    return { provider: fallbackProvider, videoId: text };
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol === "http:") url.protocol = "https:";
  if (url.protocol !== "https:" || !url.hostname.includes(".")) return null;
  const video = recognizeVideo(url);
  return video ? { ...video, url: url.href } : { provider: "other", url: url.href };
}

/** What the block's address field shows: its address, or else its id. */
export function videoInputOf(block: { videoId?: string; url?: string }): string {
  return block.url ?? block.videoId ?? "";
}
