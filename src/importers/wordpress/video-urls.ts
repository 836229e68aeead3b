// Video addresses as WordPress's oEmbed providers for YouTube and Vimeo accept them, turned into
// Masthead's facade video block. Parsing goes through the WHATWG URL parser, never string cuts.
import type { VideoBlock } from "../../content/index.js";

const VIDEO_ID = /^[A-Za-z0-9_-]{1,64}$/;
const YOUTUBE_HOSTS = new Set([
  "youtube.com",
  "www.youtube.com",
  "m.youtube.com",
  "music.youtube.com",
  "youtube-nocookie.com",
  "www.youtube-nocookie.com",
]);
const VIMEO_HOSTS = new Set(["vimeo.com", "www.vimeo.com", "player.vimeo.com"]);

/** An absolute http(s) URL, `//host/…` read as https; undefined for anything else. */
export function parseWebUrl(raw: string): URL | undefined {
  const trimmed = raw.trim();
  const withScheme = trimmed.startsWith("//") ? `https:${trimmed}` : trimmed;
  if (!/^https?:\/\//i.test(withScheme)) return undefined;
  try {
    return new URL(withScheme);
  } catch {
    return undefined;
  }
}

function youtubeId(url: URL): string | undefined {
  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split("/").filter((s) => s !== "");
  if (host === "youtu.be") return segments[0];
  if (!YOUTUBE_HOSTS.has(host)) return undefined;
  if (segments[0] === "watch") return url.searchParams.get("v") ?? undefined;
  if (["embed", "shorts", "live", "v", "e"].includes(segments[0] ?? "")) return segments[1];
  return undefined;
}

function vimeoId(url: URL): string | undefined {
  if (!VIMEO_HOSTS.has(url.hostname.toLowerCase())) return undefined;
  // vimeo.com/123, vimeo.com/123/unlistedhash, vimeo.com/channels/x/123, player.vimeo.com/video/123
  return url.pathname
    .split("/")
    .filter((s) => s !== "")
    .find((s) => /^\d+$/.test(s));
}

/**
 * The facade video block for a YouTube or Vimeo address (watch, short, embed and share forms),
 * or undefined when the address is neither. The stored url is the https form of the address.
 * @example videoFromUrl("https://youtu.be/dQw4w9WgXcQ")?.videoId // "dQw4w9WgXcQ"
 */
export function videoFromUrl(raw: string, caption?: VideoBlock["caption"]): VideoBlock | undefined {
  const url = parseWebUrl(raw);
  if (!url) return undefined;
  url.protocol = "https:";
  const withCaption = caption && caption.length > 0 ? { caption } : {};
  const yt = youtubeId(url);
  if (yt !== undefined && VIDEO_ID.test(yt))
    return {
      type: "video",
      provider: "youtube",
      videoId: yt,
      url: url.href,
      title: "YouTube video",
      ...withCaption,
      source: { name: "YouTube" },
    };
  const vimeo = vimeoId(url);
  if (vimeo !== undefined)
    return {
      type: "video",
      provider: "vimeo",
      videoId: vimeo,
      url: url.href,
      title: "Vimeo video",
      ...withCaption,
      source: { name: "Vimeo" },
    };
  return undefined;
}

/**
 * A video file or player on any other https host, as a block that links out (the site never
 * loads it unasked); undefined when the address is not https, since the block refuses http.
 */
export function otherVideoFromUrl(
  raw: string,
  caption?: VideoBlock["caption"],
): VideoBlock | undefined {
  const url = parseWebUrl(raw);
  if (url?.protocol !== "https:") return undefined;
  return {
    type: "video",
    provider: "other",
    url: url.href,
    title: "Video",
    ...(caption && caption.length > 0 ? { caption } : {}),
    source: { name: url.hostname },
  };
}
