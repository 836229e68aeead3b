import { z } from "zod";
import { IdSchema } from "./ids.js";
import { textField } from "./text.js";

/** Publication-wide settings an owner edits. */
export const SiteSettingsSchema = z
  .object({
    title: textField().trim().min(1, "site title is required").max(120),
    tagline: textField().trim().max(300).default(""),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "language must be a tag such as en or en-US")
      .default("en"),
    /** Comments close this many days after publication; null keeps them open. */
    commentsCloseAfterDays: z
      .number()
      .int("comment closing must be a whole number of days")
      .min(1, "comments must stay open at least 1 day")
      .max(3650)
      .nullable()
      .default(null),
    /** Whether feeds carry each article's full text or only its dek and first paragraph. */
    feedContent: z.enum(["full", "excerpt"]).default("full"),
    /** The publisher's logo (a media item), for structured data and feeds; null uses the site name. */
    logoMediaId: IdSchema.nullable().default(null),
  })
  .strict();
export type SiteSettingsInput = z.input<typeof SiteSettingsSchema>;
export type SiteSettings = z.output<typeof SiteSettingsSchema>;

/** Settings of a fresh publication before the owner names it. */
export const DEFAULT_SETTINGS: SiteSettings = {
  title: "Masthead",
  tagline: "",
  language: "en",
  commentsCloseAfterDays: null,
  feedContent: "full",
  logoMediaId: null,
};
