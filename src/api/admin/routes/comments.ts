// Readers' comments across articles (moderation comes later). See docs/ADMIN_API.md, "Content".
import { z } from "zod";
import { COMMENT_STATUSES, IdSchema } from "../../../content/index.js";
import { findComments } from "../../../store/index.js";
import { actorCan } from "../actor.js";
import { route } from "../route.js";

const ListQuery = z
  .object({
    articleId: IdSchema.optional(),
    status: z.enum(COMMENT_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** The comment endpoints, for the admin API's ROUTES. */
export const COMMENT_ROUTES = [
  route({
    method: "GET",
    url: "/comments",
    permission: "comments.read",
    does: "read comments",
    query: ListQuery,
    async handler({ actor, query, deps: { store } }) {
      const { items, total } = await findComments(store, query);
      // A reader's email is for moderators (to reach them), not for everyone who reads comments.
      const moderator = actorCan(actor, "comments.moderate");
      return {
        items: items.map((c) => (moderator ? c : { ...c, authorEmail: null })),
        total,
        limit: query.limit,
        offset: query.offset,
      };
    },
  }),
];
