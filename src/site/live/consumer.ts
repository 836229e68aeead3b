// The live fan-out as a follower of change events: on every instance, each change to a live
// article's updates that someone here is reading is rendered once and written to all of them.
import type { Config } from "../../config.js";
import type { ChangeConsumer, RecordedChange } from "../../content/index.js";
import { getLiveCoverage, getLiveUpdate, type Store } from "../../store/reads.js";
import type { LiveRenderOptions } from "../components/live-blog.js";
import type { LiveHub } from "./hub.js";
import { liveRenderOptions, removeMessage, stateMessage, updateMessages } from "./messages.js";

/** Events after which an article's readers must leave: it is no longer public. */
const GONE = new Set(["article.unpublished", "article.deleted", "article.unscheduled"]);

/** Pushes each change to a followed live article to its readers on this instance. */
export function liveUpdatesConsumer(deps: {
  store: Store;
  config: Config;
  hub: LiveHub;
}): ChangeConsumer {
  const { store, hub } = deps;
  /** One message for one event, or undefined when there is nothing to send. */
  const messageOf = async (
    event: RecordedChange,
    options: () => Promise<LiveRenderOptions>,
  ): Promise<string | undefined> => {
    const { articleId, updateId } = event.ids;
    if (!articleId) return undefined;
    switch (event.type) {
      case "live_update.added":
      case "live_update.edited": {
        // Read now, so an update deleted meanwhile is not sent (its own event removes it).
        const update = updateId ? await getLiveUpdate(store, updateId) : undefined;
        if (!update) return undefined;
        const [message] = await updateMessages(store, await options(), [update]);
        return message;
      }
      case "live_update.deleted":
        return updateId ? removeMessage(updateId) : undefined;
      case "live_coverage.ended":
      case "live_coverage.reopened":
        return stateMessage(await getLiveCoverage(store, articleId), await options());
      default:
        return undefined;
    }
  };
  return {
    name: "live updates",
    async handle(events) {
      let options: Promise<LiveRenderOptions> | undefined;
      const lazyOptions = () => {
        options ??= liveRenderOptions(store, deps.config);
        return options;
      };
      for (const event of events) {
        const articleId = event.ids.articleId;
        if (!articleId || !hub.follows(articleId)) continue;
        if (GONE.has(event.type)) {
          hub.closeArticle(articleId);
          continue;
        }
        const message = await messageOf(event, lazyOptions);
        if (message) hub.broadcast(articleId, message);
      }
    },
    // Readers reconnect with what they last saw and catch up from the database; nothing to forget.
    reset() {},
  };
}
