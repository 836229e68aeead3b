// Staff people (bylines and author pages). See docs/ADMIN_API.md, "Content".
import { z } from "zod";
import { IdSchema, NotFoundError, PersonInputSchema } from "../../../content/index.js";
import { addPerson, editPerson } from "../../../services/people.js";
import { getVersionedPerson, listPeople } from "../../../store/reads.js";
import { route } from "../route.js";
import { versionClaimed } from "../version.js";

const IdParams = z.object({ id: IdSchema }).strict();
const SaveBody = PersonInputSchema.extend({ version: z.number().int().positive().optional() });

/** The people endpoints, for the admin API's ROUTES. */
export const PEOPLE_ROUTES = [
  route({
    method: "GET",
    url: "/people",
    // Every writer needs the list to pick bylines.
    permission: "signed-in",
    does: "list people",
    async handler({ deps: { store } }) {
      const items = await listPeople(store);
      return { items, total: items.length };
    },
  }),

  route({
    method: "GET",
    url: "/people/:id",
    permission: "signed-in",
    does: "read people",
    params: IdParams,
    async handler({ params, deps: { store } }) {
      const found = await getVersionedPerson(store, params.id);
      if (!found) throw new NotFoundError("person", params.id);
      return found;
    },
  }),

  route({
    method: "POST",
    url: "/people",
    permission: "people.manage",
    does: "add people",
    body: PersonInputSchema,
    async handler({ actor, body, reply, deps: { store } }) {
      const created = await addPerson({ store }, actor, body);
      reply.status(201);
      return created;
    },
  }),

  route({
    method: "PUT",
    url: "/people/:id",
    permission: "people.manage",
    does: "edit people",
    params: IdParams,
    body: SaveBody,
    async handler({ request, actor, params, body, deps: { store } }) {
      const { version: _version, ...input } = body;
      return editPerson({ store }, actor, {
        id: params.id,
        input,
        expectedVersion: versionClaimed(request, body),
      });
    },
  }),
];
