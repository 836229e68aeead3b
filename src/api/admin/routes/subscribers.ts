// Newsletter subscribers (issue 15): list, search, add, change, erase, import and export. See
// docs/ADMIN_API.md, "Subscribers", and docs/EMAIL.md.
import { z } from "zod";
import {
  IdSchema,
  SubscriberAddSchema,
  SubscriberChangeSchema,
  SubscriberImportSchema,
  SubscriberListQuerySchema,
} from "../../../content/index.js";
import {
  addSubscriber,
  changeSubscriber,
  eraseSubscriberByEditor,
  exportSubscribers,
  findSubscribers,
  importSubscribers,
  sendPendingConfirmations,
  subscriberDetail,
} from "../../../services/subscriptions.js";
import { route } from "../route.js";

const IdParams = z.object({ id: IdSchema }).strict();

/** The subscriber endpoints, for the admin API's ROUTES. */
export const SUBSCRIBER_ROUTES = [
  route({
    method: "GET",
    url: "/subscribers",
    permission: "subscriber.manage",
    does: "list subscribers",
    query: SubscriberListQuerySchema,
    handler: ({ actor, query, deps: { store } }) => findSubscribers({ store }, actor, query),
  }),

  route({
    method: "GET",
    url: "/subscribers/export",
    permission: "subscriber.manage",
    does: "export subscribers",
    async handler({ actor, reply, deps: { store } }) {
      const csv = await exportSubscribers({ store }, actor);
      const day = new Date().toISOString().slice(0, 10);
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="subscribers-${day}.csv"`)
        .header("cache-control", "no-store");
      return csv;
    },
  }),

  route({
    method: "GET",
    url: "/subscribers/:id",
    permission: "subscriber.manage",
    does: "read subscribers",
    params: IdParams,
    handler: ({ actor, params, deps: { store } }) => subscriberDetail({ store }, actor, params.id),
  }),

  route({
    method: "POST",
    url: "/subscribers",
    permission: "subscriber.manage",
    does: "add subscribers",
    body: SubscriberAddSchema,
    async handler({ actor, body, reply, deps: { store, config } }) {
      const subscriber = await addSubscriber({ store, config }, actor, body);
      reply.status(201);
      return { subscriber };
    },
  }),

  route({
    method: "PATCH",
    url: "/subscribers/:id",
    permission: "subscriber.manage",
    does: "change subscribers",
    params: IdParams,
    body: SubscriberChangeSchema,
    async handler({ actor, params, body, deps: { store, config } }) {
      return { subscriber: await changeSubscriber({ store, config }, actor, params.id, body) };
    },
  }),

  route({
    method: "DELETE",
    url: "/subscribers/:id",
    permission: "subscriber.manage",
    does: "delete subscribers",
    params: IdParams,
    async handler({ actor, params, reply, deps: { store } }) {
      await eraseSubscriberByEditor({ store }, actor, params.id);
      reply.status(204);
      return null;
    },
  }),

  route({
    method: "POST",
    url: "/subscribers/import",
    permission: "subscriber.manage",
    does: "import subscribers",
    // A CSV of 200,000 subscribers, as JSON text.
    bodyLimit: 32 * 1024 * 1024,
    body: SubscriberImportSchema,
    async handler({ actor, body, deps: { store, config } }) {
      return { report: await importSubscribers({ store, config }, actor, body) };
    },
  }),

  route({
    method: "POST",
    url: "/subscribers/send-confirmations",
    permission: "subscriber.manage",
    does: "send confirmation messages to pending subscribers",
    async handler({ actor, deps: { store, config } }) {
      return { queued: await sendPendingConfirmations({ store, config }, actor) };
    },
  }),
];
