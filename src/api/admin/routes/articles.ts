// Articles: list, read, create, save, delete and move through the editorial workflow. See
// docs/ADMIN_API.md, "Content".
import { z } from "zod";
import { type Actor, actorCan, actorPersonId } from "../../../auth/actor.js";
import {
  ARTICLE_KINDS,
  ARTICLE_STATUSES,
  ArticleEditSchema,
  canTransition,
  forbidden,
  IdSchema,
  InvalidTransitionError,
  TimestampSchema,
  TRANSITIONS,
  textField,
} from "../../../content/index.js";
import {
  type ChangeAuthor,
  createDraft,
  deleteArticle,
  listArticleSummaries,
  listCorrections,
  saveArticle,
  transitionArticle,
} from "../../../store/index.js";
import {
  mayEdit,
  mayTransition,
  requireBylineOwnChange,
  requireStaysOwn,
} from "../article-access.js";
import { invalidateArticles } from "../invalidate.js";
import { route } from "../route.js";
import { versionRead } from "../version.js";
import { articleAnswer, articleJson, mustSeeArticle } from "./article-json.js";

/** `:id` of an article. */
export const ArticleParams = z.object({ id: IdSchema }).strict();

const VersionField = z.number().int().positive().optional();

const ListQuery = z
  .object({
    /** Articles unless `page`: pages are listed on their own screen. */
    kind: z.enum(ARTICLE_KINDS).default("article"),
    status: z.enum(ARTICLE_STATUSES).optional(),
    sectionId: IdSchema.optional(),
    authorId: IdSchema.optional(),
    q: textField().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** A new article: the editable fields; without authors, the writer's own byline is used. */
const CreateBody = ArticleEditSchema.extend({
  authorIds: z.array(IdSchema).max(20).default([]),
});

const SaveBody = ArticleEditSchema.extend({ version: VersionField });

const TransitionBody = z
  .object({
    to: z.enum(ARTICLE_STATUSES, {
      error: () => `to must be one of: ${ARTICLE_STATUSES.join(", ")}`,
    }),
    publishedAt: TimestampSchema.nullable().optional(),
    version: VersionField,
  })
  .strict();

/** The author a revision names for this actor. */
export function changeAuthor(actor: Actor): ChangeAuthor {
  return { userId: actor.userId, name: actor.name };
}

/** The article endpoints, for the admin API's ROUTES. */
export const ARTICLE_ROUTES = [
  route({
    method: "GET",
    url: "/articles",
    permission: "signed-in",
    does: "list articles",
    query: ListQuery,
    async handler({ actor, query, deps: { store } }) {
      // Without the right to see unpublished work, the list is what readers see.
      const hidden = !actorCan(actor, "article.read.unpublished");
      if (hidden && query.status !== undefined && query.status !== "published")
        throw forbidden(
          `list ${query.status} articles (an API key needs the article.read.unpublished permission)`,
        );
      const { items, total } = await listArticleSummaries(store, {
        kind: query.kind,
        status: hidden ? "published" : query.status,
        sectionId: query.sectionId,
        authorId: query.authorId,
        headlineContains: query.q,
        limit: query.limit,
        offset: query.offset,
      });
      return { items, total, limit: query.limit, offset: query.offset };
    },
  }),

  route({
    method: "GET",
    url: "/articles/:id",
    permission: "signed-in",
    does: "read articles",
    params: ArticleParams,
    async handler({ actor, params, reply, deps: { store } }) {
      const [current, corrections] = await Promise.all([
        mustSeeArticle(store, actor, params.id),
        listCorrections(store, params.id),
      ]);
      reply.header("etag", `"${current.version}"`);
      return articleJson(actor, current, corrections);
    },
  }),

  route({
    method: "POST",
    url: "/articles",
    permission: "article.create",
    does: "write articles",
    body: CreateBody,
    async handler({ actor, body, reply, deps: { store } }) {
      const personId = actorPersonId(actor);
      const authorIds = body.authorIds.length > 0 || !personId ? body.authorIds : [personId];
      const edit = { ...body, authorIds };
      requireStaysOwn(actor, { authorIds, status: "draft" });
      requireBylineOwnChange(actor, [], authorIds);
      const created = await createDraft(store, edit, changeAuthor(actor));
      reply.status(201).header("etag", `"${created.version}"`);
      return articleJson(actor, created, []);
    },
  }),

  route({
    method: "PUT",
    url: "/articles/:id",
    permission: "signed-in",
    does: "edit articles",
    params: ArticleParams,
    body: SaveBody,
    async handler({ request, actor, params, body, reply, deps }) {
      const current = await mustSeeArticle(deps.store, actor, params.id);
      if (!mayEdit(actor, current.article))
        throw forbidden(
          current.article.status === "draft" || current.article.status === "in_review"
            ? "edit this article (only its authors and editors may)"
            : `edit a ${current.article.status} article (that needs publish rights on it)`,
        );
      const { version: _version, ...edit } = body;
      requireStaysOwn(actor, { authorIds: edit.authorIds, status: current.article.status });
      requireBylineOwnChange(actor, current.article.authorIds, edit.authorIds);
      const expectedVersion = versionRead(request, body, {
        entity: "article",
        id: params.id,
        version: current.version,
      });
      const saved = await saveArticle(deps.store, params.id, edit, {
        expectedVersion,
        actor: changeAuthor(actor),
      });
      await invalidateArticles(deps, [saved.previous, saved.article]);
      reply.header("etag", `"${saved.version}"`);
      return articleAnswer(deps.store, actor, saved);
    },
  }),

  route({
    method: "DELETE",
    url: "/articles/:id",
    permission: "article.delete",
    does: "delete articles",
    params: ArticleParams,
    async handler({ request, actor, params, reply, deps }) {
      const current = await mustSeeArticle(deps.store, actor, params.id);
      // Deleting without saying which version is allowed; with one, it must still be current.
      const expectedVersion = request.headers["if-match"]
        ? versionRead(request, undefined, {
            entity: "article",
            id: params.id,
            version: current.version,
          })
        : undefined;
      const deleted = await deleteArticle(deps.store, params.id, { expectedVersion });
      await invalidateArticles(deps, [deleted]);
      return reply.status(204).send();
    },
  }),

  route({
    method: "POST",
    url: "/articles/:id/transitions",
    permission: "signed-in",
    does: "change the status of articles",
    params: ArticleParams,
    body: TransitionBody,
    async handler({ request, actor, params, body, reply, deps }) {
      const current = await mustSeeArticle(deps.store, actor, params.id);
      const from = current.article.status;
      if (!canTransition(from, body.to))
        throw new InvalidTransitionError(from, body.to, TRANSITIONS[from]);
      if (!mayTransition(actor, current.article, body.to))
        throw forbidden(
          body.to === "in_review" || body.to === "draft"
            ? `move this article to ${body.to} (only its authors and editors may)`
            : `move this article to ${body.to} (that needs publish rights on it)`,
        );
      const expectedVersion = versionRead(request, body, {
        entity: "article",
        id: params.id,
        version: current.version,
      });
      const saved = await transitionArticle(deps.store, params.id, {
        to: body.to,
        publishedAt: body.publishedAt,
        expectedVersion,
        actor: changeAuthor(actor),
      });
      await invalidateArticles(deps, [saved.previous, saved.article]);
      reply.header("etag", `"${saved.version}"`);
      return articleAnswer(deps.store, actor, saved);
    },
  }),
];
