import type { AudioBlock, MediaItem, VideoFileBlock } from "../../content/index.js";
import { mediaPath } from "../../content/public-paths.js";
import { CreditLine } from "../components/credit.js";
import { InlineText } from "./inline.js";

/** A transcript's paragraphs: blank lines separate them, single line breaks stay in one. */
const paragraphsOf = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");

/**
 * A sound or video file from the media library in the browser's own player (which works
 * without JavaScript and seeks with Range requests to /media/), with WebVTT captions when the
 * block has them, a download link for browsers without a player, the transcript behind a
 * disclosure, and the caption and credit. A file missing from the library renders nothing.
 */
export function MediaFile({
  block,
  media,
}: {
  block: AudioBlock | VideoFileBlock;
  media: Readonly<Record<string, MediaItem>>;
}) {
  const item = media[block.mediaId];
  if (!item) return null;
  const src = mediaPath(item.storageKey);
  const captions = block.captionsId ? media[block.captionsId] : undefined;
  const track = captions ? (
    <track kind="captions" src={mediaPath(captions.storageKey)} label="Captions" default />
  ) : null;
  const fallback = (
    <a href={src} download>
      Download “{block.title}”
    </a>
  );
  const isAudio = block.type === "audio";
  const transcript = block.transcript ? paragraphsOf(block.transcript) : [];
  return (
    <figure class={isAudio ? "media-file audio" : "media-file video-file"}>
      <p class="media-file-title">{block.title}</p>
      {isAudio ? (
        // biome-ignore lint/a11y/useMediaCaption: the track is there when the block has captions; a transcript may stand in
        <audio controls preload="metadata" src={src} aria-label={block.title}>
          {track}
          {fallback}
        </audio>
      ) : (
        <video
          controls
          preload="metadata"
          playsInline
          src={src}
          aria-label={block.title}
          {...(item.width > 0 ? { width: item.width, height: item.height } : {})}
        >
          {track}
          {fallback}
        </video>
      )}
      {transcript.length > 0 ? (
        <details class="transcript">
          <summary>Transcript</summary>
          {transcript.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </details>
      ) : null}
      <figcaption>
        {block.caption && block.caption.length > 0 ? (
          <span class="caption">
            <InlineText runs={block.caption} />{" "}
          </span>
        ) : null}
        <CreditLine credit={item.credit} kind={isAudio ? "Audio" : "Video"} />
      </figcaption>
    </figure>
  );
}
