import type { VideoBlock } from "../../content/index.js";
import { InlineText, Link, safeHref } from "./inline.js";

interface Provider {
  name: string;
  /** The player address, used only after the reader clicks play. */
  embed: (id: string) => string;
  watch: (id: string) => string;
}

const YOUTUBE_PLAYER = "https://www.youtube-nocookie.com";
const VIMEO_PLAYER = "https://player.vimeo.com";
/** Where the players live: the page's Content-Security-Policy lets frames come from these only. */
export const VIDEO_EMBED_ORIGINS: readonly string[] = [YOUTUBE_PLAYER, VIMEO_PLAYER];

// youtube-nocookie and Vimeo's dnt flag: even after the click, the player sets no tracking cookie.
const PROVIDERS: Partial<Record<VideoBlock["provider"], Provider>> = {
  youtube: {
    name: "YouTube",
    embed: (id) => `${YOUTUBE_PLAYER}/embed/${id}?autoplay=1`,
    watch: (id) => `https://www.youtube.com/watch?v=${id}`,
  },
  vimeo: {
    name: "Vimeo",
    embed: (id) => `${VIMEO_PLAYER}/video/${id}?autoplay=1&dnt=1`,
    watch: (id) => `https://vimeo.com/${id}`,
  },
};

function SourceCredit({ block }: { block: VideoBlock }) {
  const url = safeHref(block.source.url);
  return (
    <span class="credit">
      Source: {url ? <Link href={url}>{block.source.name}</Link> : block.source.name}
    </span>
  );
}

function Caption({ block }: { block: VideoBlock }) {
  return block.caption && block.caption.length > 0 ? (
    <span class="caption">
      <InlineText runs={block.caption} />{" "}
    </span>
  ) : null;
}

/**
 * A third-party video behind a privacy facade: nothing is requested from the video host until
 * the reader presses play (the script then swaps the button for the player). Without a known
 * address the block says so and embeds nothing; with only a URL it links out.
 */
export function Video({ block }: { block: VideoBlock }) {
  const provider = PROVIDERS[block.provider];
  if (provider && block.videoId) {
    const watch = provider.watch(block.videoId);
    return (
      <figure class="video" data-video-provider={block.provider}>
        <div class="video-frame js-only">
          <button
            type="button"
            class="video-play"
            data-embed-src={provider.embed(block.videoId)}
            data-embed-title={block.title}
            aria-label={`Play video: ${block.title}`}
          >
            <span class="video-play-icon" aria-hidden="true" />
            <span class="video-play-text">Play video</span>
          </button>
          {/* On the poster for sighted readers; the button's label already names the video. */}
          <span class="video-poster-title" aria-hidden="true">
            {block.title}
          </span>
        </div>
        <figcaption>
          <Caption block={block} />
          <SourceCredit block={block} />
          <span class="video-note">
            {" "}
            Playing loads the video from {provider.name}. Or{" "}
            <Link href={watch}>
              watch “{block.title}” on {provider.name}
            </Link>
            .
          </span>
        </figcaption>
      </figure>
    );
  }
  const url = safeHref(block.url);
  return (
    <figure class="video" data-video-provider={block.provider}>
      <div class="video-static">
        <p class="video-kicker">Video</p>
        <p class="video-static-title">
          {url ? <Link href={url}>{block.title}</Link> : block.title}
        </p>
        <p class="video-note">
          {url
            ? `This video is not embedded; the link opens it on ${block.source.name}.`
            : "This video is not embedded on this page."}
        </p>
      </div>
      <figcaption>
        <Caption block={block} />
        <SourceCredit block={block} />
      </figcaption>
    </figure>
  );
}
