import { z } from "zod";
import { proseField, textField } from "./text.js";

/** Link targets we accept: web addresses, mail links and site-relative paths (no javascript:). */
export const HrefSchema = textField()
  .max(2048, "link is longer than 2048 characters")
  .refine((href) => /^(https?:\/\/[^\s]+|mailto:[^\s]+|\/[^\s]*|#[^\s]*)$/i.test(href), {
    message: "link must start with http://, https://, mailto:, / or #",
  });

/** A run of text with its marks. Inline text is data, never HTML. */
export const TextRunSchema = z
  .object({
    text: proseField().min(1, "text run is empty"),
    bold: z.boolean().optional(),
    italic: z.boolean().optional(),
    href: HrefSchema.optional(),
  })
  .strict();
export type TextRun = z.infer<typeof TextRunSchema>;

/** Rich inline text: an ordered list of runs. */
export const InlineSchema = z.array(TextRunSchema);
export type Inline = TextRun[];

/** The plain text of inline runs (for search, reading time, descriptions). */
export function inlineText(runs: Inline): string {
  return runs.map((r) => r.text).join("");
}

/** Shorthand for one unmarked run, handy in demo content and tests. */
export function plain(text: string): Inline {
  return [{ text }];
}
