// Ghost's mobiledoc documents (Ghost 1 to 4, and posts not reopened since in 5): version 0.3.x,
// `{atoms, cards, markups, sections}`. Sections are markup sections (p, h1–h6, blockquote,
// aside), list sections (ul/ol of marker lists), old image sections and card sections; markers
// are text or atoms, opening and closing markups (b, i, a with href…) as they go.
// https://github.com/bustle/mobiledoc-kit/blob/master/MOBILEDOC.md
import { cleanStrings } from "../../content/index.js";
import { type ConvertedBlock, note, type Report } from "../wordpress/converted.js";
import { HEADING_LEVEL } from "../wordpress/html-flow.js";
import type { Marks } from "../wordpress/inline-runs.js";
import { convertCard } from "./cards.js";
import { InlineLines, noteOtherMark, type OtherMark } from "./inline.js";
import { isRecord, own } from "./payload.js";
import {
  headingBlocks,
  listItem,
  paragraphBlocks,
  pullQuoteBlocks,
  quoteBlocks,
} from "./text-blocks.js";
import { ghostHref } from "./urls.js";

const SUPPORTED_VERSION = /^0\.3(?:\.\d+)?$/;

const MARKUP_SECTION = 1;
const IMAGE_SECTION = 2;
const LIST_SECTION = 3;
const CARD_SECTION = 10;
const ATOM_MARKER = 1;

/** What a markup tag does to the text it wraps. */
type Mark = { set: "bold" | "italic" } | { link: string | undefined } | { other: OtherMark } | null;

const MARKUP_TAGS: Record<string, Mark> = {
  b: { set: "bold" },
  strong: { set: "bold" },
  i: { set: "italic" },
  em: { set: "italic" },
  s: { other: "strikethrough" },
  del: { other: "strikethrough" },
  u: { other: "underline" },
  code: { other: "code" },
  sub: { other: "subscript" },
  sup: { other: "superscript" },
};

interface Doc {
  markups: unknown[];
  atoms: unknown[];
  cards: unknown[];
}

/**
 * Blocks from a post's mobiledoc JSON, or undefined (noted) when it is not JSON or not a
 * version this reader knows, so the caller can fall back to the next stored form.
 */
export function mobiledocToBlocks(json: string, report: Report): ConvertedBlock[] | undefined {
  let parsed: unknown;
  try {
    // Its escapes (\u0000) decode to characters the store refuses; an import drops them.
    parsed = cleanStrings(JSON.parse(json));
  } catch {
    note(report, "mobiledoc content is not valid JSON");
    return undefined;
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.sections)) {
    note(report, "mobiledoc content has no sections");
    return undefined;
  }
  const version = typeof parsed.version === "string" ? parsed.version : String(parsed.version);
  if (!SUPPORTED_VERSION.test(version)) {
    note(report, `mobiledoc version "${version.slice(0, 20)}" is not one Ghost writes (0.3.x)`);
    return undefined;
  }
  const list = (key: string) => (Array.isArray(parsed[key]) ? (parsed[key] as unknown[]) : []);
  const doc: Doc = { markups: list("markups"), atoms: list("atoms"), cards: list("cards") };
  return parsed.sections.flatMap((section) => {
    try {
      return sectionBlocks(section, doc, report);
    } catch {
      note(report, "a mobiledoc section could not be read and was dropped");
      return [];
    }
  });
}

function sectionBlocks(section: unknown, doc: Doc, report: Report): ConvertedBlock[] {
  if (!Array.isArray(section)) {
    note(report, "a mobiledoc section that is not a list was dropped");
    return [];
  }
  const [kind, a, b] = section as [unknown, unknown, unknown];
  switch (kind) {
    case MARKUP_SECTION:
      return markupSection(String(a).toLowerCase(), markerLines(b, doc, report), report);
    case LIST_SECTION: {
      const items = (Array.isArray(b) ? b : []).map((markers) =>
        listItem(markerLines(markers, doc, report)),
      );
      const filled = items.filter((item) => item.length > 0);
      const ordered = String(a).toLowerCase() === "ol";
      return filled.length > 0 ? [{ type: "list", ordered, items: filled }] : [];
    }
    case IMAGE_SECTION:
      return convertCard("image", { src: typeof a === "string" ? a : "" }, report);
    case CARD_SECTION: {
      const card = typeof a === "number" ? doc.cards[a] : undefined;
      const [name, payload] = Array.isArray(card) ? card : [];
      if (typeof name !== "string") {
        note(report, "a mobiledoc card section naming no card was dropped");
        return [];
      }
      return convertCard(name, isRecord(payload) ? payload : {}, report);
    }
    default:
      note(report, `mobiledoc section of unknown kind ${String(kind).slice(0, 20)} dropped`);
      return [];
  }
}

function markupSection(tag: string, lines: ReturnType<InlineLines["result"]>, report: Report) {
  const level = own(HEADING_LEVEL, tag);
  if (level !== undefined) return headingBlocks(level, lines);
  if (tag === "blockquote") return quoteBlocks(lines, report);
  // Ghost's second quote style ("aside"), and mobiledoc-kit's own name for it.
  if (tag === "aside" || tag === "pull-quote") return pullQuoteBlocks(lines);
  if (tag !== "p") note(report, `mobiledoc section <${tag.slice(0, 20)}> read as a paragraph`);
  return paragraphBlocks(lines);
}

/** The mark of markup number `index`, read from the document's markups list. */
function markOf(index: unknown, doc: Doc): Mark {
  const markup = typeof index === "number" ? doc.markups[index] : undefined;
  if (!Array.isArray(markup) || typeof markup[0] !== "string") return null;
  const tag = markup[0].toLowerCase();
  if (tag !== "a") return own(MARKUP_TAGS, tag) ?? null;
  // Attributes are a flat list: ["href", "https://…", "rel", "noopener"].
  const attrs: unknown[] = Array.isArray(markup[1]) ? markup[1] : [];
  const at = attrs.findIndex((x, i) => i % 2 === 0 && x === "href");
  const href = at === -1 ? undefined : attrs[at + 1];
  return { link: typeof href === "string" ? href : undefined };
}

/** The text of a marker list as lines, marks applied as markups open and close. */
function markerLines(
  markers: unknown,
  doc: Doc,
  report: Report,
): ReturnType<InlineLines["result"]> {
  const lines = new InlineLines();
  const open: Mark[] = [];
  for (const marker of Array.isArray(markers) ? markers : []) {
    if (!Array.isArray(marker)) continue;
    const [type, opens, closes, value] = marker as [unknown, unknown, unknown, unknown];
    for (const index of Array.isArray(opens) ? opens : []) open.push(markOf(index, doc));
    const marks = marksOf(open, report);
    if (type === ATOM_MARKER) atom(lines, value, doc, marks, report);
    else if (typeof value === "string") {
      lines.text(value, marks);
      if (value.trim() !== "")
        for (const mark of open) if (mark && "other" in mark) noteOtherMark(report, mark.other);
    }
    const count = typeof closes === "number" && closes > 0 ? closes : 0;
    open.splice(Math.max(0, open.length - count), count);
  }
  return lines.result();
}

function marksOf(open: readonly Mark[], report: Report): Marks {
  const marks: Marks = {};
  for (const mark of open) {
    if (mark === null) continue;
    if ("set" in mark) marks[mark.set] = true;
    else if ("link" in mark && marks.href === undefined && mark.link !== undefined) {
      // A link inside a link: the outer one wins.
      const href = ghostHref(mark.link);
      if (href !== undefined) marks.href = href;
      else if (mark.link.trim() !== "")
        note(report, `link to "${mark.link.trim().slice(0, 100)}" dropped, its text kept`);
    }
  }
  return marks;
}

/** An atom marker: Ghost's soft-return is a line break; any other atom keeps its text, noted. */
function atom(lines: InlineLines, index: unknown, doc: Doc, marks: Marks, report: Report): void {
  const found = typeof index === "number" ? doc.atoms[index] : undefined;
  const [name, text] = Array.isArray(found) ? found : [];
  if (name === "soft-return") {
    lines.lineBreak();
    return;
  }
  const label = typeof name === "string" ? name.slice(0, 60) : "?";
  note(report, `mobiledoc atom "${label}" kept as its text`);
  if (typeof text === "string") lines.text(text, marks);
}
