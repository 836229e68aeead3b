// Video addresses as WordPress's oEmbed providers for YouTube and Vimeo accept them, turned into
// Masthead's facade video block. Parsing goes through the WHATWG URL parser, never string cuts.
import { recognizeVideo, type VideoBlock } from "../../content/index.js";

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
  const video = recognizeVideo(url);
  if (!video) return undefined;
  const name = video.provider === "youtube" ? "YouTube" : "Vimeo";
  return {
    type: "video",
    ...video,
    url: url.href,
    title: `${name} video`,
    ...withCaption,
    source: { name },
  };
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
