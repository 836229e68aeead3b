import type { IncompleteBlock } from "../../content/index.js";

/**
 * An unfinished block, which only a draft holds (and so only a preview shows): a marked note
 * naming what it still lacks, so the preview reads as the editor will see it and never as a
 * half-rendered block. Nothing of its content is rendered.
 */
export function Unfinished({ block }: { block: IncompleteBlock }) {
  return (
    <aside class="block-unfinished" data-block-type={block.block.type}>
      Unfinished {block.block.type} block: {block.issues.map((i) => i.message).join("; ")}
    </aside>
  );
}
