import { z } from "zod";

/** Publication-wide settings an owner edits. */
export const SiteSettingsSchema = z
  .object({
    title: z.string().trim().min(1, "site title is required").max(120),
    tagline: z.string().trim().max(300).default(""),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "language must be a tag such as en or en-US")
      .default("en"),
  })
  .strict();
export type SiteSettingsInput = z.input<typeof SiteSettingsSchema>;
export type SiteSettings = z.output<typeof SiteSettingsSchema>;

/** Settings of a fresh publication before the owner names it. */
export const DEFAULT_SETTINGS: SiteSettings = { title: "Masthead", tagline: "", language: "en" };
