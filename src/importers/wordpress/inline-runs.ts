// Masthead inline text from pieces of HTML text: whitespace collapsed the way a browser shows it,
// marks kept (bold, italic, link), empty runs never emitted, neighbours with equal marks merged.
// Only HTML's own whitespace collapses; no-break spaces, zero-width joiners, bidi controls and
// every other character pass through exactly.
import { HrefSchema, type Inline, type TextRun } from "../../content/index.js";

/** The marks a run of text carries. */
export interface Marks {
  bold?: boolean;
  italic?: boolean;
  href?: string;
}

const HTML_SPACE = /[ \t\n\r\f]+/g;
// Text a reader cannot see: whitespace of any kind, zero-width space, BOM, word joiner.
const INVISIBLE = /^[\s\u200b\u2060\ufeff]*$/;

/** A link target Masthead accepts, or undefined (`//host/x` is read as https://host/x). */
export function acceptedHref(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  // Spaces in an address are a common slip (a file name pasted as is); browsers send them as %20.
  const href = (trimmed.startsWith("//") ? `https:${trimmed}` : trimmed).replace(/ /g, "%20");
  return HrefSchema.safeParse(href).success ? href : undefined;
}

function sameMarks(a: TextRun, b: TextRun): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.href === b.href;
}

/** One run of `text` with `marks`, leaving out marks that are off. */
export function run(text: string, marks: Marks = {}): TextRun {
  return {
    text,
    ...(marks.bold ? { bold: true } : {}),
    ...(marks.italic ? { italic: true } : {}),
    ...(marks.href !== undefined ? { href: marks.href } : {}),
  };
}

/**
 * Runs as a reader sees them: HTML whitespace collapsed to one space (also across runs),
 * trimmed at both ends, empty runs dropped, neighbours with the same marks merged. Returns []
 * when nothing visible is left.
 */
export function normalizeRuns(runs: readonly TextRun[]): Inline {
  const out: TextRun[] = [];
  let lastEndsWithSpace = true; // at the start, leading space is dropped
  for (const r of runs) {
    let text = r.text.replace(HTML_SPACE, " ");
    if (lastEndsWithSpace && text.startsWith(" ")) text = text.slice(1);
    if (text === "") continue;
    lastEndsWithSpace = text.endsWith(" ");
    const prev = out[out.length - 1];
    if (prev && sameMarks(prev, r)) prev.text += text;
    else out.push({ ...r, text });
  }
  // Trailing space: trim the last run, dropping it if it becomes empty.
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    last.text = last.text.replace(/ $/, "");
    if (last.text !== "") break;
    out.pop();
  }
  return out.every((r) => INVISIBLE.test(r.text)) ? [] : out;
}

/** Inline parts joined into one, `separator` between non-empty parts, normalized. */
export function joinInline(parts: readonly Inline[], separator = " "): Inline {
  const runs: TextRun[] = [];
  for (const part of parts) {
    if (part.length === 0) continue;
    if (runs.length > 0) runs.push({ text: separator });
    runs.push(...part);
  }
  return normalizeRuns(runs);
}

/** The same runs, all italic (an unattributed quotation kept as text). */
export function italicize(runs: Inline): Inline {
  return runs.map((r) => ({ ...r, italic: true }));
}
