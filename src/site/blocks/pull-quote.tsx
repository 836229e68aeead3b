import type { PullQuoteBlock } from "../../content/index.js";
import { InlineText } from "./inline.js";

/**
 * A sentence of the article repeated large. An `<aside>`: it is a highlight beside the text,
 * not a quotation of someone (that is the quote block, with its speaker).
 */
export function PullQuote({ block }: { block: PullQuoteBlock }) {
  return (
    <aside class="pull-quote" aria-label="Pull quote">
      <p>
        <InlineText runs={block.content} />
      </p>
    </aside>
  );
}
