// Staff people (bylines and author pages). See docs/ADMIN_API.md, "Content".
import { z } from "zod";
import { IdSchema, NotFoundError, PersonInputSchema } from "../../../content/index.js";
import {
  createPerson,
  getVersionedPerson,
  listPeople,
  updatePerson,
} from "../../../store/index.js";
import { route } from "../route.js";
import { versionRead } from "../version.js";

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
    async handler({ body, reply, deps: { store } }) {
      const person = await createPerson(store, body);
      reply.status(201);
      return { person, version: 1 };
    },
  }),

  route({
    method: "PUT",
    url: "/people/:id",
    permission: "people.manage",
    does: "edit people",
    params: IdParams,
    body: SaveBody,
    async handler({ request, params, body, deps: { store, pageCache } }) {
      const current = await getVersionedPerson(store, params.id);
      if (!current) throw new NotFoundError("person", params.id);
      const expectedVersion = versionRead(request, body, {
        entity: "person",
        id: params.id,
        version: current.version,
      });
      const { version: _version, ...input } = body;
      const person = await updatePerson(store, params.id, input, { expectedVersion });
      // A name or photo shows in bylines on many pages: start the cache afresh.
      pageCache.clear();
      return { person, version: expectedVersion + 1 };
    },
  }),
];
