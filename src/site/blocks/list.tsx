import type { ListBlock } from "../../content/index.js";
import { InlineText } from "./inline.js";

/** A bulleted or numbered list. */
export function List({ block }: { block: ListBlock }) {
  const items = block.items.map((item, i) => (
    <li key={i}>
      <InlineText runs={item} />
    </li>
  ));
  return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
}
