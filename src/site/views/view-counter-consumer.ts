import type { ChangeConsumer } from "../../content/index.js";
import type { BeaconServices } from "./beacon.js";

/**
 * The view counter as a follower of change events: whatever happens to an article or a page
 * (published, unpublished, deleted, its slug or publication time changed), the counter forgets
 * whether it is public, so the next beacon for it reads it again, on every instance. A view of
 * an article just unpublished is not counted; the counter's TTL remains only as a safety net.
 */
export function viewCounterConsumer({ counter }: Pick<BeaconServices, "counter">): ChangeConsumer {
  return {
    name: "view counter",
    handle(events) {
      // Every article event, not only the listed ones: an edit may move its publication time, and
      // forgetting costs one read at the next beacon.
      for (const event of events) {
        const id = event.ids.articleId;
        if (id !== undefined && /^(article|page)\./.test(event.type)) counter.forget(id);
      }
    },
    reset: () => counter.forgetAll(),
  };
}
