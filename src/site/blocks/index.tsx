import {
  type Block,
  type BodyBlock,
  type MediaItem,
  type TrackerSummary,
  trackerLinkSlug,
  type UnfinishedBlock,
} from "../../content/index.js";
import { Ad } from "./ad.js";
import { Code } from "./code.js";
import { Commentary } from "./commentary.js";
import { Divider } from "./divider.js";
import { DocumentLink } from "./document.js";
import { Gallery } from "./gallery.js";
import { Heading } from "./heading.js";
import { Image } from "./image.js";
import { LegacyHtml } from "./legacy-html.js";
import { List } from "./list.js";
import { MediaFile } from "./media-file.js";
import { Paragraph } from "./paragraph.js";
import { PullQuote } from "./pull-quote.js";
import { Quote } from "./quote.js";
import { Table } from "./table.js";
import { TrackerLink } from "./tracker.js";
import { Unfinished } from "./unfinished.js";
import { Video } from "./video.js";

/** What block renderers look up by id. */
export interface BlockRefs {
  media: Readonly<Record<string, MediaItem>>;
  trackers: Readonly<Record<string, TrackerSummary>>;
  /** The site's public origin: an absolute link to a tracker here shows its card too. */
  origin?: string;
}

/** The tracker a paragraph is nothing but a link to, when it is one the page loaded. */
function linkedTracker(block: Block, refs: BlockRefs): TrackerSummary | undefined {
  const slug = trackerLinkSlug(block, refs.origin);
  return slug === undefined ? undefined : Object.values(refs.trackers).find((t) => t.slug === slug);
}

/** One block of any type. */
export function BlockView({ block, refs }: { block: BodyBlock; refs: BlockRefs }) {
  switch (block.type) {
    case "paragraph": {
      const tracker = linkedTracker(block, refs);
      return tracker ? (
        <TrackerLink block={{ type: "tracker", trackerId: tracker.id }} tracker={tracker} />
      ) : (
        <Paragraph block={block} />
      );
    }
    case "heading":
      return <Heading block={block} />;
    case "quote":
      return <Quote block={block} />;
    case "list":
      return <List block={block} />;
    case "image":
      return <Image block={block} media={refs.media[block.mediaId]} />;
    case "video":
      return <Video block={block} />;
    case "commentary":
      return <Commentary block={block} />;
    case "tracker":
      return <TrackerLink block={block} tracker={refs.trackers[block.trackerId]} />;
    case "ad":
      return <Ad block={block} />;
    case "divider":
      return <Divider />;
    case "html":
      return <LegacyHtml block={block} />;
    case "gallery":
      return <Gallery block={block} media={refs.media} />;
    case "audio":
    case "video-file":
      return <MediaFile block={block} media={refs.media} />;
    case "document":
      return <DocumentLink block={block} media={refs.media[block.mediaId]} />;
    case "table":
      return <Table block={block} />;
    case "pullquote":
      return <PullQuote block={block} />;
    case "code":
      return <Code block={block} />;
    case "incomplete":
      return <Unfinished block={block} />;
  }
}

/** An article body: every block in order. Ad slots after the first are numbered. */
export function Body({ blocks, refs }: { blocks: readonly BodyBlock[]; refs: BlockRefs }) {
  let ads = 0;
  return (
    <>
      {blocks.map((block, i) => {
        if (block.type === "ad") {
          ads++;
          return <Ad block={block} key={i} label={ads > 1 ? `Advertisement ${ads}` : undefined} />;
        }
        return <BlockView block={block} refs={refs} key={i} />;
      })}
    </>
  );
}

/** Whether the body holds a video the facade script can play (so the script is only sent then). */
export function hasPlayableVideo(blocks: readonly (Block | UnfinishedBlock)[]): boolean {
  return blocks.some(
    (b) => b.type === "video" && b.videoId !== undefined && b.provider !== "other",
  );
}
