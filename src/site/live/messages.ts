// The messages of a live article's event stream, rendered on the server: `update` (an update's
// HTML, to insert or replace), `remove` (an update's id), `state` (the coverage state's HTML) and
// `sync` (every update id and the state, sent when a reader connects, so a reconnecting page
// drops what was deleted while it was away).
import type { Config } from "../../config.js";
import type { LiveCoverage, LiveUpdate } from "../../content/index.js";
import { getSettings, loadLiveUpdateRefs, type Store } from "../../store/reads.js";
import {
  type LiveRenderOptions,
  renderLiveStatus,
  renderLiveUpdate,
} from "../components/live-blog.js";
import { sseMessage } from "./hub.js";

/** How updates render for this publication now (its language, its origin). */
export async function liveRenderOptions(store: Store, config: Config): Promise<LiveRenderOptions> {
  const settings = await getSettings(store);
  return { language: settings.language, origin: config.publicUrl };
}

/**
 * One `update` message per update, its id the update's last change (a reconnecting reader asks
 * for what changed since the last id it saw).
 */
export async function updateMessages(
  store: Store,
  options: LiveRenderOptions,
  updates: readonly LiveUpdate[],
): Promise<string[]> {
  if (updates.length === 0) return [];
  const refs = await loadLiveUpdateRefs(store, updates);
  return updates.map((u) =>
    sseMessage(
      "update",
      { id: u.id, pinned: u.pinned, html: renderLiveUpdate(u, refs, options) },
      u.updatedAt,
    ),
  );
}

/** A `remove` message for a deleted update. */
export function removeMessage(updateId: string): string {
  return sseMessage("remove", { id: updateId });
}

/** A `state` message: whether coverage ended, and the state line's HTML. */
export function stateMessage(coverage: LiveCoverage, options: LiveRenderOptions): string {
  return sseMessage("state", {
    ended: coverage.endedAt !== null,
    html: renderLiveStatus(coverage, options),
  });
}

/** A `sync` message: the ids of every update now, and the state. */
export function syncMessage(
  ids: readonly string[],
  coverage: LiveCoverage,
  options: LiveRenderOptions,
): string {
  return sseMessage("sync", {
    ids,
    ended: coverage.endedAt !== null,
    html: renderLiveStatus(coverage, options),
  });
}
