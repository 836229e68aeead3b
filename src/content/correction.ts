import { z } from "zod";
import { proseField } from "./text.js";

export const CORRECTION_KINDS = ["update", "correction"] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

/** Reader-facing label of each kind of note. */
export const CORRECTION_LABELS: Record<CorrectionKind, string> = {
  update: "Update",
  correction: "Correction",
};

export const CORRECTION_NOTE_MAX_LENGTH = 2000;

/**
 * A note added to a published article: an update (new facts since publication) or a correction
 * (what was wrong). Plain text; shown on the article page with its time, and never edited away.
 */
export const CorrectionInputSchema = z
  .object({
    kind: z.enum(CORRECTION_KINDS, {
      error: () => `kind must be one of: ${CORRECTION_KINDS.join(", ")}`,
    }),
    note: proseField()
      .trim()
      .min(1, "note is required")
      .max(
        CORRECTION_NOTE_MAX_LENGTH,
        `note must be at most ${CORRECTION_NOTE_MAX_LENGTH} characters`,
      ),
  })
  .strict();
export type CorrectionInput = z.input<typeof CorrectionInputSchema>;
export type CorrectionData = z.output<typeof CorrectionInputSchema>;

/** A stored update or correction note. */
export interface Correction extends CorrectionData {
  id: string;
  createdAt: string;
}
