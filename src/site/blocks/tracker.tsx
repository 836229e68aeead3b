import type { TrackerBlock, TrackerSummary } from "../../content/index.js";
import { trackerPath } from "../../content/public-paths.js";
import { entriesLabel } from "../format.js";
import { InlineText } from "./inline.js";

/** The sentence introducing a tracker and a card linking to its page with the entry count. */
export function TrackerLink({
  block,
  tracker,
}: {
  block: TrackerBlock;
  tracker: TrackerSummary | undefined;
}) {
  const intro =
    block.intro && block.intro.length > 0 ? (
      <p>
        <InlineText runs={block.intro} />
      </p>
    ) : null;
  if (!tracker) return intro;
  return (
    <div class="tracker-ref">
      {intro}
      <a class="tracker-card" href={trackerPath(tracker.slug)}>
        <span class="tracker-card-kicker">Tracker</span>
        <span class="tracker-card-title">{tracker.title}</span>
        <span class="tracker-card-count">{entriesLabel(tracker.entryCount)}</span>
      </a>
    </div>
  );
}
