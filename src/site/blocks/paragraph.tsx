import type { ParagraphBlock } from "../../content/index.js";
import { InlineText } from "./inline.js";

/** A body paragraph. */
export function Paragraph({ block }: { block: ParagraphBlock }) {
  return (
    <p>
      <InlineText runs={block.content} />
    </p>
  );
}
