// Galleries, sound, video and document blocks as feed readers get them: plain images and links
// (feed readers play no <audio> of ours and show no <picture>), every credit kept.
import type {
  AudioBlock,
  DocumentBlock,
  GalleryBlock,
  Inline,
  VideoFileBlock,
} from "../../content/index.js";
import { mediaPath } from "../../content/public-paths.js";
import type { BlockRefs } from "../blocks/index.js";
import { InlineText } from "../blocks/inline.js";
import { CreditLine } from "../components/credit.js";
import { primaryImage } from "../seo/urls.js";

function Caption({ runs }: { runs: Inline | undefined }) {
  return runs && runs.length > 0 ? (
    <>
      <InlineText runs={runs} />{" "}
    </>
  ) : null;
}

/** Each image of a gallery at 960 pixels with its caption and credit, then the set's caption. */
export function FeedGallery({
  block,
  refs,
  base,
}: {
  block: GalleryBlock;
  refs: BlockRefs;
  base: string;
}) {
  return (
    <>
      {block.images.map((image, i) => {
        const media = refs.media[image.mediaId];
        if (!media) return null;
        const img = primaryImage(base, media, 960);
        return (
          <figure key={i}>
            <img src={img.url} width={img.width} height={img.height} alt={image.alt || media.alt} />
            <figcaption>
              <Caption runs={image.caption} />
              <CreditLine credit={media.credit} />
            </figcaption>
          </figure>
        );
      })}
      {block.caption && block.caption.length > 0 ? (
        <p>
          <InlineText runs={block.caption} />
        </p>
      ) : null}
    </>
  );
}

/** A link to the sound or video file, its transcript, caption and credit. */
export function FeedMediaFile({
  block,
  refs,
}: {
  block: AudioBlock | VideoFileBlock;
  refs: BlockRefs;
}) {
  const media = refs.media[block.mediaId];
  if (!media) return null;
  const what = block.type === "audio" ? "Audio" : "Video";
  return (
    <figure>
      <p>
        {what}: <a href={mediaPath(media.storageKey)}>{block.title}</a>
      </p>
      {block.transcript
        ? block.transcript
            .split(/\n\s*\n/)
            .filter((p) => p.trim() !== "")
            .map((p, i) => <p key={i}>{i === 0 ? `Transcript: ${p.trim()}` : p.trim()}</p>)
        : null}
      <figcaption>
        <Caption runs={block.caption} />
        <CreditLine credit={media.credit} kind={what} />
      </figcaption>
    </figure>
  );
}

/** The document's first page and a link to the PDF, with its caption and credit. */
export function FeedDocument({
  block,
  refs,
  base,
}: {
  block: DocumentBlock;
  refs: BlockRefs;
  base: string;
}) {
  const media = refs.media[block.mediaId];
  if (!media) return null;
  const href = mediaPath(media.storageKey);
  const preview = (media.variants?.length ?? 0) > 0 ? primaryImage(base, media, 480) : undefined;
  return (
    <figure>
      {preview ? (
        <a href={href}>
          <img src={preview.url} width={preview.width} height={preview.height} alt="" />
        </a>
      ) : null}
      <p>
        Document: <a href={href}>{block.title}</a> (PDF)
      </p>
      <figcaption>
        <Caption runs={block.caption} />
        <CreditLine credit={media.credit} kind="Document" />
      </figcaption>
    </figure>
  );
}
