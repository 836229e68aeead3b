import type { DocumentBlock, MediaItem } from "../../content/index.js";
import { mediaPath } from "../../content/public-paths.js";
import { CreditLine } from "../components/credit.js";
import { Picture } from "../components/picture.js";
import { InlineText } from "./inline.js";

/** The preview is a thumbnail beside the title: about a third of the column. */
const PREVIEW_SIZES = "(min-width: 42rem) 14rem, 40vw";

/**
 * A PDF from the media library: its first page (rendered at upload) and title, both linking to
 * the file, then the caption and credit. A file missing from the library renders nothing.
 */
export function DocumentLink({
  block,
  media,
}: {
  block: DocumentBlock;
  media: MediaItem | undefined;
}) {
  if (!media) return null;
  const href = mediaPath(media.storageKey);
  const hasPreview = (media.variants?.length ?? 0) > 0 && media.width > 0;
  return (
    <figure class="document">
      <a class="document-link" href={href} type="application/pdf">
        {hasPreview ? (
          <Picture
            media={media}
            sizes={PREVIEW_SIZES}
            alt=""
            width={media.width}
            height={media.height}
            loading="lazy"
            class="document-preview"
          />
        ) : null}
        <span class="document-title">{block.title}</span> <span class="document-type">(PDF)</span>
      </a>
      <figcaption>
        {block.caption && block.caption.length > 0 ? (
          <span class="caption">
            <InlineText runs={block.caption} />{" "}
          </span>
        ) : null}
        <CreditLine credit={media.credit} kind="Document" />
      </figcaption>
    </figure>
  );
}
