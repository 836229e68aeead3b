import type { FastifyInstance } from "fastify";
import { previewArticleId } from "../../auth/preview-links.js";
import { loadArticlePreview } from "../../store/reads.js";
import { renderArticlePage } from "../pages/article.js";
import { renderPageView } from "../pages/page.js";
import { loadContext, type SiteDeps, sendHtml, sendNotFound } from "./respond.js";

/**
 * `GET /preview/:token`: the article (or page) a live preview link opens, whatever its status, as it is
 * saved now. Never cached (the HTML says noindex too); an unknown, expired or revoked token is
 * the ordinary 404 page.
 */
export function registerPreviewRoutes(app: FastifyInstance, deps: SiteDeps): void {
  app.get<{ Params: { token: string } }>("/preview/:token", async (request, reply) => {
    // The token is the only key: no search engine may keep it, no linked site may learn it.
    reply.header("x-robots-tag", "noindex, nofollow").header("referrer-policy", "no-referrer");
    const articleId = await previewArticleId(deps.store, request.params.token);
    const [page, ctx] = await Promise.all([
      articleId ? loadArticlePreview(deps.store, articleId) : undefined,
      loadContext(deps),
    ]);
    if (!page) return sendNotFound(deps, reply);
    return sendHtml(
      reply,
      200,
      page.kind === "page"
        ? renderPageView(page, { ...ctx, preview: true })
        : renderArticlePage(page, { ...ctx, preview: true }),
    );
  });
}
