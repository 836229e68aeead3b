// Turns what a writer pastes into a video block (a YouTube or Vimeo address, or a bare id)
// into the block's provider, id and address. Pure.

import type { VideoBlock } from "../../content/index.js";

/** What a pasted video address or id means for the block. */
export interface ParsedVideo {
  provider: VideoBlock["provider"];
  videoId?: string;
  url?: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const YOUTUBE_HOSTS = new Set([
  "youtube.com",
  "www.youtube.com",
  "m.youtube.com",
  "music.youtube.com",
  "youtube-nocookie.com",
  "www.youtube-nocookie.com",
]);

function youtubeId(url: URL): string | undefined {
  if (url.hostname === "youtu.be") return url.pathname.split("/")[1];
  if (!YOUTUBE_HOSTS.has(url.hostname)) return undefined;
  if (url.pathname === "/watch") return url.searchParams.get("v") ?? undefined;
  const [, kind, id] = url.pathname.split("/");
  return kind === "embed" || kind === "shorts" || kind === "live" || kind === "v" ? id : undefined;
}

function vimeoId(url: URL): string | undefined {
  const host = url.hostname.replace(/^www\./, "");
  if (host !== "vimeo.com" && host !== "player.vimeo.com") return undefined;
  // vimeo.com/123, vimeo.com/channels/staffpicks/123, player.vimeo.com/video/123
  return url.pathname.split("/").find((part) => /^\d+$/.test(part));
}

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
  const yt = youtubeId(url);
  if (yt && ID.test(yt)) return { provider: "youtube", videoId: yt, url: url.href };
  const vimeo = vimeoId(url);
  if (vimeo) return { provider: "vimeo", videoId: vimeo, url: url.href };
  return { provider: "other", url: url.href };
}

/** What the block's address field shows: its address, or else its id. */
export function videoInputOf(block: { videoId?: string; url?: string }): string {
  return block.url ?? block.videoId ?? "";
}
