// Articles: list, read, create, save, delete and move through the editorial workflow. See
// docs/ADMIN_API.md, "Content".
import { z } from "zod";
import { actorCan } from "../../../auth/actor.js";
import {
  ARTICLE_KINDS,
  ARTICLE_STATUSES,
  ArticleEditSchema,
  forbidden,
  IdSchema,
  TimestampSchema,
  textField,
} from "../../../content/index.js";
import { createArticle, saveArticle } from "../../../services/article-drafts.js";
import { deleteArticle, moveArticle } from "../../../services/article-workflow.js";
import { listArticleSummaries, listCorrections } from "../../../store/reads.js";
import { route } from "../route.js";
import { versionClaimed } from "../version.js";
import { articleAnswer, articleJson, checklistAnswer, mustSeeArticle } from "./article-json.js";

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
    /**
     * The checklist warnings accepted, each with why (publishing and scheduling). Left out, only
     * the checklist's errors block (see resolveChecklist); the admin app always sends it.
     */
    overrides: z
      .array(
        z
          .object({
            check: textField().trim().min(1, "check is required").max(500),
            reason: textField()
              .trim()
              .min(1, "a reason is required to override a warning")
              .max(1000, "reason must be at most 1000 characters"),
          })
          .strict(),
      )
      .max(200)
      .optional(),
  })
  .strict();

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
      const created = await createArticle({ store }, actor, body);
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
    async handler({ request, actor, params, body, reply, deps: { store } }) {
      const { version: _version, ...edit } = body;
      // A save leaves the article's notes as they are: they are read beside it (on another
      // connection), not after it, which takes a round trip off every autosave.
      const [saved, corrections] = await Promise.all([
        saveArticle({ store }, actor, {
          id: params.id,
          edit,
          expectedVersion: versionClaimed(request, body),
        }),
        listCorrections(store, params.id),
      ]);
      reply.header("etag", `"${saved.version}"`);
      return articleJson(actor, saved, corrections);
    },
  }),

  route({
    method: "DELETE",
    url: "/articles/:id",
    permission: "article.delete",
    does: "delete articles",
    params: ArticleParams,
    async handler({ request, actor, params, reply, deps: { store } }) {
      // Deleting without saying which version is allowed; with one, it must still be current.
      await deleteArticle({ store }, actor, {
        id: params.id,
        expectedVersion: request.headers["if-match"] ? versionClaimed(request, undefined) : "any",
      });
      return reply.status(204).send();
    },
  }),

  route({
    method: "GET",
    url: "/articles/:id/checklist",
    permission: "signed-in",
    does: "read articles",
    params: ArticleParams,
    async handler({ actor, params, deps: { store } }) {
      return checklistAnswer(store, await mustSeeArticle(store, actor, params.id));
    },
  }),

  route({
    method: "POST",
    url: "/articles/:id/transitions",
    permission: "signed-in",
    does: "change the status of articles",
    params: ArticleParams,
    body: TransitionBody,
    async handler({ request, actor, params, body, reply, deps: { store } }) {
      const moved = await moveArticle({ store }, actor, {
        id: params.id,
        to: body.to,
        publishedAt: body.publishedAt,
        expectedVersion: versionClaimed(request, body),
        overrides: body.overrides,
      });
      reply.header("etag", `"${moved.version}"`);
      return articleAnswer(store, actor, moved);
    },
  }),
];
