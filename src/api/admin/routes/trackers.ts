// Trackers and their entries. See docs/ADMIN_API.md, "Content".
import { z } from "zod";
import {
  IdSchema,
  NotFoundError,
  TrackerEntryInputSchema,
  TrackerInputSchema,
} from "../../../content/index.js";
import {
  addTracker,
  appendTrackerEntry,
  editTracker,
  editTrackerEntry,
  removeTrackerEntry,
} from "../../../services/trackers.js";
import { getTrackerById, listTrackers } from "../../../store/reads.js";
import { route } from "../route.js";

const IdParams = z.object({ id: IdSchema }).strict();
const EntryParams = z.object({ id: IdSchema, entryId: IdSchema }).strict();
const UpdateBody = TrackerInputSchema.omit({ entries: true });
// Checked whole by the store once merged with the stored entry (field paths as for a new one).
const EntryChangeBody = z.record(z.string(), z.unknown());

// A new tracker may arrive with all its entries (up to 10,000), more than the default 1 MB.
const TRACKER_BODY_LIMIT = 4 * 1024 * 1024;

/** The tracker endpoints, for the admin API's ROUTES. */
export const TRACKER_ROUTES = [
  route({
    method: "GET",
    url: "/trackers",
    permission: "signed-in",
    does: "list trackers",
    async handler({ deps: { store } }) {
      const items = await listTrackers(store);
      return { items, total: items.length };
    },
  }),

  route({
    method: "GET",
    url: "/trackers/:id",
    permission: "signed-in",
    does: "read trackers",
    params: IdParams,
    async handler({ params, deps: { store } }) {
      const tracker = await getTrackerById(store, params.id);
      if (!tracker) throw new NotFoundError("tracker", params.id);
      return { tracker };
    },
  }),

  route({
    method: "POST",
    url: "/trackers",
    permission: "trackers.manage",
    does: "add trackers",
    body: TrackerInputSchema,
    bodyLimit: TRACKER_BODY_LIMIT,
    async handler({ actor, body, reply, deps: { store } }) {
      const tracker = await addTracker({ store }, actor, body);
      reply.status(201);
      return { tracker };
    },
  }),

  route({
    method: "PUT",
    url: "/trackers/:id",
    permission: "trackers.manage",
    does: "edit trackers",
    params: IdParams,
    body: UpdateBody,
    async handler({ actor, params, body, deps: { store } }) {
      const tracker = await editTracker({ store }, actor, { id: params.id, input: body });
      return { tracker };
    },
  }),

  route({
    method: "POST",
    url: "/trackers/:id/entries",
    permission: "trackers.manage",
    does: "add tracker entries",
    params: IdParams,
    body: TrackerEntryInputSchema,
    async handler({ actor, params, body, reply, deps: { store } }) {
      const entry = await appendTrackerEntry({ store }, actor, {
        trackerId: params.id,
        input: body,
      });
      reply.status(201);
      return { entry };
    },
  }),

  route({
    method: "PATCH",
    url: "/trackers/:id/entries/:entryId",
    permission: "trackers.manage",
    does: "edit tracker entries",
    params: EntryParams,
    body: EntryChangeBody,
    async handler({ actor, params, body, deps: { store } }) {
      const entry = await editTrackerEntry({ store }, actor, {
        trackerId: params.id,
        entryId: params.entryId,
        fields: body,
      });
      return { entry };
    },
  }),

  route({
    method: "DELETE",
    url: "/trackers/:id/entries/:entryId",
    permission: "trackers.manage",
    does: "delete tracker entries",
    params: EntryParams,
    async handler({ actor, params, reply, deps: { store } }) {
      await removeTrackerEntry({ store }, actor, { trackerId: params.id, entryId: params.entryId });
      return reply.status(204).send();
    },
  }),
];
