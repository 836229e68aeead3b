// Paragraphs, headings, quotes and list items from lines of inline text (see inline.ts). The
// rules are the WordPress importer's, so both importers read a line break alike: one break is a
// space (Masthead inline text has none), two in a row end the paragraph.
import type { Block, Inline } from "../../content/index.js";
import { note, type Report } from "../wordpress/converted.js";
import { speakerOf, startsWithDash, UNATTRIBUTED_QUOTE } from "../wordpress/html-flow.js";
import { italicize, joinInline, normalizeRuns, run } from "../wordpress/inline-runs.js";
import { ghostHref } from "./urls.js";

/** Lines grouped into paragraphs: an empty line (two breaks in a row) ends one. */
function groups(lines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  let group: Inline[] = [];
  for (const line of [...lines, []]) {
    if (line.length > 0) {
      group.push(line);
      continue;
    }
    const joined = joinInline(group);
    if (joined.length > 0) out.push(joined);
    group = [];
  }
  return out;
}

/** The paragraphs of a block of text; nothing when it holds nothing visible. */
export function paragraphBlocks(lines: readonly Inline[]): Block[] {
  return groups(lines).map((content) => ({ type: "paragraph", content }));
}

/** One heading (its lines joined by a space), or nothing when it is empty. */
export function headingBlocks(level: 2 | 3 | 4, lines: readonly Inline[]): Block[] {
  const content = joinInline(lines);
  return content.length > 0 ? [{ type: "heading", level, content }] : [];
}

/** One list item's text, its lines joined by a space. */
export function listItem(lines: readonly Inline[]): Inline {
  return joinInline(lines);
}

/**
 * A quotation. Masthead's quote needs a speaker: Ghost has no attribution field, so it is the
 * last line when that starts with a dash (written after a line break, as WordPress's rule
 * reads it). Without one the text is kept as italic paragraphs, noted, rather than credited to
 * nobody.
 */
export function quoteBlocks(lines: readonly Inline[], report: Report): Block[] {
  const filled = lines.filter((l) => l.length > 0);
  const last = filled[filled.length - 1];
  if (filled.length >= 2 && last !== undefined && startsWithDash(last)) {
    const { speaker, sourceUrl } = speakerOf(last);
    const content = joinInline(lines.slice(0, lines.lastIndexOf(last)));
    if (speaker !== "" && speaker.length <= 200 && content.length > 0)
      return [{ type: "quote", content, speaker, ...(sourceUrl ? { sourceUrl } : {}) }];
  }
  const paragraphs = paragraphBlocks(lines);
  if (paragraphs.length > 0) note(report, UNATTRIBUTED_QUOTE);
  return italicParagraphs(paragraphs);
}

/**
 * A pull quote (Ghost's aside, the alternative quote style): it repeats a line of the article
 * itself, so there is no speaker to name; Masthead's pull quote block, its paragraphs joined.
 */
export function pullQuoteBlocks(lines: readonly Inline[]): Block[] {
  const content = joinInline(groups(lines));
  return content.length > 0 ? [{ type: "pullquote", content }] : [];
}

function italicParagraphs(blocks: readonly Block[]): Block[] {
  return blocks.map((b) => (b.type === "paragraph" ? { ...b, content: italicize(b.content) } : b));
}

/**
 * A paragraph holding one link (a button, a bookmark without a title): `text`, or the address
 * when there is no text. An address Masthead refuses keeps its text, noted.
 */
export function linkParagraph(text: string, rawUrl: string, report: Report): Block[] {
  const href = ghostHref(rawUrl);
  if (rawUrl.trim() !== "" && href === undefined)
    note(report, `link to "${rawUrl.trim().slice(0, 100)}" dropped, its text kept`);
  const content = normalizeRuns([run(text.trim() || rawUrl, href ? { href } : {})]);
  return content.length > 0 ? [{ type: "paragraph", content }] : [];
}
