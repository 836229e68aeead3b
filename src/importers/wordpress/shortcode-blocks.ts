// The blocks each converted WordPress shortcode becomes: [caption] an image with its caption,
// [gallery] a gallery of its attachment ids, [embed]/[video]/[youtube]/[vimeo] a video (or a link
// when the address is no video Masthead can show), [audio] an audio block (a link when its file
// cannot be had).
import { DomUtils, parseDocument } from "htmlparser2";
import type { Inline } from "../../content/index.js";
import { type ConvertedBlock, type ImageRef, note, type Report } from "./converted.js";
import { type DomElement, type DomNode, isElement } from "./dom.js";
import {
  audioRefOf,
  htmlToBlocks,
  htmlToInline,
  imageRefOf,
  linkParagraph,
  textOfNodes,
} from "./html-flow.js";
import type { Shortcode } from "./shortcodes.js";
import { otherVideoFromUrl, videoFromUrl } from "./video-urls.js";

const VIDEO_SOURCES = ["src", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mov"];
const AUDIO_SOURCES = ["src", "mp3", "ogg", "wav", "m4a", "wma", "flac"];

/** Entities in an attribute value decoded (`&amp;` in a URL), tags read as text. */
function decode(value: string): string {
  return textOfNodes(parseDocument(value).children).trim();
}

function firstAttr(sc: Shortcode, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = sc.attrs[name];
    if (value !== undefined && value.trim() !== "") return decode(value);
  }
  return undefined;
}

/** The first <img> in document order, found without recursion. */
function firstImage(nodes: readonly DomNode[]): DomElement | undefined {
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (node.name === "img") return node;
    for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i]!);
  }
  return undefined;
}

/**
 * `[caption id="attachment_12" caption="…"]<a href="…"><img …/></a> Caption[/caption]`: the
 * image, its attachment id, and the caption (the attribute in old posts, else the text after
 * the image).
 */
function caption(sc: Shortcode, report: Report): ConvertedBlock[] {
  const html = sc.content ?? "";
  const doc = parseDocument(html, { withStartIndices: true, withEndIndices: true });
  const img = firstImage(doc.children);
  const ref = img ? imageRefOf(img) : undefined;
  if (!img || !ref) {
    note(report, "[caption] without an image kept as text");
    return htmlToBlocks(html, { autop: true }, report);
  }
  // The caption is what follows the image (or the link wrapped around it).
  let wrapper: DomNode = img;
  while (
    wrapper.parent &&
    wrapper.parent.type !== "root" &&
    DomUtils.getChildren(wrapper.parent).length === 1
  )
    wrapper = wrapper.parent as DomElement;
  const after = wrapper.endIndex === null ? "" : html.slice(wrapper.endIndex + 1);
  const captionHtml = sc.attrs.caption !== undefined ? sc.attrs.caption : after;
  const text: Inline = htmlToInline(captionHtml, report);
  const idAttr = /^attachment_(\d+)$/.exec(sc.attrs.id ?? "")?.[1];
  const image: ImageRef = {
    ...ref,
    ...(idAttr !== undefined ? { attachmentId: idAttr } : {}),
    ...(text.length > 0 ? { caption: text } : {}),
  };
  return [image];
}

/** `[gallery ids="1,2,3"]` (or `include=`): a gallery, one image per id, for the importer to resolve. */
function gallery(sc: Shortcode, report: Report): ConvertedBlock[] {
  const ids = (sc.attrs.ids ?? sc.attrs.include ?? "")
    .split(/[\s,]+/)
    .filter((id) => /^\d+$/.test(id));
  if (ids.length === 0) {
    note(
      report,
      "[gallery] without ids (the post's attached images) needs its images added by hand",
    );
    return [];
  }
  return [
    {
      type: "gallery-ref",
      images: ids.map((attachmentId) => ({ type: "image-ref", src: "", alt: "", attachmentId })),
    },
  ];
}

/** A video for a YouTube/Vimeo (or other https video) address; a link for anything else. */
function videoOrLink(url: string, report: Report, what: string): ConvertedBlock[] {
  const block = videoFromUrl(url) ?? (what === "[video]" ? otherVideoFromUrl(url) : undefined);
  if (block) return [block];
  const link = linkParagraph(url);
  note(report, `${what} of ${url.slice(0, 100) || "no address"} kept as a link`);
  return link ? [link] : [];
}

/** `[youtube ID]`, `[youtube=URL]`, `[vimeo 123]`, `[vimeo id=123]` (Jetpack): the address. */
function jetpackUrl(sc: Shortcode): string {
  const value = decode(sc.positional[0] ?? sc.attrs.id ?? sc.attrs.clip_id ?? sc.attrs.url ?? "");
  if (/^https?:\/\//i.test(value) || value.startsWith("//")) return value;
  if (value === "") return "";
  return sc.name === "vimeo"
    ? `https://vimeo.com/${value}`
    : `https://www.youtube.com/watch?v=${encodeURIComponent(value)}`;
}

/** The blocks one converted shortcode becomes. */
export function shortcodeBlocks(sc: Shortcode, report: Report): ConvertedBlock[] {
  switch (sc.name) {
    case "caption":
    case "wp_caption":
      return caption(sc, report);
    case "gallery":
      return gallery(sc, report);
    case "embed":
      return videoOrLink(decode(sc.content ?? sc.attrs.src ?? ""), report, "[embed]");
    case "video":
      return videoOrLink(firstAttr(sc, VIDEO_SOURCES) ?? "", report, "[video]");
    case "youtube":
    case "vimeo":
      return videoOrLink(jetpackUrl(sc), report, `[${sc.name}]`);
    case "audio": {
      const ref = audioRefOf(firstAttr(sc, AUDIO_SOURCES) ?? "", report);
      return ref ? [ref] : [];
    }
  }
}
