// Ghost's media cards (image, gallery, embed, uploaded video, audio, file, product) into
// Masthead blocks. Images and galleries become references for the importer to resolve; a file Ghost
// hosted itself (video, audio, download) has no Masthead block and is kept as a link to it.
import { type Inline, inlineText, type VideoBlock } from "../../content/index.js";
import {
  type ConvertedBlock,
  type ImageRef,
  legacyBlocks,
  note,
  type Report,
} from "../wordpress/converted.js";
import { videosOnly } from "../wordpress/html-flow.js";
import { parseWebUrl, videoFromUrl } from "../wordpress/video-urls.js";
import { escapeHtml, ghostHtmlInline, prepareGhostHtml } from "./html.js";
import { type Payload, record, records, str } from "./payload.js";
import { ghostHref, originalGhostImageUrl } from "./urls.js";

/** An image reference, or undefined (noted) when the card names no usable file. */
function imageRef(src: string, alt: string, caption: Inline, report: Report): ImageRef | undefined {
  // The editor writes a placeholder for an upload that never finished.
  if (src === "" || src.startsWith("data:") || src === "<base64String>") {
    note(report, "an image with no address was dropped");
    return undefined;
  }
  return {
    type: "image-ref",
    src: originalGhostImageUrl(src),
    alt,
    ...(caption.length > 0 ? { caption } : {}),
  };
}

/** The image card: src, alt and caption (HTML); its width and a link around it are not kept. */
export function imageCard(p: Payload, report: Report): ConvertedBlock[] {
  if (str(p, "cardWidth") === "wide" || str(p, "cardWidth") === "full")
    note(report, "wide and full-width images kept at the column's width");
  if (str(p, "href") !== "") note(report, "a link around an image dropped");
  const ref = imageRef(
    str(p, "src"),
    str(p, "alt"),
    ghostHtmlInline(str(p, "caption"), report),
    report,
  );
  return ref ? [ref] : [];
}

/** The gallery card: a gallery of its images in order, each with its caption, and the set's caption. */
export function galleryCard(p: Payload, report: Report): ConvertedBlock[] {
  const refs = records(p, "images").flatMap((image) => {
    const ref = imageRef(
      str(image, "src"),
      str(image, "alt"),
      ghostHtmlInline(str(image, "caption"), report),
      report,
    );
    return ref ? [ref] : [];
  });
  const caption = ghostHtmlInline(str(p, "caption"), report);
  if (refs.length === 0) {
    note(report, "a gallery with no images was dropped");
    return caption.length > 0 ? [{ type: "paragraph", content: caption }] : [];
  }
  return [{ type: "gallery-ref", images: refs, ...(caption.length > 0 ? { caption } : {}) }];
}

/** What the report calls an embed's source: oEmbed's provider name, else the host. */
function providerOf(p: Payload, url: string): string {
  const name = str(record(p, "metadata"), "provider_name");
  return (name || parseWebUrl(url)?.hostname || "unknown provider").slice(0, 100);
}

function withCaption(video: VideoBlock, caption: Inline): VideoBlock {
  return caption.length > 0 ? { ...video, caption } : video;
}

/**
 * The embed card (and the NFT card, built the same way): YouTube and Vimeo become facade
 * videos; any other provider keeps its oEmbed markup as legacy HTML (reported), or a link to
 * the address when the markup is nothing Masthead may keep (a bare player frame).
 */
export function embedCard(p: Payload, report: Report): ConvertedBlock[] {
  const url = str(p, "url");
  const html = str(p, "html");
  const caption = ghostHtmlInline(str(p, "caption"), report);
  const video = videoFromUrl(url, caption);
  if (video) return [video];
  const players = html === "" ? undefined : videosOnly(html);
  if (players) return players.length === 1 ? [withCaption(players[0]!, caption)] : players;
  const provider = providerOf(p, url);
  const kept =
    html === "" ? [] : legacyBlocks(report, prepareGhostHtml(html), `ghost:embed (${provider})`);
  const blocks: ConvertedBlock[] =
    kept.length > 0 ? kept : linkTo(url, report, `embed (${provider}) kept as a link`);
  if (caption.length > 0) blocks.push({ type: "paragraph", content: caption });
  return blocks;
}

/** A paragraph linking to an address, with the note saying why; nothing when it has none. */
function linkTo(raw: string, report: Report, why: string): ConvertedBlock[] {
  const href = ghostHref(raw);
  if (href === undefined) {
    note(report, `${why.replace(/ kept as a link$/, "")} with no usable address dropped`);
    return [];
  }
  note(report, why);
  return [{ type: "paragraph", content: [{ text: raw, href }] }];
}

/** The note for files that lived on the Ghost site itself and must be copied with it. */
function noteSiteFile(report: Report, href: string): void {
  if (href.startsWith("/"))
    note(
      report,
      "links to files the Ghost site hosted (/content/media/, /content/files/) need those files kept at the same addresses",
    );
}

/**
 * A file Ghost hosted (uploaded video, audio, download) as a legacy-HTML link to it: Masthead's
 * video block plays YouTube and Vimeo behind a facade and has no audio or file block, and a
 * legacy block marks it for an editor to re-home the file.
 */
function fileLink(
  p: Payload,
  report: Report,
  kind: "video" | "audio" | "file",
  label: string,
  details: string[],
): ConvertedBlock[] {
  const src = str(p, "src");
  const href = src.startsWith("data:") ? undefined : ghostHref(src);
  if (href === undefined) {
    note(report, `${kind} card with no usable address dropped`);
    return [];
  }
  noteSiteFile(report, href);
  const extra = details.filter((d) => d !== "").map((d) => `<p>${d}</p>`);
  const html = `<p><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></p>${extra.join("")}`;
  return legacyBlocks(report, html, `ghost:${kind}`);
}

/** The video card (a file uploaded to Ghost, not YouTube or Vimeo): a link to the file. */
export function videoCard(p: Payload, report: Report): ConvertedBlock[] {
  const video = videoFromUrl(str(p, "src"));
  if (video) return [withCaption(video, ghostHtmlInline(str(p, "caption"), report))];
  const name = str(p, "fileName") || "video file";
  return fileLink(p, report, "video", `Video: ${name}`, [prepareGhostHtml(str(p, "caption"))]);
}

/** The audio card: a link to the file, labelled with its title. */
export function audioCard(p: Payload, report: Report): ConvertedBlock[] {
  return fileLink(p, report, "audio", `Audio: ${str(p, "title") || "audio file"}`, []);
}

/** The file card: a link to the download with its title and caption. */
export function fileCard(p: Payload, report: Report): ConvertedBlock[] {
  const title = str(p, "fileTitle") || str(p, "fileName") || "Download";
  return fileLink(p, report, "file", title, [escapeHtml(str(p, "fileCaption"))]);
}

/**
 * The product card (an affiliate or shop box): its image as an image, the rest (title,
 * description, star rating, button) as legacy HTML, since it is a promotion an editor should
 * look at rather than article text.
 */
export function productCard(p: Payload, report: Report): ConvertedBlock[] {
  const out: ConvertedBlock[] = [];
  const src = str(p, "productImageSrc");
  if (src !== "") {
    const alt = inlineText(ghostHtmlInline(str(p, "productTitle"), report));
    const ref = imageRef(src, alt, [], report);
    if (ref) out.push(ref);
  }
  const parts: string[] = [];
  const title = prepareGhostHtml(str(p, "productTitle"));
  if (title !== "") parts.push(`<h3>${title}</h3>`);
  const description = prepareGhostHtml(str(p, "productDescription"));
  if (description !== "") parts.push(`<p>${description}</p>`);
  const stars = Number(p.productStarRating);
  if (p.productRatingEnabled === true && Number.isInteger(stars) && stars >= 0 && stars <= 5)
    parts.push(`<p>${"★".repeat(stars)}${"☆".repeat(5 - stars)}</p>`);
  const href = ghostHref(str(p, "productUrl"));
  if (p.productButtonEnabled === true && href !== undefined)
    parts.push(
      `<p><a href="${escapeHtml(href)}">${escapeHtml(str(p, "productButton") || href)}</a></p>`,
    );
  if (parts.length > 0) out.push(...legacyBlocks(report, parts.join(""), "ghost:product"));
  return out;
}
