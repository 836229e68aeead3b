// Sections (the site's navigation and listings). See docs/ADMIN_API.md, "Content".
import { z } from "zod";
import { IdSchema, NotFoundError, SectionInputSchema } from "../../../content/index.js";
import { addSection, editSection } from "../../../services/sections.js";
import { getSectionById, listSections } from "../../../store/reads.js";
import { route } from "../route.js";

const IdParams = z.object({ id: IdSchema }).strict();

/** The section endpoints, for the admin API's ROUTES. */
export const SECTION_ROUTES = [
  route({
    method: "GET",
    url: "/sections",
    permission: "signed-in",
    does: "list sections",
    async handler({ deps: { store } }) {
      const items = await listSections(store);
      return { items, total: items.length };
    },
  }),

  route({
    method: "GET",
    url: "/sections/:id",
    permission: "signed-in",
    does: "read sections",
    params: IdParams,
    async handler({ params, deps: { store } }) {
      const section = await getSectionById(store, params.id);
      if (!section) throw new NotFoundError("section", params.id);
      return { section };
    },
  }),

  route({
    method: "POST",
    url: "/sections",
    permission: "taxonomy.manage",
    does: "add sections",
    body: SectionInputSchema,
    async handler({ actor, body, reply, deps: { store } }) {
      const section = await addSection({ store }, actor, body);
      reply.status(201);
      return { section };
    },
  }),

  route({
    method: "PUT",
    url: "/sections/:id",
    permission: "taxonomy.manage",
    does: "edit sections",
    params: IdParams,
    body: SectionInputSchema,
    async handler({ actor, params, body, deps: { store } }) {
      const section = await editSection({ store }, actor, { id: params.id, input: body });
      return { section };
    },
  }),
];
