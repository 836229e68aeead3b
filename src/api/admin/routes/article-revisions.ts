// An article's revisions: the list with what changed in each, one snapshot, and restoring one.
// See docs/ADMIN_API.md, "Content".
import { z } from "zod";
import { asWritten, IdSchema, NotFoundError } from "../../../content/index.js";
import { restoreRevision } from "../../../services/article-revisions.js";
import { getRevision, listRevisions } from "../../../store/reads.js";
import { route } from "../route.js";
import { versionClaimed } from "../version.js";
import { articleAnswer, mustGetArticle } from "./article-json.js";
import { ArticleParams } from "./articles.js";

const RevisionParams = z.object({ id: IdSchema, revisionId: IdSchema }).strict();

const PageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const RestoreBody = z.object({ version: z.number().int().positive().optional() }).strict();

/** The revision endpoints, for the admin API's ROUTES. */
export const ARTICLE_REVISION_ROUTES = [
  route({
    method: "GET",
    url: "/articles/:id/revisions",
    // A revision may hold words never published, whatever the article's status now.
    permission: "article.read.unpublished",
    does: "read the history of articles",
    params: ArticleParams,
    query: PageQuery,
    async handler({ params, query, deps: { store } }) {
      await mustGetArticle(store, params.id);
      const { items, total } = await listRevisions(store, params.id, query);
      return { items, total, limit: query.limit, offset: query.offset };
    },
  }),

  route({
    method: "GET",
    url: "/articles/:id/revisions/:revisionId",
    permission: "article.read.unpublished",
    does: "read the history of articles",
    params: RevisionParams,
    async handler({ params, deps: { store } }) {
      const revision = await getRevision(store, params.id, params.revisionId);
      if (!revision) throw new NotFoundError("revision", params.revisionId);
      // Unfinished blocks as the editor sent them, as every article answer has them.
      return { revision: { ...revision, snapshot: asWritten(revision.snapshot) } };
    },
  }),

  route({
    method: "POST",
    url: "/articles/:id/revisions/:revisionId/restore",
    permission: "article.read.unpublished",
    does: "restore revisions of articles",
    params: RevisionParams,
    body: RestoreBody,
    async handler({ request, actor, params, body, reply, deps: { store } }) {
      const restored = await restoreRevision({ store }, actor, {
        id: params.id,
        revisionId: params.revisionId,
        expectedVersion: versionClaimed(request, body),
      });
      reply.header("etag", `"${restored.version}"`);
      return articleAnswer(store, actor, restored);
    },
  }),
];
