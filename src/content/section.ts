import { z } from "zod";
import { IdSchema } from "./ids.js";
import { SlugSchema } from "./slug.js";
import { proseField, textField } from "./text.js";

/** A section (category); sections nest through parentId. */
export const SectionInputSchema = z
  .object({
    slug: SlugSchema,
    name: textField().trim().min(1, "name is required").max(120),
    description: proseField().trim().max(1000).default(""),
    parentId: IdSchema.nullable().default(null),
  })
  .strict();
export type SectionInput = z.input<typeof SectionInputSchema>;
export type SectionData = z.output<typeof SectionInputSchema>;
export interface Section extends SectionData {
  id: string;
}

/**
 * The chain from the root section down to `id` (for breadcrumbs); stops on a cycle. Empty for
 * null (a page has no section).
 */
export function sectionPath(sections: readonly Section[], id: string | null): Section[] {
  const path: Section[] = [];
  if (id === null) return path;
  const byId = new Map(sections.map((s) => [s.id, s]));
  const seen = new Set<string>();
  for (
    let s = byId.get(id);
    s && !seen.has(s.id);
    s = s.parentId ? byId.get(s.parentId) : undefined
  ) {
    seen.add(s.id);
    path.unshift(s);
  }
  return path;
}
