import { z } from "zod";
import { IdSchema } from "./ids.js";
import { SlugSchema } from "./slug.js";
import { proseField, textField } from "./text.js";

/** A staff member as shown in bylines and on the author page. */
export const PersonInputSchema = z
  .object({
    slug: SlugSchema,
    name: textField().trim().min(1, "name is required").max(120),
    roleTitle: textField().trim().max(120).default(""),
    team: textField().trim().max(120).default(""),
    shortBio: proseField().trim().max(300, "short bio must be at most 300 characters").default(""),
    bio: proseField().trim().max(5000, "bio must be at most 5000 characters").default(""),
    avatarId: IdSchema.nullable().default(null),
    avatarAlt: textField().trim().max(300).default(""),
  })
  .strict();
export type PersonInput = z.input<typeof PersonInputSchema>;
export type PersonData = z.output<typeof PersonInputSchema>;
export interface Person extends PersonData {
  id: string;
}
