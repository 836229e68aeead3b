// Article bodies as feed readers get them: the site's block renderers, minus what only works
// on the site (ad slots, the video facade's script), with every address made absolute.
import { Fragment, h } from "preact";
import { renderToString } from "preact-render-to-string";
import type { Article, BodyBlock, ImageBlock, VideoBlock } from "../../content/index.js";
import { type BlockRefs, BlockView } from "../blocks/index.js";
import { InlineText, Link, safeHref } from "../blocks/inline.js";
import { CreditLine } from "../components/credit.js";
import { primaryImage } from "../seo/urls.js";
import { FeedDocument, FeedGallery, FeedMediaFile } from "./media-blocks.js";

// The same watch pages the site's video block links to; readers open them outside the feed.
const WATCH: Record<string, (id: string) => string> = {
  youtube: (id) => `https://www.youtube.com/watch?v=${id}`,
  vimeo: (id) => `https://vimeo.com/${id}`,
};

function FeedImage({ block, refs, base }: { block: ImageBlock; refs: BlockRefs; base: string }) {
  const media = refs.media[block.mediaId];
  if (!media) return null;
  const img = primaryImage(base, media, 960);
  return (
    <figure>
      <img src={img.url} width={img.width} height={img.height} alt={block.alt || media.alt} />
      <figcaption>
        {block.caption && block.caption.length > 0 ? (
          <>
            <InlineText runs={block.caption} />{" "}
          </>
        ) : null}
        <CreditLine credit={media.credit} />
      </figcaption>
    </figure>
  );
}

function FeedVideo({ block }: { block: VideoBlock }) {
  const watch = block.videoId ? WATCH[block.provider]?.(block.videoId) : undefined;
  const href = watch ?? block.url;
  const source = safeHref(block.source.url);
  return (
    <figure>
      <p>Video: {href ? <Link href={href}>{block.title}</Link> : block.title}</p>
      <figcaption>
        {block.caption && block.caption.length > 0 ? (
          <>
            <InlineText runs={block.caption} />{" "}
          </>
        ) : null}
        Source: {source ? <Link href={source}>{block.source.name}</Link> : block.source.name}
      </figcaption>
    </figure>
  );
}

function FeedBlock({ block, refs, base }: { block: BodyBlock; refs: BlockRefs; base: string }) {
  switch (block.type) {
    case "ad":
    // Only drafts hold unfinished blocks, and feeds carry published articles: never a note.
    case "incomplete":
      return null;
    case "image":
      return <FeedImage block={block} refs={refs} base={base} />;
    case "video":
      return <FeedVideo block={block} />;
    case "gallery":
      return <FeedGallery block={block} refs={refs} base={base} />;
    case "audio":
    case "video-file":
      return <FeedMediaFile block={block} refs={refs} />;
    case "document":
      return <FeedDocument block={block} refs={refs} base={base} />;
    default:
      return <BlockView block={block} refs={{ ...refs, origin: base }} />;
  }
}

/**
 * Root-relative href and src values made absolute. Preact escapes quotes inside attribute
 * values and text, so ` href="/` only ever starts a real attribute; protocol-relative `//`
 * addresses are left as they are.
 */
export function absolutizeHtml(html: string, base: string): string {
  return html.replace(/ (href|src)="\/(?!\/)/g, (_m, attr: string) => ` ${attr}="${base}/`);
}

/** Text escaped for an HTML context (feed fields typed as HTML), by the site's own renderer. */
export function escapeHtml(text: string): string {
  return renderToString(h(Fragment, null, text));
}

/** The article's whole body as feed HTML: ads left out, images and links absolute. */
export function fullContentHtml(article: Article, refs: BlockRefs, base: string): string {
  const html = renderToString(
    h(
      Fragment,
      null,
      article.body.map((block, i) => <FeedBlock block={block} refs={refs} base={base} key={i} />),
    ),
  );
  return absolutizeHtml(html, base);
}

/** The excerpt: the dek and the first paragraph, then a link to the article. */
export function excerptHtml(article: Article, refs: BlockRefs, base: string, url: string): string {
  const first = article.body.find((b) => b.type === "paragraph");
  const html = renderToString(
    <>
      {article.dek ? (
        <p>
          <strong>{article.dek}</strong>
        </p>
      ) : null}
      {first ? <BlockView block={first} refs={refs} /> : null}
      <p>
        <a href={url}>Read the full article</a>
      </p>
    </>,
  );
  return absolutizeHtml(html, base);
}
