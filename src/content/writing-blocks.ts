// The blocks a writer makes from words alone, added with issue 14: table, pull quote and code.
// Kept apart from blocks.ts (which assembles every block into BlockSchema) so each stays short.
import { z } from "zod";
import { type Inline, InlineSchema, inlineText } from "./inline.js";
import { proseField, textField } from "./text.js";

/** The most cells one table may hold; more is a data set, which belongs in a tracker. */
export const TABLE_MAX_CELLS = 5_000;
/** The most columns one table may hold (wider tables cannot be read on a phone). */
export const TABLE_MAX_COLUMNS = 50;

const count = (n: number) => n.toLocaleString("en");

/**
 * A table of short rich-text cells (an empty cell is an empty list of runs), optionally with a
 * caption, its first row optionally the column headers. Every row has as many cells as the
 * first; over TABLE_MAX_CELLS the whole table is refused with one message (not one per cell).
 */
export const TableBlockSchema = z
  .object({
    type: z.literal("table"),
    caption: textField().trim().max(300, "caption must be at most 300 characters").optional(),
    headerRow: z.boolean(),
    rows: z.array(z.array(InlineSchema)).min(1, "a table needs at least one row"),
  })
  .strict()
  .superRefine((table, ctx) => {
    const cells = table.rows.reduce((n, row) => n + row.length, 0);
    if (cells > TABLE_MAX_CELLS) {
      ctx.addIssue({
        code: "custom",
        path: ["rows"],
        message: `a table may hold at most ${count(TABLE_MAX_CELLS)} cells and this one has ${count(cells)}: split it, or keep the data in a tracker`,
      });
      return;
    }
    const width = table.rows[0]?.length ?? 0;
    if (width < 1)
      ctx.addIssue({ code: "custom", path: ["rows", 0], message: "a row needs at least one cell" });
    else if (width > TABLE_MAX_COLUMNS)
      ctx.addIssue({
        code: "custom",
        path: ["rows", 0],
        message: `a table may have at most ${TABLE_MAX_COLUMNS} columns and this one has ${width}`,
      });
    table.rows.forEach((row, i) => {
      if (i > 0 && row.length !== width)
        ctx.addIssue({
          code: "custom",
          path: ["rows", i],
          message: `row ${i + 1} has ${row.length} cells; every row needs ${width}, as the first`,
        });
    });
  });

/** A sentence from the article itself, repeated large to draw the eye (no speaker: see quote). */
export const PullQuoteBlockSchema = z
  .object({ type: z.literal("pullquote"), content: InlineSchema.min(1, "text is required") })
  .strict();

/** The most characters one code block may hold. */
export const CODE_BLOCK_MAX = 100_000;

/** Source code or other preformatted text, shown exactly as written (whitespace kept, never run). */
export const CodeBlockSchema = z
  .object({
    type: z.literal("code"),
    /** What it is written in, e.g. "python", "sql", "c++": a label for readers. */
    language: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9+#._-]{1,40}$/,
        "language may hold letters, digits and + # . _ - (at most 40)",
      )
      .optional(),
    code: proseField()
      .refine((code) => code.trim() !== "", "code is required")
      .max(CODE_BLOCK_MAX, `code must be at most ${CODE_BLOCK_MAX} characters`),
  })
  .strict();

export type TableBlock = z.infer<typeof TableBlockSchema>;
export type PullQuoteBlock = z.infer<typeof PullQuoteBlockSchema>;
export type CodeBlock = z.infer<typeof CodeBlockSchema>;

/** A table's words: the caption, then one line per row, its cells separated by tabs. */
export function tableText(block: TableBlock): string {
  const cell = (runs: Inline) => inlineText(runs).trim();
  const rows = block.rows.map((row) => row.map(cell).join("\t"));
  return [block.caption ?? "", ...rows].filter((line) => line.trim() !== "").join("\n");
}
