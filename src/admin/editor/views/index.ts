import type { EditorEnv } from "../env.js";
import type { BlockViews } from "../extensions/index.js";
import { blockView } from "./block-view.js";
import { CodeHead } from "./code-view.js";
import { galleryViews } from "./gallery-view.js";
import { HtmlHead, htmlLabel } from "./html-view.js";
import { ImageFoot, ImageHead } from "./image-view.js";
import { AudioHead, DocumentHead, VideoFileHead } from "./media-views.js";
import { AdHead, COMMENTARY_LABEL, CommentaryFoot, TrackerHead } from "./other-views.js";
import { QuoteFields } from "./quote-view.js";
import { TableHead } from "./table-view.js";
import { VideoFoot, VideoHead } from "./video-view.js";

/** The views of the blocks that have fields, bound to one editor's environment. */
export function blockViews(env: EditorEnv): BlockViews {
  return {
    gallery: galleryViews(env),
    audio: blockView(
      {
        label: "Audio",
        className: "block-audio",
        Head: AudioHead,
        content: {
          tag: "div",
          className: "caption-text",
          placeholder: "Add a caption (optional)",
          label: "Caption",
        },
      },
      env,
    ),
    videoFile: blockView(
      {
        label: "Video file",
        className: "block-video-file",
        Head: VideoFileHead,
        content: {
          tag: "div",
          className: "caption-text",
          placeholder: "Add a caption (optional)",
          label: "Caption",
        },
      },
      env,
    ),
    document: blockView(
      {
        label: "Document",
        className: "block-document",
        Head: DocumentHead,
        content: {
          tag: "div",
          className: "caption-text",
          placeholder: "Add a caption (optional)",
          label: "Caption",
        },
      },
      env,
    ),
    quote: blockView(
      {
        label: "Quotation",
        className: "block-quote",
        content: { tag: "blockquote", className: "quote-text", placeholder: "The quoted words" },
        Foot: QuoteFields,
      },
      env,
    ),
    image: blockView(
      {
        label: "Image",
        className: "block-image",
        Head: ImageHead,
        content: {
          tag: "div",
          className: "caption-text",
          placeholder: "Add a caption (optional)",
          label: "Caption",
        },
        Foot: ImageFoot,
      },
      env,
    ),
    video: blockView(
      {
        label: "Video",
        className: "block-video",
        Head: VideoHead,
        content: {
          tag: "div",
          className: "caption-text",
          placeholder: "Add a caption (optional)",
          label: "Caption",
        },
        Foot: VideoFoot,
      },
      env,
    ),
    commentary: blockView(
      {
        label: (attrs) =>
          (typeof attrs.label === "string" && attrs.label.trim()) || COMMENTARY_LABEL,
        className: "block-commentary",
        content: { tag: "div", className: "commentary-text", placeholder: "" },
        Foot: CommentaryFoot,
      },
      env,
    ),
    tracker: blockView(
      {
        label: "Tracker",
        className: "block-tracker",
        Head: TrackerHead,
        content: {
          tag: "div",
          className: "intro-text",
          placeholder: "A sentence introducing the tracker (optional)",
          label: "Introduction",
        },
      },
      env,
    ),
    ad: blockView({ label: "Ad slot", className: "block-ad", Head: AdHead }, env),
    legacyHtml: blockView(
      { label: htmlLabel, className: "block-legacy-html", Head: HtmlHead },
      env,
    ),
    table: blockView(
      {
        label: "Table",
        className: "block-table",
        classes: (attrs) => ({ "has-header-row": attrs.headerRow === true }),
        Head: TableHead,
        content: { tag: "table", className: "table-cells", placeholder: "" },
      },
      env,
    ),
    pullQuote: blockView(
      {
        label: "Pull quote",
        className: "block-pull-quote",
        content: {
          tag: "div",
          className: "pull-quote-text",
          placeholder: "A sentence from this article to set large",
        },
      },
      env,
    ),
    codeBlock: blockView(
      {
        label: "Code",
        className: "block-code",
        Head: CodeHead,
        content: { tag: "pre", className: "code-text", placeholder: "Code, exactly as written" },
      },
      env,
    ),
  };
}
