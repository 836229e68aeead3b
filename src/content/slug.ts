import { z } from "zod";

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Longest slug accepted; long enough for any headline-derived slug after trimming. */
export const SLUG_MAX_LENGTH = 120;

/** A URL slug: lowercase ASCII letters, digits and single hyphens. */
export const SlugSchema = z
  .string()
  .min(1, "slug is required")
  .max(SLUG_MAX_LENGTH, `slug must be at most ${SLUG_MAX_LENGTH} characters`)
  .regex(
    SLUG_PATTERN,
    "slug may hold only lowercase letters, digits and single hyphens (e.g. 'my-story')",
  );

/**
 * Derives a slug from free text, folding accents and dropping punctuation.
 * @example slugify("Mexico’s Palacio Nacional") === "mexicos-palacio-nacional"
 */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, SLUG_MAX_LENGTH).replace(/-+$/, "");
}

/** True when `value` is a valid slug. */
export function isSlug(value: string): boolean {
  return SlugSchema.safeParse(value).success;
}
