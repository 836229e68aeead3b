// Ghost's cards, the same in both editors: a mobiledoc card section names a card and its payload,
// a Lexical card node carries the same fields on the node itself. One card never stops a post:
// a card that cannot be read is dropped and reported, and an unknown card keeps its HTML when it
// has some. What each card becomes is listed in docs/ARCHITECTURE.md, "Ghost content conversion".
import MarkdownIt from "markdown-it";
import type { Block } from "../../content/index.js";
import { type ConvertedBlock, legacyBlocks, note, type Report } from "../wordpress/converted.js";
import { HEADING_LEVEL, videosOnly } from "../wordpress/html-flow.js";
import { codeBlocksOf, splitCodeNote } from "../wordpress/writing-blocks.js";
import { escapeHtml, ghostHtmlBlocks, ghostHtmlInline, prepareGhostHtml } from "./html.js";
import {
  audioCard,
  embedCard,
  fileCard,
  galleryCard,
  imageCard,
  productCard,
  videoCard,
} from "./media-cards.js";
import { own, type Payload, record, str } from "./payload.js";
import { linkParagraph } from "./text-blocks.js";

type CardConverter = (payload: Payload, report: Report) => ConvertedBlock[];

// Ghost renders markdown cards with markdown-it (kg-markdown-html-renderer): raw HTML allowed, a
// newline a <br>, addresses with a scheme linked. The same options read the stored text the way
// readers saw it. Ghost's plugins (footnotes, ==mark==, ~sub~, ^sup^) are not installed here:
// their syntax stays text, as Masthead has no footnotes or those marks anyway.
const markdown = new MarkdownIt({ html: true, breaks: true, linkify: true });
markdown.linkify.set({ fuzzyLink: false });

// Lexical renamed two cards; the rest share their mobiledoc names.
const ALIASES: Record<string, string> = {
  codeblock: "code",
  horizontalrule: "hr",
  "card-markdown": "markdown",
};

// Cards readers never saw on the web page, or that only work on Ghost: dropped, with the reason.
const DROPPED: Record<string, string> = {
  paywall:
    "paywall marker dropped: it is never shown to readers (on Ghost the content after it was for paying members)",
  email: "email-only content (email card) dropped: Ghost never showed it on the web",
  "email-cta":
    "email-only call to action (email-cta card) dropped: Ghost never showed it on the web",
  signup: "signup form card dropped (it subscribed readers to the Ghost site's newsletter)",
  transistor: "Transistor podcast player dropped (it showed each Ghost member their own feed)",
  collection: "collection card dropped (a list of posts Ghost built on each view)",
};

const CARDS: Record<string, CardConverter> = {
  image: imageCard,
  gallery: galleryCard,
  embed: embedCard,
  nft: embedCard,
  video: videoCard,
  audio: audioCard,
  file: fileCard,
  product: productCard,
  hr: () => [{ type: "divider" }],
  html: htmlCard,
  markdown: markdownCard,
  code: codeCard,
  callout: calloutCard,
  toggle: toggleCard,
  bookmark: bookmarkCard,
  header: headerCard,
  button: buttonCard,
  "call-to-action": callToActionCard,
};

/** Whether a name is a card this module knows (converted or deliberately dropped). */
export function isKnownCard(rawName: string): boolean {
  const name = own(ALIASES, rawName) ?? rawName;
  return own(CARDS, name) !== undefined || own(DROPPED, name) !== undefined;
}

/**
 * Blocks for one card, by its name (mobiledoc) or node type (Lexical). Never throws: a card
 * whose payload cannot be read is dropped and noted; an unknown card is kept as legacy HTML when
 * it carries HTML, else noted.
 */
export function convertCard(rawName: string, payload: Payload, report: Report): ConvertedBlock[] {
  const name = own(ALIASES, rawName) ?? rawName;
  const label = name.slice(0, 60);
  if (hiddenOnWeb(payload)) {
    note(report, `${label} card shown only in emails dropped: Ghost never showed it on the web`);
    return [];
  }
  if (membersOnly(payload))
    note(report, "content Ghost showed only to members kept visible to every reader");
  const dropped = own(DROPPED, name);
  if (dropped !== undefined) {
    note(report, dropped);
    return [];
  }
  const convert = own(CARDS, name);
  try {
    if (convert) return convert(payload, report);
    const html = str(payload, "html");
    if (html !== "") return legacyBlocks(report, prepareGhostHtml(html), `ghost:${label}`);
    note(report, `unknown card "${label}" dropped (it had no HTML to keep)`);
    return [];
  } catch {
    note(report, `${label} card could not be read; dropped`);
    return [];
  }
}

/**
 * Whether a card was for emails only. Ghost 5 wrote `visibility.emailOnly` (and then
 * `showOnWeb`), later `visibility.web` with the members who see it; no one at all means email only.
 */
function hiddenOnWeb(p: Payload): boolean {
  const visibility = record(p, "visibility");
  const web = record(visibility, "web");
  if (visibility.emailOnly === true || visibility.showOnWeb === false) return true;
  return web.nonMember === false && web.memberSegment === "";
}

/** Whether a card was shown on the web to some members only (Masthead has no members). */
function membersOnly(p: Payload): boolean {
  const web = record(record(p, "visibility"), "web");
  return (
    web.nonMember === false && typeof web.memberSegment === "string" && web.memberSegment !== ""
  );
}

/** The HTML card: player embed code becomes facade videos; anything else legacy HTML. */
function htmlCard(p: Payload, report: Report): ConvertedBlock[] {
  const html = str(p, "html");
  if (html === "") return [];
  return videosOnly(html) ?? legacyBlocks(report, prepareGhostHtml(html), "ghost:html");
}

/** The markdown card, rendered as Ghost renders it and read as HTML. */
function markdownCard(p: Payload, report: Report): ConvertedBlock[] {
  const source = typeof p.markdown === "string" ? p.markdown : "";
  return source.trim() === "" ? [] : ghostHtmlBlocks(markdown.render(source), report);
}

/**
 * The code card: a code block with the card's language, as the WordPress importer reads wp:code
 * (code longer than one block may hold split over several, noted); the caption (a code block
 * has none) a paragraph under it.
 */
function codeCard(p: Payload, report: Report): ConvertedBlock[] {
  const code = typeof p.code === "string" ? p.code : "";
  const typed = codeBlocksOf(code, str(p, "language"));
  if (!("block" in typed)) {
    note(report, `ghost:code kept as HTML: ${typed.fallback}`);
    return legacyBlocks(report, `<pre><code>${escapeHtml(code)}</code></pre>`, "ghost:code");
  }
  if (typed.block.length > 1) note(report, splitCodeNote(typed.block.length));
  const caption = ghostHtmlInline(str(p, "caption"), report);
  return caption.length > 0
    ? [...typed.block, { type: "paragraph", content: caption }]
    : typed.block;
}

/**
 * The callout card (an emoji beside a boxed note) as legacy HTML, emoji first. Not a quote: a
 * quote needs a speaker and a callout has none, so one would have to be invented; and a plain
 * paragraph would lose that the text stood apart from the article (an editor's note, a
 * disclosure, a promotion). A legacy block keeps it apart and in the report, so an editor
 * decides what it becomes (commentary, a correction, or nothing).
 */
function calloutCard(p: Payload, report: Report): ConvertedBlock[] {
  const text = prepareGhostHtml(str(p, "calloutText"));
  const emoji = escapeHtml(str(p, "calloutEmoji"));
  if (text === "" && emoji === "") return [];
  const prefix = emoji === "" ? "" : `${emoji} `;
  // Lexical writes the text as paragraphs, mobiledoc as inline HTML: the emoji joins the first line.
  const html = /^<p[\s>]/i.test(text)
    ? text.replace(/^<p([^>]*)>/i, `<p$1>${prefix}`)
    : `<p>${prefix}${text}</p>`;
  return legacyBlocks(report, html, "ghost:callout");
}

/** The toggle card (a question that opens on its answer): a heading, then the answer's blocks. */
function toggleCard(p: Payload, report: Report): ConvertedBlock[] {
  const heading = ghostHtmlInline(str(p, "heading"), report);
  const out: ConvertedBlock[] = [];
  // Ghost renders the toggle's heading as an h4.
  if (heading.length > 0) out.push({ type: "heading", level: HEADING_LEVEL.h4!, content: heading });
  out.push(...ghostHtmlBlocks(str(p, "content"), report));
  if (out.length > 0) note(report, "toggle cards shown open (Masthead has no collapsible block)");
  return out;
}

/**
 * The bookmark card (a link preview): one paragraph, the linked title then the description.
 * The preview's icon and thumbnail belong to the other site and are not kept.
 */
function bookmarkCard(p: Payload, report: Report): ConvertedBlock[] {
  const metadata = record(p, "metadata");
  const url = str(p, "url") || str(metadata, "url");
  const title = str(metadata, "title") || str(p, "title");
  const description = str(metadata, "description") || str(p, "description");
  const link = linkParagraph(title, url, report);
  const first = link[0];
  if (first?.type === "paragraph" && description !== "")
    first.content.push({ text: ` — ${description.replace(/\s+/g, " ")}` });
  const caption = ghostHtmlInline(str(p, "caption"), report);
  if (caption.length > 0) link.push({ type: "paragraph", content: caption });
  return link;
}

/** A card's button, when it has one switched on: a paragraph holding the link. */
function buttonOf(p: Payload, enabledKey: string, report: Report): Block[] {
  if (p[enabledKey] !== true) return [];
  return linkParagraph(str(p, "buttonText"), str(p, "buttonUrl"), report);
}

/**
 * The header card, versions 1 and 2 (a banner opening a page): heading, subheading paragraph,
 * and its button as a link. The background image is decoration and is not kept.
 */
function headerCard(p: Payload, report: Report): ConvertedBlock[] {
  const out: ConvertedBlock[] = [];
  const heading = ghostHtmlInline(str(p, "header"), report);
  if (heading.length > 0) out.push({ type: "heading", level: 2, content: heading });
  const subheading = ghostHtmlInline(str(p, "subheader"), report);
  if (subheading.length > 0) out.push({ type: "paragraph", content: subheading });
  out.push(...buttonOf(p, "buttonEnabled", report));
  if (str(p, "backgroundImageSrc") !== "")
    note(report, "a header card's background image was not kept");
  return out;
}

/** The button card: a paragraph holding the link. */
function buttonCard(p: Payload, report: Report): ConvertedBlock[] {
  return linkParagraph(str(p, "buttonText"), str(p, "buttonUrl"), report);
}

/**
 * The call-to-action card (Ghost 6: a boxed promotion, often a sponsor's): its text and button
 * as legacy HTML, so an editor decides whether a promotion belongs in the article.
 */
function callToActionCard(p: Payload, report: Report): ConvertedBlock[] {
  const parts: string[] = [];
  const sponsor = prepareGhostHtml(str(p, "sponsorLabel"));
  if (p.hasSponsorLabel === true && sponsor !== "") parts.push(`<p>${sponsor}</p>`);
  const text = prepareGhostHtml(str(p, "textValue"));
  if (text !== "") parts.push(text);
  const button = buttonOf(p, "showButton", report)[0];
  const href = button?.type === "paragraph" ? button.content[0]?.href : undefined;
  if (button?.type === "paragraph" && href !== undefined)
    parts.push(`<p><a href="${escapeHtml(href)}">${escapeHtml(button.content[0]!.text)}</a></p>`);
  return parts.length === 0 ? [] : legacyBlocks(report, parts.join(""), "ghost:call-to-action");
}
