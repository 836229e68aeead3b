// Gallery blocks from a gallery's images once the importer has resolved them to media items;
// shared by the WordPress and Ghost importers, which resolve images each their own way.
import {
  type Block,
  GALLERY_IMAGE_CAPTION_MAX,
  GALLERY_MAX_IMAGES,
  type GalleryImage,
  type Inline,
  inlineText,
} from "../content/index.js";

/**
 * Rich text cut to at most `max` characters at the last word boundary before the limit, marks
 * kept, with an ellipsis; never between the halves of a surrogate pair.
 * @example shortenInline([{ text: "one two three" }], 9) // [{ text: "one two…" }]
 */
export function shortenInline(runs: Inline, max: number): Inline {
  const text = inlineText(runs);
  if (text.length <= max) return runs;
  const room = text.slice(0, max); // the ellipsis takes the last place
  const space = room.search(/\s\S*$/);
  let cut = space > 0 ? space : max - 1;
  if (/[\uDC00-\uDFFF]/.test(text[cut] ?? "")) cut -= 1;
  const out: Inline = [];
  let at = 0;
  for (const r of runs) {
    if (at >= cut) break;
    const piece = r.text.slice(0, cut - at);
    at += r.text.length;
    out.push({ ...r, text: piece });
  }
  // Spaces before the cut would sit before the ellipsis.
  const last = out[out.length - 1];
  if (last) last.text = `${last.text.trimEnd()}…`;
  return out.filter((r) => r.text !== "");
}

/**
 * A picture whose caption is longer than a gallery's may be keeps a shortened one; the full
 * text is returned to follow the gallery as a paragraph, so no word is lost.
 */
function fitCaption(image: GalleryImage): { image: GalleryImage; full?: Inline } {
  const caption = image.caption;
  if (!caption || inlineText(caption).length <= GALLERY_IMAGE_CAPTION_MAX) return { image };
  return {
    image: { ...image, caption: shortenInline(caption, GALLERY_IMAGE_CAPTION_MAX) },
    full: caption,
  };
}

/**
 * The gallery blocks for resolved images. A set longer than a gallery may hold is split into
 * consecutive galleries (noted), the caption under the last; when no image could be resolved
 * the caption is kept as a paragraph, so the words are not lost with the pictures. A picture's
 * caption longer than GALLERY_IMAGE_CAPTION_MAX is shortened in the gallery and kept whole in a
 * paragraph after it (noted).
 * @example galleryBlocks([{ mediaId, alt: "Boats" }], undefined, note) // [{ type: "gallery", images: [...] }]
 */
export function galleryBlocks(
  given: readonly GalleryImage[],
  caption: Inline | undefined,
  note: (reason: string) => void,
): Block[] {
  const fitted = given.map(fitCaption);
  const images = fitted.map((f) => f.image);
  const hasCaption = caption !== undefined && caption.length > 0;
  if (images.length === 0) return hasCaption ? [{ type: "paragraph", content: caption }] : [];
  const count = Math.ceil(images.length / GALLERY_MAX_IMAGES);
  if (count > 1)
    note(
      `a gallery of ${images.length} images split into ${count} (a gallery holds at most ${GALLERY_MAX_IMAGES})`,
    );
  if (fitted.some((f) => f.full))
    note(
      `a picture's caption longer than a gallery allows (${GALLERY_IMAGE_CAPTION_MAX} characters) shortened; its full text follows the gallery as a paragraph`,
    );
  return Array.from({ length: count }, (_, i): Block[] => {
    const part = fitted.slice(i * GALLERY_MAX_IMAGES, (i + 1) * GALLERY_MAX_IMAGES);
    return [
      {
        type: "gallery" as const,
        images: part.map((f) => f.image),
        ...(hasCaption && i === count - 1 ? { caption } : {}),
      },
      ...part.flatMap((f): Block[] => (f.full ? [{ type: "paragraph", content: f.full }] : [])),
    ];
  }).flat();
}
