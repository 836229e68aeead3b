// The signed-in person's own byline: read it, and set role title and bio (the first-sign-in form,
// and "Your byline" later). See docs/ADMIN_API.md, "Accounts and sessions".
import { getOwnByline, OwnBylineSchema, saveOwnByline } from "../../../services/bylines.js";
import { type AdminRoute, route } from "../route.js";

const SMALL_BODY = 16 * 1024;

export const OWN_BYLINE_ROUTES = [
  route({
    method: "GET",
    url: "/me/byline",
    permission: "signed-in",
    does: "read your byline",
    async handler({ actor, deps }) {
      const found = await getOwnByline(deps, actor);
      return found ? { ...found.person, version: found.version } : null;
    },
  }),
  route({
    method: "PUT",
    url: "/me/byline",
    permission: "signed-in",
    does: "set your byline",
    body: OwnBylineSchema,
    bodyLimit: SMALL_BODY,
    async handler({ body, actor, deps }) {
      const saved = await saveOwnByline(deps, actor, body);
      return { ...saved.person, version: saved.version };
    },
  }),
] as AdminRoute<never, never, never>[];
