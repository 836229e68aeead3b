// Newsletter subscribers as the admin API and the admin app exchange them (issue 15): the shapes
// of requests and answers, shared by both ends. What an address is comes from email-address.ts;
// what a subscriber may go through (pending → confirmed → unsubscribed) from newsletter.ts.
import { z } from "zod";
import { IdSchema } from "./ids.js";
import { SUBSCRIBER_STATUSES, type SubscriberStatus } from "./newsletter.js";
import { textField } from "./text.js";

/** What a consent record says happened. */
export const CONSENT_ACTIONS = [
  "subscribe",
  "confirm",
  "preferences",
  "unsubscribe",
  "import",
  "admin",
] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

/** Where a subscriber acted: the form or link a consent record names. */
export const CONSENT_FORMS = [
  "article",
  "home",
  "newsletter-page",
  "confirm-page",
  "preferences",
  "unsubscribe-page",
  "one-click",
  "import",
  "admin",
] as const;
export type ConsentForm = (typeof CONSENT_FORMS)[number];

/** Where a public subscribe form may say it stands. */
export const SUBSCRIBE_FORMS = ["article", "home", "newsletter-page"] as const;
export type SubscribeForm = (typeof SUBSCRIBE_FORMS)[number];

/**
 * A subscriber's name: one line. A line break in a name would end a To header and start another
 * (header injection), so it is refused with a message rather than silently joined.
 */
export const SubscriberNameSchema = textField()
  .trim()
  .max(100, "a name may be at most 100 characters long")
  .refine((name) => !/[\r\n\u2028\u2029]/.test(name), {
    message: "a name must be one line: remove the line break",
  });

/** One subscriber as the admin sees it. */
export interface Subscriber {
  id: string;
  email: string;
  name: string | null;
  status: SubscriberStatus;
  newsletterIds: string[];
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  confirmSentAt: string | null;
  updatedAt: string;
}

/** One line of a subscriber's record of consent. */
export interface SubscriberConsent {
  id: string;
  action: ConsentAction;
  form: ConsentForm;
  newsletterIds: string[];
  /** The edition whose link was used, for an unsubscribe from a message. */
  editionId: string | null;
  at: string;
  /** Why an editor recorded it, for consents recorded by hand. */
  note: string | null;
  userId: string | null;
}

/** GET /subscribers: search, filters and a page. */
export const SubscriberListQuerySchema = z
  .object({
    /** A part of the address or the name, case-blind. */
    q: textField().trim().max(200).optional(),
    status: z.enum(SUBSCRIBER_STATUSES).optional(),
    newsletterId: IdSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type SubscriberListQuery = z.output<typeof SubscriberListQuerySchema>;

const ConsentNote = textField().trim().min(1).max(500);

/**
 * POST /subscribers: an editor adds one. Pending with a confirmation message unless `confirmed`
 * and a `consentNote` saying how the person agreed.
 */
export const SubscriberAddSchema = z
  .object({
    // Read by parseEmailAddress, whose reasons (a line break, a missing @) say what to change.
    email: textField().max(1000),
    name: SubscriberNameSchema.optional(),
    newsletterIds: z.array(IdSchema).min(1, "choose at least one newsletter").max(100),
    confirmed: z.boolean().default(false),
    consentNote: ConsentNote.optional(),
  })
  .strict()
  .refine((v) => !v.confirmed || v.consentNote !== undefined, {
    path: ["consentNote"],
    message:
      "say how this person agreed (a paper form, a sign-up sheet) to add them as confirmed; without it they get a confirmation message",
  });
export type SubscriberAdd = z.input<typeof SubscriberAddSchema>;

/**
 * PATCH /subscribers/:id: an editor changes the name, the newsletters or the status. Confirming
 * by hand needs a `consentNote`; setting pending sends a new confirmation message.
 */
export const SubscriberChangeSchema = z
  .object({
    name: SubscriberNameSchema.nullable().optional(),
    newsletterIds: z.array(IdSchema).max(100).optional(),
    status: z.enum(SUBSCRIBER_STATUSES).optional(),
    consentNote: ConsentNote.optional(),
  })
  .strict()
  .refine((v) => v.status !== "confirmed" || v.consentNote !== undefined, {
    path: ["consentNote"],
    message: "say how this person agreed to confirm them by hand",
  });
export type SubscriberChange = z.input<typeof SubscriberChangeSchema>;

/** The largest CSV the import takes, in characters. */
export const SUBSCRIBER_IMPORT_MAX_CHARS = 30_000_000;

/** POST /subscribers/import: a CSV as text, tried (dryRun) or imported. */
export const SubscriberImportSchema = z
  .object({
    csv: z.string().max(SUBSCRIBER_IMPORT_MAX_CHARS, "the file is too large (30 MB at most)"),
    dryRun: z.boolean().default(true),
    /** The newsletters of rows that name none. */
    newsletterIds: z.array(IdSchema).max(100).default([]),
    /** Queue a confirmation message to each new pending subscriber. */
    sendConfirmations: z.boolean().default(false),
  })
  .strict();
export type SubscriberImport = z.input<typeof SubscriberImportSchema>;

/** What an import did, or would do on a dry run. */
export interface SubscriberImportReport {
  dryRun: boolean;
  /** New subscribers: confirmed (the file gives when they consented) or pending. */
  added: { confirmed: number; pending: number };
  /** Known subscribers given more newsletters (or confirmed by the file's consent). */
  updated: number;
  /** Rows that change nothing, or that the import will not act on (see `skipped`). */
  unchanged: number;
  /** Rows of addresses that unsubscribed: an import never subscribes them again. */
  skipped: { line: number; email: string; reason: string }[];
  problems: { line: number; message: string }[];
  /** Rows repeating an earlier row's address (the first is kept). */
  duplicates: number;
  /** Throwaway-looking addresses imported all the same (the list is the newsroom's). */
  warnings: { line: number; message: string }[];
  /** Confirmation messages queued (sendConfirmations). */
  confirmationsQueued: number;
}
