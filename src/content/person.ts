import { z } from "zod";
import { IdSchema } from "./ids.js";
import { SlugSchema } from "./slug.js";

/** A staff member as shown in bylines and on the author page. */
export const PersonInputSchema = z
  .object({
    slug: SlugSchema,
    name: z.string().trim().min(1, "name is required").max(120),
    roleTitle: z.string().trim().max(120).default(""),
    team: z.string().trim().max(120).default(""),
    shortBio: z.string().trim().max(300, "short bio must be at most 300 characters").default(""),
    bio: z.string().trim().max(5000, "bio must be at most 5000 characters").default(""),
    avatarId: IdSchema.nullable().default(null),
    avatarAlt: z.string().trim().max(300).default(""),
  })
  .strict();
export type PersonInput = z.input<typeof PersonInputSchema>;
export type PersonData = z.output<typeof PersonInputSchema>;
export interface Person extends PersonData {
  id: string;
}
