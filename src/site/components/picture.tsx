import {
  type MediaItem,
  type MediaVariant,
  VARIANT_FORMATS,
  type VariantFormat,
} from "../../content/index.js";
import { mediaPath } from "../../content/public-paths.js";

const TYPE_OF: Record<VariantFormat, string> = {
  avif: "image/avif",
  webp: "image/webp",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
};

/** A media item's renditions by format, in VARIANT_FORMATS order, each narrowest first. */
export function renditionsByFormat(media: MediaItem): [VariantFormat, MediaVariant[]][] {
  const variants = media.variants ?? [];
  return VARIANT_FORMATS.flatMap((format) => {
    const list = variants.filter((v) => v.format === format).sort((a, b) => a.width - b.width);
    return list.length > 0 ? [[format, list] as [VariantFormat, MediaVariant[]]] : [];
  });
}

/** `srcset` with width descriptors: "/media/a-480.webp 480w, /media/a-960.webp 960w". */
export const srcsetOf = (variants: readonly MediaVariant[]): string =>
  variants.map((v) => `${mediaPath(v.storageKey)} ${v.width}w`).join(", ");

/** The `src` for browsers without srcset: the first rendition at least `width` wide, or the widest. */
export const fallbackOf = (variants: readonly MediaVariant[], width: number): MediaVariant =>
  variants.find((v) => v.width >= width) ?? (variants.at(-1) as MediaVariant);

/** Attributes of the `<img>` itself, passed through. */
interface ImgProps {
  alt: string;
  width: number;
  height: number;
  class?: string;
  loading?: "lazy";
}

/**
 * A responsive image: `<picture>` with an AVIF and a WebP `<source>` and an `<img>` in the
 * source's own format, every one with a width-described srcset, so the browser downloads only
 * the best format it reads at the width `sizes` says it needs. Media without renditions (SVG,
 * the demo's placeholders) is a plain `<img>`.
 */
export function Picture({ media, sizes, ...img }: ImgProps & { media: MediaItem; sizes: string }) {
  const formats = renditionsByFormat(media);
  const last = formats.at(-1);
  if (!last) return <PlainImg src={mediaPath(media.storageKey)} {...img} />;
  const [, fallback] = last;
  return (
    <picture>
      {formats.slice(0, -1).map(([format, list]) => (
        <source key={format} type={TYPE_OF[format]} srcset={srcsetOf(list)} sizes={sizes} />
      ))}
      <PlainImg
        src={mediaPath(fallbackOf(fallback, 960).storageKey)}
        srcset={srcsetOf(fallback)}
        sizes={sizes}
        {...img}
      />
    </picture>
  );
}

function PlainImg(props: ImgProps & { src: string; srcset?: string; sizes?: string }) {
  return (
    <img
      class={props.class}
      src={props.src}
      srcset={props.srcset}
      sizes={props.sizes}
      alt={props.alt}
      width={props.width}
      height={props.height}
      loading={props.loading}
      decoding="async"
    />
  );
}
