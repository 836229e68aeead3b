// An article body as email markup: the meaning of every block the article page shows (who said
// a quotation, what is the author's opinion, who took a picture), in markup mail clients render:
// tables for boxes, classes that juice turns into inline styles, absolute links, no scripts, no
// frames, and nothing loaded from another site. Text is escaped by preact-render-to-string.
import { type ComponentChildren, Fragment } from "preact";
import { DEFAULT_COMMENTARY_LABEL } from "../../content/commentary-label.js";
import {
  type AudioBlock,
  type BodyBlock,
  type CodeBlock,
  type CommentaryBlock,
  type Credit,
  creditLine,
  type DocumentBlock,
  type GalleryBlock,
  type ImageBlock,
  type Inline,
  type ListBlock,
  type MediaItem,
  type QuoteBlock,
  type TableBlock,
  type TrackerSummary,
  trackerLinkSlug,
  type VideoBlock,
  type VideoFileBlock,
} from "../../content/index.js";
import { mediaPath, trackerPath } from "../../content/public-paths.js";
import { entriesLabel } from "./format.js";
import { legacyHtmlForEmail } from "./legacy-html.js";
import { absoluteHref, emailImage, type LinkBase, siteUrl } from "./urls.js";

/** What body blocks look up while rendering one message. */
export interface EmailRefs extends LinkBase {
  /** The article's page: where a video or sound file is played. */
  pageUrl: string;
  publicationName: string;
  media: Readonly<Record<string, MediaItem>>;
  trackers: Readonly<Record<string, TrackerSummary>>;
}

/** A table used for layout only: no borders, no spacing, announced as presentation. */
export function LayoutTable({
  class: className,
  children,
}: {
  class: string;
  children: ComponentChildren;
}) {
  return (
    <table role="presentation" class={className} width="100%" cellPadding="0" cellSpacing="0">
      <tbody>{children}</tbody>
    </table>
  );
}

/** Inline runs with <strong>, <em> and absolute links; a link the site would not render stays text. */
export function InlineRuns({ runs, base }: { runs: Inline | undefined; base: LinkBase }) {
  if (!runs || runs.length === 0) return null;
  return (
    <>
      {runs.map((run, i) => {
        let node: ComponentChildren = run.text;
        if (run.italic) node = <em>{node}</em>;
        if (run.bold) node = <strong>{node}</strong>;
        const href = absoluteHref(run.href, base);
        return href ? (
          <a href={href} key={i}>
            {node}
          </a>
        ) : (
          <Fragment key={i}>{node}</Fragment>
        );
      })}
    </>
  );
}

/** "Photo: Creator / Source, License", the source and license linked as on the page. */
export function CreditText({
  credit,
  kind,
  base,
}: {
  credit: Credit;
  kind: string;
  base: LinkBase;
}) {
  const line = creditLine(credit);
  const sourceUrl = absoluteHref(line.sourceUrl, base);
  const sourceText = line.sourceName || (sourceUrl ? "source" : "");
  const source = sourceText ? sourceUrl ? <a href={sourceUrl}>{sourceText}</a> : sourceText : null;
  const deed = line.license.deedUrl;
  return (
    <span class="credit">
      {kind}: {line.creator}
      {line.creator && source ? " / " : null}
      {source}
      {line.creator || source ? ", " : null}
      {deed ? <a href={deed}>{line.license.label}</a> : line.license.label}
    </span>
  );
}

/** A caption paragraph: the editor's caption, then the credit. */
function Caption({
  caption,
  credit,
  base,
}: {
  caption: Inline | undefined;
  credit?: ComponentChildren;
  base: LinkBase;
}) {
  const hasCaption = caption !== undefined && caption.length > 0;
  if (!hasCaption && !credit) return null;
  return (
    <p class="caption">
      {hasCaption ? (
        <>
          <InlineRuns runs={caption} base={base} />{" "}
        </>
      ) : null}
      {credit}
    </p>
  );
}

function Picture({ media, alt, refs }: { media: MediaItem; alt: string; refs: EmailRefs }) {
  const image = emailImage(refs.publicUrl, media);
  return (
    <img
      src={image.src}
      width={image.width}
      {...(image.height > 0 ? { height: image.height } : {})}
      alt={alt}
      style={{ display: "block", width: "100%", maxWidth: `${image.width}px`, height: "auto" }}
    />
  );
}

function ImageView({ block, refs }: { block: ImageBlock; refs: EmailRefs }) {
  const media = refs.media[block.mediaId];
  if (!media) return null;
  return (
    <div class="figure">
      <Picture media={media} alt={block.alt || media.alt} refs={refs} />
      <Caption
        caption={block.caption}
        credit={<CreditText credit={media.credit} kind="Photo" base={refs} />}
        base={refs}
      />
    </div>
  );
}

/** A gallery's pictures one under another (a grid breaks in too many clients), each with its caption and credit. */
function GalleryView({ block, refs }: { block: GalleryBlock; refs: EmailRefs }) {
  const shown = block.images.flatMap((image) => {
    const item = refs.media[image.mediaId];
    return item ? [{ image, item }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <div class="gallery">
      {shown.map(({ image, item }, i) => (
        <div class="figure" key={i}>
          <Picture media={item} alt={image.alt || item.alt} refs={refs} />
          <Caption
            caption={image.caption}
            credit={<CreditText credit={item.credit} kind="Photo" base={refs} />}
            base={refs}
          />
        </div>
      ))}
      <Caption caption={block.caption} base={refs} />
    </div>
  );
}

/** The words, then "— Speaker, setting": who said it never leaves the quotation. */
function QuoteView({ block, refs }: { block: QuoteBlock; refs: EmailRefs }) {
  const source = absoluteHref(block.sourceUrl, refs);
  const setting = block.setting ? block.setting : undefined;
  return (
    <LayoutTable class="quote">
      <tr>
        <td class="quote-body">
          <blockquote cite={source} style={{ margin: 0 }}>
            <p class="quote-text">
              <InlineRuns runs={block.content} base={refs} />
            </p>
          </blockquote>
          <p class="quote-speaker">
            — {block.speaker}
            {setting ? (
              <>
                , <cite>{source ? <a href={source}>{setting}</a> : setting}</cite>
              </>
            ) : source ? (
              <>
                {" "}
                (<a href={source}>source</a>)
              </>
            ) : null}
          </p>
        </td>
      </tr>
    </LayoutTable>
  );
}

/** The author's opinion in a labelled box, with the label the page shows. */
function CommentaryView({ block, refs }: { block: CommentaryBlock; refs: EmailRefs }) {
  const label = block.label ?? DEFAULT_COMMENTARY_LABEL;
  return (
    <LayoutTable class="commentary">
      <tr>
        <td class="commentary-cell" data-content-kind="opinion">
          <p class="commentary-label">{label}</p>
          {block.paragraphs.map((p, i) => (
            <p key={i}>
              <InlineRuns runs={p} base={refs} />
            </p>
          ))}
        </td>
      </tr>
    </LayoutTable>
  );
}

/** A boxed link: a kicker, a linked title and a note (trackers, documents, sound files). */
function Panel({
  kicker,
  title,
  href,
  note,
}: {
  kicker: string;
  title: string;
  href: string;
  note?: ComponentChildren;
}) {
  return (
    <LayoutTable class="panel">
      <tr>
        <td class="panel-cell">
          <p class="panel-kicker">{kicker}</p>
          <p class="panel-title">
            <a href={href}>{title}</a>
          </p>
          {note ? <p class="panel-note">{note}</p> : null}
        </td>
      </tr>
    </LayoutTable>
  );
}

function TrackerView({
  intro,
  tracker,
  refs,
}: {
  intro: Inline | undefined;
  tracker: TrackerSummary | undefined;
  refs: EmailRefs;
}) {
  const introText =
    intro && intro.length > 0 ? (
      <p>
        <InlineRuns runs={intro} base={refs} />
      </p>
    ) : null;
  if (!tracker) return introText;
  return (
    <>
      {introText}
      <Panel
        kicker="Tracker"
        title={tracker.title}
        href={siteUrl(refs.publicUrl, trackerPath(tracker.slug))}
        note={entriesLabel(tracker.entryCount)}
      />
    </>
  );
}

/**
 * A video from YouTube or Vimeo as a poster linking to the article page, where it plays behind
 * the site's privacy facade: no frame, and no thumbnail fetched from the video host (which would
 * tell it who opened the message).
 */
function VideoView({ block, refs }: { block: VideoBlock | VideoFileBlock; refs: EmailRefs }) {
  const cta = `Watch the video on ${refs.publicationName}`;
  const credit =
    block.type === "video" ? (
      <span class="credit">
        Source:{" "}
        {absoluteHref(block.source.url, refs) ? (
          <a href={absoluteHref(block.source.url, refs)}>{block.source.name}</a>
        ) : (
          block.source.name
        )}
      </span>
    ) : refs.media[block.mediaId] ? (
      <CreditText
        credit={(refs.media[block.mediaId] as MediaItem).credit}
        kind="Video"
        base={refs}
      />
    ) : null;
  return (
    <div class="figure video">
      <LayoutTable class="video-poster">
        <tr>
          <td class="video-poster-cell" align="center">
            <a href={refs.pageUrl} class="video-poster-link" aria-label={`${cta}: ${block.title}`}>
              <span class="video-play" aria-hidden="true">
                ▶
              </span>
              <br />
              <span class="video-poster-title">{block.title}</span>
              <br />
              <span class="video-poster-cta">{cta}</span>
            </a>
          </td>
        </tr>
      </LayoutTable>
      <Caption caption={block.caption} credit={credit} base={refs} />
    </div>
  );
}

function AudioView({ block, refs }: { block: AudioBlock; refs: EmailRefs }) {
  const item = refs.media[block.mediaId];
  if (!item) return null;
  return (
    <div class="figure">
      <Panel
        kicker="Audio"
        title={block.title}
        href={refs.pageUrl}
        note={`Listen on ${refs.publicationName}${block.transcript ? " (with a transcript)" : ""}`}
      />
      <Caption
        caption={block.caption}
        credit={<CreditText credit={item.credit} kind="Audio" base={refs} />}
        base={refs}
      />
    </div>
  );
}

function DocumentView({ block, refs }: { block: DocumentBlock; refs: EmailRefs }) {
  const item = refs.media[block.mediaId];
  if (!item) return null;
  return (
    <div class="figure">
      <Panel
        kicker="Document"
        title={`${block.title} (PDF)`}
        href={siteUrl(refs.publicUrl, mediaPath(item.storageKey))}
      />
      <Caption
        caption={block.caption}
        credit={<CreditText credit={item.credit} kind="Document" base={refs} />}
        base={refs}
      />
    </div>
  );
}

/** A real data table: caption, a header row of `th scope="col"` when the editor marked one. */
function TableView({ block, refs }: { block: TableBlock; refs: EmailRefs }) {
  const [first, ...rest] = block.rows;
  const head = block.headerRow && first ? first : undefined;
  const body = head ? rest : block.rows;
  return (
    <table class="data-table" width="100%" cellPadding="0" cellSpacing="0">
      {block.caption ? <caption>{block.caption}</caption> : null}
      {head ? (
        <thead>
          <tr>
            {head.map((cell, i) => (
              <th scope="col" key={i}>
                <InlineRuns runs={cell} base={refs} />
              </th>
            ))}
          </tr>
        </thead>
      ) : null}
      <tbody>
        {body.map((row, r) => (
          <tr key={r}>
            {row.map((cell, c) => (
              <td key={c}>
                <InlineRuns runs={cell} base={refs} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CodeView({ block }: { block: CodeBlock }) {
  return (
    <div>
      {block.language ? <p class="code-language">{block.language}</p> : null}
      <pre class="code">
        <code>{block.code}</code>
      </pre>
    </div>
  );
}

function ListView({ block, refs }: { block: ListBlock; refs: EmailRefs }) {
  const items = block.items.map((item, i) => (
    <li key={i}>
      <InlineRuns runs={item} base={refs} />
    </li>
  ));
  return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
}

/**
 * One block. Ad slots are left out (a message carries no ad server, and an empty labelled box
 * would be noise); unfinished blocks, which only drafts hold, too.
 */
export function EmailBlock({ block, refs }: { block: BodyBlock; refs: EmailRefs }) {
  switch (block.type) {
    case "paragraph": {
      const slug = trackerLinkSlug(block, refs.publicUrl);
      const tracker =
        slug === undefined ? undefined : Object.values(refs.trackers).find((t) => t.slug === slug);
      return tracker ? (
        <TrackerView intro={undefined} tracker={tracker} refs={refs} />
      ) : (
        <p>
          <InlineRuns runs={block.content} base={refs} />
        </p>
      );
    }
    case "heading": {
      const Tag = `h${block.level}` as "h2" | "h3" | "h4";
      return (
        <Tag>
          <InlineRuns runs={block.content} base={refs} />
        </Tag>
      );
    }
    case "quote":
      return <QuoteView block={block} refs={refs} />;
    case "list":
      return <ListView block={block} refs={refs} />;
    case "image":
      return <ImageView block={block} refs={refs} />;
    case "gallery":
      return <GalleryView block={block} refs={refs} />;
    case "video":
    case "video-file":
      return <VideoView block={block} refs={refs} />;
    case "audio":
      return <AudioView block={block} refs={refs} />;
    case "document":
      return <DocumentView block={block} refs={refs} />;
    case "commentary":
      return <CommentaryView block={block} refs={refs} />;
    case "tracker":
      return (
        <TrackerView intro={block.intro} tracker={refs.trackers[block.trackerId]} refs={refs} />
      );
    case "table":
      return <TableView block={block} refs={refs} />;
    case "pullquote":
      return (
        <p class="pull-quote">
          <InlineRuns runs={block.content} base={refs} />
        </p>
      );
    case "code":
      return <CodeView block={block} />;
    case "divider":
      return <hr />;
    case "html": {
      const html = legacyHtmlForEmail(block.html, refs);
      // Sanitized by the site's legacy-HTML policy inside legacyHtmlForEmail.
      return html === "" ? null : (
        <div class="legacy-html" dangerouslySetInnerHTML={{ __html: html }} />
      );
    }
    case "ad":
    case "incomplete":
      return null;
  }
}

/** Every block of a body in order. */
export function EmailBody({ blocks, refs }: { blocks: readonly BodyBlock[]; refs: EmailRefs }) {
  return (
    <>
      {blocks.map((block, i) => (
        <EmailBlock block={block} refs={refs} key={i} />
      ))}
    </>
  );
}
