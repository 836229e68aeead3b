import { z } from "zod";
import { SlugSchema } from "./slug.js";
import { textField } from "./text.js";

/** A free-form topic label. */
export const TagInputSchema = z
  .object({ slug: SlugSchema, name: textField().trim().min(1, "name is required").max(80) })
  .strict();
export type TagInput = z.input<typeof TagInputSchema>;
export type TagData = z.output<typeof TagInputSchema>;
export interface Tag extends TagData {
  id: string;
}
