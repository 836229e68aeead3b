// Trackers (running lists such as "every pardon") and their entries: adding, retitling and
// keeping the entries. A tracker shows on its own page and, with its title and entry count, in
// every article that embeds it and those articles' feeds. Which articles embed it is known only
// from their bodies (no table lists it), so a change to a tracker in use is an event for every
// page rather than a scan of every body inside the write.
import { type Actor, actorCan } from "../auth/actor.js";
import {
  forbidden,
  type Tracker,
  type TrackerEntry,
  type TrackerEntryInput,
  type TrackerInput,
} from "../content/index.js";
import { sitemapPath, trackerPath } from "../content/public-paths.js";
import {
  addTrackerEntry,
  createTracker,
  deleteTrackerEntry,
  recordChanges,
  type Store,
  type TrackerEntryChange,
  type TrackerUpdateInput,
  transact,
  updateTracker,
  updateTrackerEntry,
} from "../store/index.js";
import { changedEverywhere } from "./change-events.js";

/**
 * Adds a tracker with its entries, all or nothing. Throws MH_FORBIDDEN, ContentInvalidError or
 * ConflictError.
 */
export async function addTracker(
  deps: { store: Store },
  actor: Actor,
  input: TrackerInput,
): Promise<Tracker> {
  if (!actorCan(actor, "trackers.manage")) throw forbidden("add trackers");
  return transact(deps.store, async (tx) => {
    const tracker = await createTracker(tx, input);
    // No article can embed it yet: its own page is new, and the sitemap lists every tracker.
    await recordChanges(tx, [
      {
        type: "tracker.created",
        ids: { trackerId: tracker.id },
        paths: [trackerPath(tracker.slug), sitemapPath(), "/sitemaps/"],
      },
    ]);
    return tracker;
  });
}

/**
 * Replaces a tracker's title, slug and description. Throws MH_FORBIDDEN, NotFoundError,
 * ContentInvalidError or ConflictError.
 */
export async function editTracker(
  deps: { store: Store },
  actor: Actor,
  change: { id: string; input: TrackerUpdateInput },
): Promise<Tracker> {
  if (!actorCan(actor, "trackers.manage")) throw forbidden("edit trackers");
  return transact(deps.store, async (tx) => {
    const tracker = await updateTracker(tx, change.id, change.input);
    await recordChanges(tx, [changedEverywhere("tracker.updated", { trackerId: tracker.id })]);
    return tracker;
  });
}

/** Appends an entry to a tracker. Throws MH_FORBIDDEN, NotFoundError or ContentInvalidError. */
export async function appendTrackerEntry(
  deps: { store: Store },
  actor: Actor,
  change: { trackerId: string; input: TrackerEntryInput },
): Promise<TrackerEntry> {
  if (!actorCan(actor, "trackers.manage")) throw forbidden("add tracker entries");
  return transact(deps.store, async (tx) => {
    const entry = await addTrackerEntry(tx, change.trackerId, change.input);
    await recordChanges(tx, [entryChanged(change.trackerId, entry.id)]);
    return entry;
  });
}

/**
 * Changes some fields of a tracker's entry (what is left out stays). Throws MH_FORBIDDEN,
 * NotFoundError or ContentInvalidError.
 */
export async function editTrackerEntry(
  deps: { store: Store },
  actor: Actor,
  change: { trackerId: string; entryId: string; fields: TrackerEntryChange },
): Promise<TrackerEntry> {
  if (!actorCan(actor, "trackers.manage")) throw forbidden("edit tracker entries");
  return transact(deps.store, async (tx) => {
    const entry = await updateTrackerEntry(tx, change.trackerId, change.entryId, change.fields);
    await recordChanges(tx, [entryChanged(change.trackerId, entry.id)]);
    return entry;
  });
}

/** Removes one of a tracker's entries. Throws MH_FORBIDDEN or NotFoundError. */
export async function removeTrackerEntry(
  deps: { store: Store },
  actor: Actor,
  target: { trackerId: string; entryId: string },
): Promise<void> {
  if (!actorCan(actor, "trackers.manage")) throw forbidden("delete tracker entries");
  await transact(deps.store, async (tx) => {
    await deleteTrackerEntry(tx, target.trackerId, target.entryId);
    await recordChanges(tx, [entryChanged(target.trackerId, target.entryId)]);
  });
}

/** An entry changed: the tracker's page and every article showing its entry count. */
function entryChanged(trackerId: string, entryId: string) {
  return changedEverywhere("tracker.updated", { trackerId, entryId });
}
