// schema.org nodes for the media an article body holds: galleries (ImageGallery of
// ImageObjects), sound (AudioObject), video files (VideoObject) and documents
// (DigitalDocument), each with its file's address, name, caption and credit (and, for sound and
// video, the duration measured at upload).
import {
  type Block,
  type Credit,
  creditLine,
  inlineText,
  type MediaItem,
} from "../../content/index.js";
import { mediaPath } from "../../content/public-paths.js";
import { isoDuration } from "./dates.js";
import type { JsonLd } from "./json-ld.js";
import { absoluteUrl, primaryImage } from "./urls.js";

/** Who made it and under which license, as schema.org's creator, publisher and license. */
function creditJsonLd(credit: Credit): JsonLd {
  const line = creditLine(credit);
  return {
    ...(line.creator ? { creator: { "@type": "Person", name: line.creator } } : {}),
    ...(line.sourceName
      ? { sourceOrganization: { "@type": "Organization", name: line.sourceName } }
      : {}),
    ...(line.license.deedUrl ? { license: line.license.deedUrl } : {}),
  };
}

const caption = (runs: Parameters<typeof inlineText>[0] | undefined) =>
  runs && runs.length > 0 ? { caption: inlineText(runs) } : {};

/**
 * One node per gallery, sound, video file or document block whose media the page loaded, in
 * body order, for the article node's `hasPart`. `uploadDate` (which Google asks of videos) is
 * the article's publication.
 * @example ld.hasPart = blockMediaJsonLd(base, article.body, page.media, article.publishedAt);
 */
export function blockMediaJsonLd(
  base: string,
  body: readonly { type: string }[],
  media: Readonly<Record<string, MediaItem>>,
  published: string,
): JsonLd[] {
  // A draft's unfinished blocks ("incomplete") have none of these types and add nothing.
  return (body as readonly Block[]).flatMap((block): JsonLd[] => {
    switch (block.type) {
      case "gallery": {
        const images = block.images.flatMap((image) => {
          const item = media[image.mediaId];
          if (!item) return [];
          const img = primaryImage(base, item);
          return [
            {
              "@type": "ImageObject",
              contentUrl: img.url,
              url: img.url,
              width: img.width,
              height: img.height,
              ...(image.caption && image.caption.length > 0
                ? { caption: inlineText(image.caption) }
                : image.alt
                  ? { caption: image.alt }
                  : {}),
              ...creditJsonLd(item.credit),
            },
          ];
        });
        return images.length > 0
          ? [{ "@type": "ImageGallery", ...caption(block.caption), associatedMedia: images }]
          : [];
      }
      case "audio":
      case "video-file": {
        const item = media[block.mediaId];
        if (!item) return [];
        return [
          {
            "@type": block.type === "audio" ? "AudioObject" : "VideoObject",
            name: block.title,
            contentUrl: absoluteUrl(base, mediaPath(item.storageKey)),
            encodingFormat: item.mimeType,
            ...(item.durationMs === undefined ? {} : { duration: isoDuration(item.durationMs) }),
            uploadDate: published,
            ...(block.caption && block.caption.length > 0
              ? { description: inlineText(block.caption) }
              : {}),
            ...(block.transcript ? { transcript: block.transcript } : {}),
            ...creditJsonLd(item.credit),
          },
        ];
      }
      case "document": {
        const item = media[block.mediaId];
        if (!item) return [];
        const preview =
          (item.variants?.length ?? 0) > 0 ? primaryImage(base, item, 480) : undefined;
        return [
          {
            "@type": "DigitalDocument",
            name: block.title,
            url: absoluteUrl(base, mediaPath(item.storageKey)),
            encodingFormat: item.mimeType,
            ...(block.caption && block.caption.length > 0
              ? { description: inlineText(block.caption) }
              : {}),
            ...(preview ? { thumbnailUrl: preview.url } : {}),
            ...creditJsonLd(item.credit),
          },
        ];
      }
      default:
        return [];
    }
  });
}
