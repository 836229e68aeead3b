// Inline text collected from Ghost's text nodes (Lexical) or markers (mobiledoc), with the line
// breaks both editors write on shift-enter. Masthead inline text has no line break, so the lines
// are kept apart only until the block they belong to decides what a break means.
import type { Inline, TextRun } from "../../content/index.js";
import { note, type Report } from "../wordpress/converted.js";
import { type Marks, normalizeRuns, run } from "../wordpress/inline-runs.js";

/** The marks Ghost's editors can set beyond bold, italic and links: Masthead keeps their text. */
export type OtherMark = "strikethrough" | "underline" | "code" | "subscript" | "superscript";

/**
 * Notes a mark Masthead cannot show. Strike-through and super/subscript change what the text
 * says (a retraction, a footnote number, x²), so they are reported; underline and inline code
 * only change its look, and are read as plain text as the WordPress importer reads them.
 */
export function noteOtherMark(report: Report, mark: OtherMark): void {
  if (mark === "strikethrough") note(report, "struck-through text kept without its strike-through");
  else if (mark === "subscript" || mark === "superscript")
    note(report, "superscript and subscript text kept as plain text");
}

/** Inline text being collected: runs, split into lines at each line break. */
export class InlineLines {
  private readonly lines: TextRun[][] = [[]];

  /** Appends text with its marks. */
  text(text: string, marks: Marks): void {
    if (text !== "") this.lines[this.lines.length - 1]!.push(run(text, marks));
  }

  /** Starts a new line (Lexical's linebreak node, mobiledoc's soft-return atom). */
  lineBreak(): void {
    this.lines.push([]);
  }

  /** The lines as Masthead inline text; a line is empty where two breaks followed each other. */
  result(): Inline[] {
    return this.lines.map((line) => normalizeRuns(line));
  }
}
