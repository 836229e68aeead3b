import type { FastifyInstance } from "fastify";
import { isReservedPath, isSlug } from "../../content/index.js";
import { pagePath } from "../../content/public-paths.js";
import { loadPublicPage } from "../../store/reads.js";
import { renderPageView } from "../pages/page.js";
import { cachedPage, loadContext, type SiteDeps, sendNotFound } from "./respond.js";

/**
 * `GET /:slug`: a published page (About, Contact…), through the page cache like an article.
 * Fastify matches every fixed route (`/search`, `/feed.xml`…) and every longer path before this
 * one, so it shadows nothing; whatever is not a public page goes to the 404 page (and whatever
 * the not-found path consults). `GET /:slug/` (WordPress wrote page links with a trailing slash)
 * answers 301 to the page's own address.
 */
export function registerPageRoutes(app: FastifyInstance, deps: SiteDeps): void {
  const serve = cachedPage(deps);
  // Checked before the cache is asked, so made-up paths never take a cache key.
  const mayBePage = (slug: string) => isSlug(slug) && !isReservedPath(slug);

  app.get<{ Params: { slug: string } }>("/:slug", (request, reply) => {
    const { slug } = request.params;
    if (!mayBePage(slug)) return sendNotFound(deps, reply);
    return serve(request, reply, pagePath(slug), async () => {
      const [page, ctx] = await Promise.all([loadPublicPage(deps.store, slug), loadContext(deps)]);
      return page ? renderPageView(page, ctx) : undefined;
    });
  });

  app.get<{ Params: { slug: string } }>("/:slug/", async (request, reply) => {
    const { slug } = request.params;
    if (mayBePage(slug) && (await loadPublicPage(deps.store, slug)))
      return reply.redirect(pagePath(slug), 301);
    return sendNotFound(deps, reply);
  });
}
