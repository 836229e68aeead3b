import type { HeadingBlock } from "../../content/index.js";
import { InlineText } from "./inline.js";

/** A body heading (h2–h4; the headline is the page's only h1). */
export function Heading({ block }: { block: HeadingBlock }) {
  const Tag = `h${block.level}` as "h2" | "h3" | "h4";
  return (
    <Tag>
      <InlineText runs={block.content} />
    </Tag>
  );
}
