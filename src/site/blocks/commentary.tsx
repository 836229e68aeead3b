import { DEFAULT_COMMENTARY_LABEL } from "../../content/commentary-label.js";
import type { CommentaryBlock } from "../../content/index.js";
import { InlineText } from "./inline.js";

export { DEFAULT_COMMENTARY_LABEL };

/**
 * The author's opinion inside a reported piece: a labelled note, visibly boxed and marked
 * `data-content-kind="opinion"` so readers, screen readers and machines can tell it from reporting.
 */
export function Commentary({ block }: { block: CommentaryBlock }) {
  const label = block.label ?? DEFAULT_COMMENTARY_LABEL;
  return (
    <aside class="commentary" role="note" aria-label={label} data-content-kind="opinion">
      <p class="commentary-label">{label}</p>
      {block.paragraphs.map((p, i) => (
        <p key={i}>
          <InlineText runs={p} />
        </p>
      ))}
    </aside>
  );
}
