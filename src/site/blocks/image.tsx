import type { ImageBlock, MediaItem } from "../../content/index.js";
import { CreditLine } from "../components/credit.js";
import { Picture } from "../components/picture.js";
import { InlineText } from "./inline.js";

/** The article column is at most 42rem (--measure) wide, and the full viewport below that. */
const COLUMN_SIZES = "(min-width: 42rem) 42rem, 100vw";

/**
 * A photo with its caption and credit. Width and height are given so the browser reserves the
 * space before the file arrives; uploads come as AVIF, WebP and their own format at several
 * widths (see Picture). A missing media item renders nothing rather than a broken image.
 */
export function Image({ block, media }: { block: ImageBlock; media: MediaItem | undefined }) {
  if (!media) return null;
  const hasCaption = block.caption !== undefined && block.caption.length > 0;
  return (
    <figure class="image">
      <Picture
        media={media}
        sizes={COLUMN_SIZES}
        alt={block.alt || media.alt}
        width={media.width}
        height={media.height}
        loading="lazy"
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
