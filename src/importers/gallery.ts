// Gallery blocks from a gallery's images once the importer has resolved them to media items;
// shared by the WordPress and Ghost importers, which resolve images each their own way.
import {
  type Block,
  GALLERY_MAX_IMAGES,
  type GalleryImage,
  type Inline,
} from "../content/index.js";

/**
 * The gallery blocks for resolved images. A set longer than a gallery may hold is split into
 * consecutive galleries (noted), the caption under the last; when no image could be resolved
 * the caption is kept as a paragraph, so the words are not lost with the pictures.
 * @example galleryBlocks([{ mediaId, alt: "Boats" }], undefined, note) // [{ type: "gallery", images: [...] }]
 */
export function galleryBlocks(
  images: readonly GalleryImage[],
  caption: Inline | undefined,
  note: (reason: string) => void,
): Block[] {
  const hasCaption = caption !== undefined && caption.length > 0;
  if (images.length === 0) return hasCaption ? [{ type: "paragraph", content: caption }] : [];
  const count = Math.ceil(images.length / GALLERY_MAX_IMAGES);
  if (count > 1)
    note(
      `a gallery of ${images.length} images split into ${count} (a gallery holds at most ${GALLERY_MAX_IMAGES})`,
    );
  return Array.from({ length: count }, (_, i) => ({
    type: "gallery" as const,
    images: images.slice(i * GALLERY_MAX_IMAGES, (i + 1) * GALLERY_MAX_IMAGES),
    ...(hasCaption && i === count - 1 ? { caption } : {}),
  }));
}
