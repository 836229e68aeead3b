// Redirects from old addresses. See docs/ADMIN_API.md, "Redirects".
import { z } from "zod";
import { IdSchema, type RedirectInputSchema, textField } from "../../../content/index.js";
import { createRedirect, deleteRedirect } from "../../../services/redirects.js";
import { listRedirects } from "../../../store/reads.js";
import { route } from "../route.js";

const IdParams = z.object({ id: IdSchema }).strict();

const ListQuery = z
  .object({
    q: textField().max(200, "q must be at most 200 characters").optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** The redirect endpoints, for the admin API's ROUTES. */
export const REDIRECT_ROUTES = [
  route({
    method: "GET",
    url: "/redirects",
    permission: "redirects.manage",
    does: "list redirects",
    query: ListQuery,
    async handler({ query, deps: { store } }) {
      return listRedirects(store, query);
    },
  }),

  route({
    method: "POST",
    url: "/redirects",
    permission: "redirects.manage",
    does: "add redirects",
    // Validated by the store with the same schema, so the issues name `from` and `to`.
    body: z.object({ from: z.unknown(), to: z.unknown() }).strict(),
    async handler({ actor, body, reply, deps: { store } }) {
      const redirect = await createRedirect(
        { store },
        actor,
        body as z.input<typeof RedirectInputSchema>,
      );
      reply.status(201);
      return { redirect };
    },
  }),

  route({
    method: "DELETE",
    url: "/redirects/:id",
    permission: "redirects.manage",
    does: "remove redirects",
    params: IdParams,
    async handler({ actor, params, reply, deps: { store } }) {
      await deleteRedirect({ store }, actor, params.id);
      return reply.status(204).send();
    },
  }),
];
