// Readers' comments across articles and their moderation. See docs/COMMENTS.md.
import { z } from "zod";
import { type Actor, actorCan } from "../../../auth/actor.js";
import { COMMENT_STATUSES, CommentModerationSchema, IdSchema } from "../../../content/index.js";
import {
  blockCommentAddress,
  moderateComment,
  unblockCommentAddress,
} from "../../../services/comment-moderation.js";
import {
  type CommentWithArticle,
  countCommentsByStatus,
  findComments,
  listBlockedAddresses,
  type StoredComment,
} from "../../../store/reads.js";
import { type AdminRoute, route } from "../route.js";

const ListQuery = z
  .object({
    articleId: IdSchema.optional(),
    status: z.enum(COMMENT_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const IdParams = z.object({ id: IdSchema }).strict();
// The shape src/site/comments/signing.ts gives address hashes.
const AddressHash = z
  .string()
  .regex(/^[A-Za-z0-9_-]{32}$/, "must be an address hash from a comment");
const BlockBody = z.object({ addressHash: AddressHash }).strict();
const BlockParams = z.object({ hash: AddressHash }).strict();

/**
 * A comment as the newsroom sees it. Email and address hash are for moderators: they reach a
 * reader or block an address; everyone else who reads comments gets neither. The commenter hash
 * (what trust goes by) and the old author key serve nobody outside the server.
 */
function commentJson<T extends StoredComment>(actor: Actor, c: T) {
  const { authorKey: _key, commenterHash: _commenter, ...rest } = c;
  return actorCan(actor, "comments.moderate")
    ? rest
    : { ...rest, authorEmail: null, addressHash: null };
}

/** The comment endpoints, for the admin API's ROUTES. */
export const COMMENT_ROUTES = [
  route({
    method: "GET",
    url: "/comments",
    permission: "comments.read",
    does: "read comments",
    query: ListQuery,
    async handler({ actor, query, deps: { store } }) {
      const [{ items, total }, counts] = await Promise.all([
        findComments(store, {
          ...query,
          publishedOnly: !actorCan(actor, "article.read.unpublished"),
        }),
        countCommentsByStatus(store, query.articleId ? { articleId: query.articleId } : {}),
      ]);
      return {
        items: items.map((c: CommentWithArticle) => commentJson(actor, c)),
        total,
        counts,
        limit: query.limit,
        offset: query.offset,
      };
    },
  }),
  route({
    method: "PATCH",
    url: "/comments/:id",
    permission: "comments.moderate",
    does: "moderate comments",
    params: IdParams,
    body: CommentModerationSchema,
    async handler({ actor, params, body, deps: { store } }) {
      const comment = await moderateComment({ store }, actor, params.id, body);
      return { comment: commentJson(actor, comment) };
    },
  }),
  route({
    method: "GET",
    url: "/comment-blocks",
    permission: "comments.moderate",
    does: "see blocked addresses",
    async handler({ deps: { store } }) {
      return { items: await listBlockedAddresses(store) };
    },
  }),
  route({
    method: "POST",
    url: "/comment-blocks",
    permission: "comments.moderate",
    does: "block addresses",
    body: BlockBody,
    async handler({ actor, body, reply, deps: { store } }) {
      const block = await blockCommentAddress({ store }, actor, body.addressHash);
      reply.status(201);
      return { block };
    },
  }),
  route({
    method: "DELETE",
    url: "/comment-blocks/:hash",
    permission: "comments.moderate",
    does: "unblock addresses",
    params: BlockParams,
    async handler({ actor, params, reply, deps: { store } }) {
      await unblockCommentAddress({ store }, actor, params.hash);
      return reply.status(204).send();
    },
  }),
] as AdminRoute<never, never, never>[];
