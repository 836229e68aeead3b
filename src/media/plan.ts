import type { VariantFormat } from "../content/index.js";
import type { SourceFormat } from "./detect.js";
import { VARIANT_WIDTHS } from "./limits.js";

/** One rendition to generate. */
export interface PlannedVariant {
  format: VariantFormat;
  width: number;
}

/**
 * The widths to generate for an image `width` pixels wide: every standard width below it, and
 * the image's own width when it is narrower than the widest standard one. Never upscales.
 */
export function variantWidths(width: number): number[] {
  const widest = Math.max(...VARIANT_WIDTHS);
  if (width > widest) return [...VARIANT_WIDTHS];
  return [...VARIANT_WIDTHS.filter((w) => w < width), width];
}

/**
 * The formats to generate, best compression first: AVIF and WebP for browsers that take them,
 * then the source's own format as the fallback every browser reads. Animations skip AVIF (the
 * encoder writes still images only) and keep WebP, which animates.
 */
export function variantFormats(source: SourceFormat, animated: boolean): VariantFormat[] {
  const modern: VariantFormat[] = animated ? ["webp"] : ["avif", "webp"];
  if (modern.includes(source) || source === "avif") return modern;
  return [...modern, source];
}

/** Every rendition of an image: each format at each width. */
export function planVariants(source: SourceFormat, width: number, animated: boolean) {
  const widths = variantWidths(width);
  return variantFormats(source, animated).flatMap((format) =>
    widths.map((w): PlannedVariant => ({ format, width: w })),
  );
}
