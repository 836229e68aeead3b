// Tags (topics). See docs/ADMIN_API.md, "Content".
import { z } from "zod";
import { IdSchema, NotFoundError, TagInputSchema } from "../../../content/index.js";
import { addTag, editTag } from "../../../services/tags.js";
import { getTagById, listTags } from "../../../store/reads.js";
import { route } from "../route.js";

const IdParams = z.object({ id: IdSchema }).strict();

/** The tag endpoints, for the admin API's ROUTES. */
export const TAG_ROUTES = [
  route({
    method: "GET",
    url: "/tags",
    permission: "signed-in",
    does: "list tags",
    async handler({ deps: { store } }) {
      const items = await listTags(store);
      return { items, total: items.length };
    },
  }),

  route({
    method: "GET",
    url: "/tags/:id",
    permission: "signed-in",
    does: "read tags",
    params: IdParams,
    async handler({ params, deps: { store } }) {
      const tag = await getTagById(store, params.id);
      if (!tag) throw new NotFoundError("tag", params.id);
      return { tag };
    },
  }),

  route({
    method: "POST",
    url: "/tags",
    permission: "taxonomy.manage",
    does: "add tags",
    body: TagInputSchema,
    async handler({ actor, body, reply, deps: { store } }) {
      const tag = await addTag({ store }, actor, body);
      reply.status(201);
      return { tag };
    },
  }),

  route({
    method: "PUT",
    url: "/tags/:id",
    permission: "taxonomy.manage",
    does: "edit tags",
    params: IdParams,
    body: TagInputSchema,
    async handler({ actor, params, body, deps: { store } }) {
      const tag = await editTag({ store }, actor, { id: params.id, input: body });
      return { tag };
    },
  }),
];
