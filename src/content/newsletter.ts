// Newsletters a publication offers, and the email that goes to their subscribers (issue 15).
// Sending is infrastructure (src/mail/); what a newsletter, a subscriber and an edition are,
// and which states they go through, is here.
import { z } from "zod";
import { IdSchema } from "./ids.js";
import { SlugSchema } from "./slug.js";
import { proseField, textField } from "./text.js";

/** When a newsletter's automatic digest is composed: daily or weekly at an hour (UTC). */
export const DigestScheduleSchema = z
  .object({
    cadence: z.enum(["daily", "weekly"]),
    /** The sections whose articles it gathers; empty: every section. */
    sectionIds: z.array(IdSchema).max(100).default([]),
    hourUtc: z.number().int().min(0).max(23).default(7),
    /** 0 Sunday … 6 Saturday; weekly digests only. */
    weekday: z.number().int().min(0).max(6).optional(),
    /** Send as composed (true) or wait as a draft for an editor (false). */
    autoSend: z.boolean().default(false),
  })
  .strict();
export type DigestSchedule = z.output<typeof DigestScheduleSchema>;

/** A newsletter as an editor creates or changes it. */
export const NewsletterInputSchema = z
  .object({
    slug: SlugSchema,
    name: textField().trim().min(1, "name is required").max(120),
    description: proseField().trim().max(1000).default(""),
    digest: DigestScheduleSchema.nullable().default(null),
    active: z.boolean().default(true),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();
export type NewsletterInput = z.input<typeof NewsletterInputSchema>;
export type NewsletterData = z.output<typeof NewsletterInputSchema>;
export interface Newsletter extends NewsletterData {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** Where a subscriber stands: pending until the opt-in link is confirmed. */
export const SUBSCRIBER_STATUSES = ["pending", "confirmed", "unsubscribed"] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/** What an edition goes through: draft → queued (rows in the outbox) → sending → sent. */
export const EDITION_STATUSES = ["draft", "queued", "sending", "sent", "cancelled"] as const;
export type EditionStatus = (typeof EDITION_STATUSES)[number];

/** Every kind of message in the outbox. */
export const MAIL_KINDS = [
  "edition",
  "confirm",
  "invitation",
  "password_reset",
  "notification",
  "comment_verify",
  "test",
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** Why an address is never mailed again. */
export const SUPPRESSION_REASONS = ["hard_bounce", "complaint", "smtp_rejected", "manual"] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
