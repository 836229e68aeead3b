// Which YouTube or Vimeo video an address names, in every form the two sites hand out (watch,
// share, short, embed, player): one reading for the editor's paste box and the importers.

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

/** A recognised video: its provider and id. */
export interface RecognizedVideo {
  provider: "youtube" | "vimeo";
  videoId: string;
}

/**
 * The YouTube or Vimeo video a parsed address names, or undefined for any other address.
 * @example recognizeVideo(new URL("https://youtu.be/dQw4w9WgXcQ")) // { provider: "youtube", videoId: "dQw4w9WgXcQ" }
 */
export function recognizeVideo(url: URL): RecognizedVideo | undefined {
  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split("/").filter((s) => s !== "");
  let youtube: string | undefined;
  if (host === "youtu.be") youtube = segments[0];
  else if (YOUTUBE_HOSTS.has(host)) {
    if (segments[0] === "watch") youtube = url.searchParams.get("v") ?? undefined;
    else if (["embed", "shorts", "live", "v", "e"].includes(segments[0] ?? ""))
      youtube = segments[1];
  }
  if (youtube !== undefined)
    return VIDEO_ID.test(youtube) ? { provider: "youtube", videoId: youtube } : undefined;
  if (!VIMEO_HOSTS.has(host)) return undefined;
  // vimeo.com/123, vimeo.com/123/unlistedhash, vimeo.com/channels/x/123, player.vimeo.com/video/123
  const vimeo = segments.find((s) => /^\d+$/.test(s));
  return vimeo === undefined ? undefined : { provider: "vimeo", videoId: vimeo };
}
