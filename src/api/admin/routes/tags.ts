// Tags (topics). See docs/ADMIN_API.md, "Content".
import { z } from "zod";
import { IdSchema, NotFoundError, TagInputSchema } from "../../../content/index.js";
import { createTag, getTagById, listTags, updateTag } from "../../../store/index.js";
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
    async handler({ body, reply, deps: { store } }) {
      const tag = await createTag(store, body);
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
    async handler({ params, body, deps: { store, pageCache } }) {
      const tag = await updateTag(store, params.id, body);
      // Tag names show on article pages.
      pageCache.clear();
      return { tag };
    },
  }),
];
