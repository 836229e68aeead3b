import type { GalleryBlock, MediaItem } from "../../content/index.js";
import { CreditLine } from "../components/credit.js";
import { Picture } from "../components/picture.js";
import { InlineText } from "./inline.js";

/** Two columns in the article column (at most 42rem), the full width below 30rem. */
const GRID_SIZES = "(min-width: 42rem) 21rem, (min-width: 30rem) 50vw, 100vw";

/**
 * Several photos in the order the editor set, each with its own caption and credit (the media
 * item's), then the caption of the set. Every picture but the first two loads lazily, so a long
 * gallery costs a reader only what they scroll to. Images missing from the library are skipped.
 */
export function Gallery({
  block,
  media,
}: {
  block: GalleryBlock;
  media: Readonly<Record<string, MediaItem>>;
}) {
  const shown = block.images.flatMap((image) => {
    const item = media[image.mediaId];
    return item ? [{ image, item }] : [];
  });
  if (shown.length === 0) return null;
  const hasCaption = block.caption !== undefined && block.caption.length > 0;
  return (
    <figure class="gallery">
      <ul class="gallery-grid">
        {shown.map(({ image, item }, i) => (
          <li key={i}>
            <figure class="gallery-item">
              <Picture
                media={item}
                sizes={GRID_SIZES}
                alt={image.alt || item.alt}
                width={item.width}
                height={item.height}
                loading={i < 2 ? undefined : "lazy"}
              />
              <figcaption>
                {image.caption && image.caption.length > 0 ? (
                  <span class="caption">
                    <InlineText runs={image.caption} />{" "}
                  </span>
                ) : null}
                <CreditLine credit={item.credit} />
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
      {hasCaption ? (
        <figcaption class="gallery-caption">
          <InlineText runs={block.caption} />
        </figcaption>
      ) : null}
    </figure>
  );
}
