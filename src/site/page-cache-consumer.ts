import { type ChangeConsumer, EVERY_PATH } from "../content/index.js";
import type { PageCache } from "./page-cache.js";

/**
 * The page cache as a follower of change events: it drops exactly the pages each event names, on
 * every instance. Its TTL remains only as a safety net.
 */
export function pageCacheConsumer(cache: PageCache): ChangeConsumer {
  return {
    name: "page cache",
    handle(events) {
      for (const event of events)
        for (const path of event.paths) {
          // Everything is gone at once: later events of the batch have nothing left to drop.
          if (path === EVERY_PATH) return cache.clear();
          cache.invalidate(path);
        }
    },
    reset: () => cache.clear(),
  };
}
