import { z } from "zod";
import { HrefSchema, InlineSchema } from "./inline.js";
import { SlugSchema } from "./slug.js";
import { proseField, textField } from "./text.js";

/** One row of a tracker: a fact with its source. */
export const TrackerEntryInputSchema = z
  .object({
    title: textField().trim().min(1, "entry title is required").max(300),
    summary: proseField().trim().max(2000).default(""),
    occurredOn: z.iso.date({ message: "date must be YYYY-MM-DD" }).nullable().default(null),
    sourceName: textField().trim().max(200).default(""),
    sourceUrl: HrefSchema.optional(),
  })
  .strict();
export type TrackerEntryInput = z.input<typeof TrackerEntryInputSchema>;
export type TrackerEntryData = z.output<typeof TrackerEntryInputSchema>;
export interface TrackerEntry extends TrackerEntryData {
  id: string;
  position: number;
  createdAt: string;
}

/** A structured, growing data list with its own page (e.g. every pardon granted this term). */
export const TrackerInputSchema = z
  .object({
    slug: SlugSchema,
    title: textField().trim().min(1, "title is required").max(200),
    description: InlineSchema.default([]),
    entries: z.array(TrackerEntryInputSchema).max(10000).default([]),
  })
  .strict();
export type TrackerInput = z.input<typeof TrackerInputSchema>;
export type TrackerData = z.output<typeof TrackerInputSchema>;
export interface Tracker extends Omit<TrackerData, "entries"> {
  id: string;
  entries: TrackerEntry[];
  updatedAt: string;
}

/** What an article needs to link a tracker: no entries, just their number. */
export interface TrackerSummary {
  id: string;
  slug: string;
  title: string;
  entryCount: number;
}
