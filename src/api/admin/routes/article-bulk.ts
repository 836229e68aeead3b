// Acting on many articles at once (the article list's action bar). See docs/ADMIN_API.md,
// "Content".
import { applyToArticles, BulkRequestSchema } from "../../../services/article-bulk.js";
import { type AdminRoute, route } from "../route.js";

/** 200 ids and a few of tags or people: far below this. */
const BULK_BODY = 64 * 1024;

export const ARTICLE_BULK_ROUTES = [
  route({
    method: "POST",
    url: "/articles/bulk",
    // Every article is checked on its own (rights, status): a role that may do nothing to any of
    // them gets each refused, not the whole request.
    permission: "signed-in",
    does: "act on many articles",
    body: BulkRequestSchema,
    bodyLimit: BULK_BODY,
    async handler({ body, actor, deps }) {
      return applyToArticles(deps, actor, body);
    },
  }),
] as AdminRoute<never, never, never>[];
