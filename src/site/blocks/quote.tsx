import type { QuoteBlock } from "../../content/index.js";
import { InlineText, Link, safeHref } from "./inline.js";

/** An attributed quotation: the words, then "— Speaker, setting". */
export function Quote({ block }: { block: QuoteBlock }) {
  const source = safeHref(block.sourceUrl);
  const setting = block.setting ? block.setting : undefined;
  return (
    <figure class="quote">
      <blockquote cite={source}>
        <p class="quote-text">
          <InlineText runs={block.content} />
        </p>
      </blockquote>
      <figcaption>
        — {block.speaker}
        {setting ? (
          <>
            , <cite>{source ? <Link href={source}>{setting}</Link> : setting}</cite>
          </>
        ) : source ? (
          <>
            {" "}
            (<Link href={source}>source</Link>)
          </>
        ) : null}
      </figcaption>
    </figure>
  );
}
