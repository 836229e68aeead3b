import type { ImageBlock, MediaItem } from "../../content/index.js";
import { CreditLine } from "../components/credit.js";
import { mediaPath } from "../paths.js";
import { InlineText } from "./inline.js";

/**
 * A photo with its caption and credit. Width and height are given so the browser reserves the
 * space before the file arrives. A missing media item renders nothing rather than a broken image.
 */
export function Image({ block, media }: { block: ImageBlock; media: MediaItem | undefined }) {
  if (!media) return null;
  const hasCaption = block.caption !== undefined && block.caption.length > 0;
  return (
    <figure class="image">
      <img
        src={mediaPath(media.storageKey)}
        alt={block.alt || media.alt}
        width={media.width}
        height={media.height}
        loading="lazy"
        decoding="async"
      />
      <figcaption>
        {hasCaption ? (
          <span class="caption">
            <InlineText runs={block.caption} />{" "}
          </span>
        ) : null}
        <CreditLine credit={media.credit} />
      </figcaption>
    </figure>
  );
}
