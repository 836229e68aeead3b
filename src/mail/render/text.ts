// The plain-text part: the same content as the HTML part, readable in any client and by screen
// readers that prefer it. Links are written "words (url)", a quotation keeps its speaker, a
// picture its credit, the author's opinion its label. Lines wrap at 78 columns between words;
// a word longer than that (a URL) stays whole.
import { DEFAULT_COMMENTARY_LABEL } from "../../content/commentary-label.js";
import {
  type BodyBlock,
  type Credit,
  creditLine,
  htmlToText,
  type Inline,
  type MediaItem,
  type TrackerSummary,
  trackerLinkSlug,
} from "../../content/index.js";
import { mediaPath, trackerPath } from "../../content/public-paths.js";
import type { EmailRefs } from "./blocks.js";
import { entriesLabel } from "./format.js";
import { absoluteHref, type LinkBase, siteUrl } from "./urls.js";

/** The width plain-text lines wrap at (RFC 5322 recommends at most 78 characters). */
export const TEXT_WIDTH = 78;

/** `text` wrapped at `width`, every line starting with `prefix` (the first with `first`). */
export function wrap(text: string, prefix = "", first = prefix, width = TEXT_WIDTH): string {
  const lines: string[] = [];
  for (const source of text.split("\n")) {
    let line = "";
    let lead = lines.length === 0 ? first : prefix;
    for (const word of source.split(/[ \t]+/).filter((w) => w !== "")) {
      if (line !== "" && lead.length + line.length + 1 + word.length > width) {
        lines.push(lead + line);
        lead = prefix;
        line = word;
      } else line = line === "" ? word : `${line} ${word}`;
    }
    lines.push(lead + line);
  }
  return lines.map((l) => l.trimEnd()).join("\n");
}

/** Inline runs as text; a link is "words (url)", or the url alone when the words are the url. */
export function inlineToText(runs: Inline | undefined, base: LinkBase): string {
  if (!runs) return "";
  return runs
    .map((run) => {
      const href = absoluteHref(run.href, base);
      if (!href || href === run.text) return run.text;
      return `${run.text} (${href})`;
    })
    .join("");
}

/** "Photo: Creator / Source (url), License (deed)". */
export function creditToText(credit: Credit, kind: string, base: LinkBase): string {
  const line = creditLine(credit);
  const sourceUrl = absoluteHref(line.sourceUrl, base);
  const sourceText = line.sourceName || (sourceUrl ? "source" : "");
  const source = sourceText ? (sourceUrl ? `${sourceText} (${sourceUrl})` : sourceText) : "";
  const who = [line.creator, source].filter((p) => p !== "").join(" / ");
  const license = line.license.deedUrl
    ? `${line.license.label} (${line.license.deedUrl})`
    : line.license.label;
  return `${kind}: ${who ? `${who}, ` : ""}${license}`;
}

/** A caption and a credit as one wrapped paragraph. */
function captionText(caption: Inline | undefined, credit: string | undefined, base: LinkBase) {
  const parts = [inlineToText(caption, base).trim(), credit ?? ""].filter((p) => p !== "");
  return parts.length > 0 ? wrap(parts.join(" ")) : "";
}

function trackerText(
  intro: Inline | undefined,
  tracker: TrackerSummary | undefined,
  refs: EmailRefs,
) {
  const words = intro && intro.length > 0 ? wrap(inlineToText(intro, refs)) : "";
  if (!tracker) return words;
  const card = `Tracker: ${tracker.title}, ${entriesLabel(tracker.entryCount)} (${siteUrl(refs.publicUrl, trackerPath(tracker.slug))})`;
  return [words, wrap(card)].filter((p) => p !== "").join("\n\n");
}

function imageText(media: MediaItem, alt: string, caption: Inline | undefined, refs: EmailRefs) {
  return [
    `[Image: ${alt || media.alt}]`,
    captionText(caption, creditToText(media.credit, "Photo", refs), refs),
  ]
    .filter((p) => p !== "")
    .join("\n");
}

/** One block as text ("" for what the HTML part leaves out too: ad slots, unfinished blocks). */
export function blockToText(block: BodyBlock, refs: EmailRefs): string {
  switch (block.type) {
    case "paragraph": {
      const slug = trackerLinkSlug(block, refs.publicUrl);
      const tracker =
        slug === undefined ? undefined : Object.values(refs.trackers).find((t) => t.slug === slug);
      return tracker
        ? trackerText(undefined, tracker, refs)
        : wrap(inlineToText(block.content, refs));
    }
    case "heading": {
      const text = inlineToText(block.content, refs);
      return `${text}\n${(block.level === 2 ? "=" : "-").repeat(Math.min(text.length, TEXT_WIDTH))}`;
    }
    case "quote": {
      const source = absoluteHref(block.sourceUrl, refs);
      const setting = block.setting ? `, ${block.setting}` : "";
      const link = source ? ` (${source})` : "";
      return [
        wrap(`“${inlineToText(block.content, refs)}”`, "> "),
        wrap(`— ${block.speaker}${setting}${link}`, "> "),
      ].join("\n");
    }
    case "list":
      return block.items
        .map((item, i) => {
          const bullet = block.ordered ? `${i + 1}. ` : "- ";
          return wrap(inlineToText(item, refs), " ".repeat(bullet.length), bullet);
        })
        .join("\n");
    case "image": {
      const media = refs.media[block.mediaId];
      return media ? imageText(media, block.alt, block.caption, refs) : "";
    }
    case "gallery": {
      const pictures = block.images.flatMap((image) => {
        const media = refs.media[image.mediaId];
        return media ? [imageText(media, image.alt, image.caption, refs)] : [];
      });
      if (pictures.length === 0) return "";
      return [...pictures, captionText(block.caption, undefined, refs)]
        .filter((p) => p !== "")
        .join("\n\n");
    }
    case "video":
    case "video-file": {
      const credit =
        block.type === "video"
          ? `Source: ${block.source.name}${absoluteHref(block.source.url, refs) ? ` (${absoluteHref(block.source.url, refs)})` : ""}`
          : refs.media[block.mediaId]
            ? creditToText((refs.media[block.mediaId] as MediaItem).credit, "Video", refs)
            : undefined;
      return [
        wrap(`[Video: ${block.title}] Watch the video on ${refs.publicationName}: ${refs.pageUrl}`),
        captionText(block.caption, credit, refs),
      ]
        .filter((p) => p !== "")
        .join("\n");
    }
    case "audio": {
      const media = refs.media[block.mediaId];
      if (!media) return "";
      return [
        wrap(`[Audio: ${block.title}] Listen on ${refs.publicationName}: ${refs.pageUrl}`),
        captionText(block.caption, creditToText(media.credit, "Audio", refs), refs),
      ]
        .filter((p) => p !== "")
        .join("\n");
    }
    case "document": {
      const media = refs.media[block.mediaId];
      if (!media) return "";
      return [
        wrap(
          `[Document: ${block.title} (PDF)] ${siteUrl(refs.publicUrl, mediaPath(media.storageKey))}`,
        ),
        captionText(block.caption, creditToText(media.credit, "Document", refs), refs),
      ]
        .filter((p) => p !== "")
        .join("\n");
    }
    case "commentary": {
      const label = block.label ?? DEFAULT_COMMENTARY_LABEL;
      return [
        `| ${label.toUpperCase()}`,
        ...block.paragraphs.map((p) => wrap(inlineToText(p, refs), "| ")),
      ].join("\n|\n");
    }
    case "tracker":
      return trackerText(block.intro, refs.trackers[block.trackerId], refs);
    case "table": {
      const cell = (runs: Inline) => inlineToText(runs, refs).replace(/\s+/g, " ").trim();
      const [first, ...rest] = block.rows;
      const head = block.headerRow && first ? first : undefined;
      const body = head ? rest : block.rows;
      const lines = [
        ...(block.caption ? [`Table: ${block.caption}`] : []),
        ...(head
          ? [
              head.map(cell).join(" | "),
              "-".repeat(Math.min(TEXT_WIDTH, head.map(cell).join(" | ").length)),
            ]
          : []),
        ...body.map((row) => row.map(cell).join(" | ")),
      ];
      return lines.join("\n");
    }
    case "pullquote":
      return wrap(`“${inlineToText(block.content, refs)}”`, "    ");
    case "code":
      // As written: code is never wrapped, only indented.
      return [
        ...(block.language ? [`${block.language}:`] : []),
        ...block.code.split("\n").map((l) => `    ${l}`.trimEnd()),
      ].join("\n");
    case "divider":
      return "* * *";
    case "html":
      return wrap(htmlToText(block.html));
    case "ad":
    case "incomplete":
      return "";
  }
}

/** A body as text: its blocks in order, a blank line between them. */
export function bodyToText(blocks: readonly BodyBlock[], refs: EmailRefs): string {
  return blocks
    .map((b) => blockToText(b, refs))
    .filter((t) => t.trim() !== "")
    .join("\n\n");
}
