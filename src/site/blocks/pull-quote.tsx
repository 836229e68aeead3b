import type { PullQuoteBlock } from "../../content/index.js";
import { InlineText } from "./inline.js";

/**
 * A sentence of the article repeated large. An `<aside>`: it is a highlight beside the text,
 * not a quotation of someone (that is the quote block, with its speaker). Unnamed, so inside
 * the article it is no landmark of its own (axe: landmark-complementary-is-top-level).
 */
export function PullQuote({ block }: { block: PullQuoteBlock }) {
  return (
    <aside class="pull-quote">
      <p>
        <InlineText runs={block.content} />
      </p>
    </aside>
  );
}
