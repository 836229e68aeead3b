// A live article's updates and whether its coverage has ended. See docs/ADMIN_API.md, "Live
// coverage".
import { z } from "zod";
import { IdSchema, LiveUpdateInputSchema, LiveUpdatePatchSchema } from "../../../content/index.js";
import {
  editLiveUpdate,
  postLiveUpdate,
  removeLiveUpdate,
  setLiveCoverage,
} from "../../../services/live-updates.js";
import { getLiveCoverage, listLiveUpdates } from "../../../store/reads.js";
import { route } from "../route.js";
import { mustSeeArticle } from "./article-json.js";
import { ArticleParams } from "./articles.js";

const UpdateParams = z.object({ id: IdSchema, updateId: IdSchema }).strict();
const CoverageBody = z
  .object({ ended: z.boolean({ error: "ended must be true or false" }) })
  .strict();

/** The live coverage endpoints, for the admin API's ROUTES. */
export const LIVE_UPDATE_ROUTES = [
  route({
    method: "GET",
    url: "/articles/:id/live-updates",
    permission: "signed-in",
    does: "see live updates",
    params: ArticleParams,
    async handler({ actor, params, deps: { store } }) {
      const { article } = await mustSeeArticle(store, actor, params.id);
      const [items, coverage] = await Promise.all([
        listLiveUpdates(store, article.id),
        getLiveCoverage(store, article.id),
      ]);
      return { items, total: items.length, coverage };
    },
  }),

  route({
    method: "POST",
    url: "/articles/:id/live-updates",
    permission: "signed-in",
    does: "post live updates",
    params: ArticleParams,
    body: LiveUpdateInputSchema,
    async handler({ actor, params, body, reply, deps: { store } }) {
      const update = await postLiveUpdate({ store }, actor, { articleId: params.id, update: body });
      reply.status(201);
      return { update };
    },
  }),

  route({
    method: "PATCH",
    url: "/articles/:id/live-updates/:updateId",
    permission: "signed-in",
    does: "edit live updates",
    params: UpdateParams,
    body: LiveUpdatePatchSchema,
    async handler({ actor, params, body, deps: { store } }) {
      const update = await editLiveUpdate({ store }, actor, {
        articleId: params.id,
        updateId: params.updateId,
        change: body,
      });
      return { update };
    },
  }),

  route({
    method: "DELETE",
    url: "/articles/:id/live-updates/:updateId",
    permission: "signed-in",
    does: "delete live updates",
    params: UpdateParams,
    async handler({ actor, params, reply, deps: { store } }) {
      await removeLiveUpdate({ store }, actor, { articleId: params.id, updateId: params.updateId });
      return reply.status(204).send();
    },
  }),

  route({
    method: "PUT",
    url: "/articles/:id/live-coverage",
    permission: "signed-in",
    does: "end or reopen live coverage",
    params: ArticleParams,
    body: CoverageBody,
    async handler({ actor, params, body, deps: { store } }) {
      const coverage = await setLiveCoverage({ store }, actor, {
        articleId: params.id,
        ended: body.ended,
      });
      return { coverage };
    },
  }),
];
