import type { AdBlock } from "../../content/index.js";

/**
 * A labelled ad slot. The box has the slot's aspect ratio and maximum width from the start so
 * whatever fills it later cannot shift the text. `label` keeps landmark names unique when an
 * article holds several slots.
 */
export function Ad({ block, label = "Advertisement" }: { block: AdBlock; label?: string }) {
  return (
    <aside class="ad" aria-label={label} data-ad-slot={block.slot}>
      <p class="ad-label">Advertisement</p>
      <div
        class="ad-box"
        data-width={block.width}
        data-height={block.height}
        style={`aspect-ratio:${block.width}/${block.height};max-width:${block.width}px`}
      />
    </aside>
  );
}
