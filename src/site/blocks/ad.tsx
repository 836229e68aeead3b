import type { AdBlock } from "../../content/index.js";

/**
 * A labelled ad slot. The box has the slot's aspect ratio and maximum width from the start so
 * whatever fills it later (replacing the sizer inside) cannot shift the text. `label` keeps landmark names unique when an
 * article holds several slots.
 */
export function Ad({ block, label = "Advertisement" }: { block: AdBlock; label?: string }) {
  return (
    <aside class="ad" aria-label={label} data-ad-slot={block.slot}>
      <p class="ad-label">Advertisement</p>
      <div class="ad-box" data-width={block.width} data-height={block.height}>
        {/* Holds the slot's size (its width at most, its aspect ratio below that) the way an image
            would: an inline style could say it, but the page's Content-Security-Policy allows none. */}
        <canvas class="ad-size" width={block.width} height={block.height} />
      </div>
    </aside>
  );
}
