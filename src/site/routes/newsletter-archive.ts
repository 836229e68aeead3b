import type { FastifyInstance } from "fastify";
import { editionPath, isPublic, isSlug, newsletterArchivePath } from "../../content/index.js";
import {
  getArticlesByIds,
  getNewsletterBySlug,
  getPeopleByIds,
  getPublicEdition,
  listEditions,
} from "../../store/reads.js";
import { renderEditionPage, renderNewsletterEditionsPage } from "../pages/newsletter-archive.js";
import { cachedPage, loadContext, type SiteDeps, sendNotFound } from "./respond.js";

/** How many past editions a newsletter's page lists. */
const EDITIONS_LISTED = 200;

/**
 * `GET /newsletter/:newsletter`: a newsletter's past editions; `GET /newsletter/:newsletter/:edition`:
 * an edition's web copy (the email's "view in browser" link), once it is queued. Both through the
 * page cache: `edition.queued` and `edition.sent` name them. `/newsletter` itself and its
 * confirm, preferences and unsubscribe pages are the subscribers' routes (fixed paths, which
 * Fastify matches before these).
 */
export function registerNewsletterArchiveRoutes(app: FastifyInstance, deps: SiteDeps): void {
  const serve = cachedPage(deps);

  app.get<{ Params: { newsletter: string } }>("/newsletter/:newsletter", (request, reply) => {
    const { newsletter: slug } = request.params;
    if (!isSlug(slug)) return sendNotFound(deps, reply);
    return serve(request, reply, newsletterArchivePath(slug), async () => {
      const newsletter = await getNewsletterBySlug(deps.store, slug);
      if (!newsletter) return undefined;
      const [editions, ctx] = await Promise.all([
        listEditions(deps.store, newsletter.id, { limit: EDITIONS_LISTED, publicOnly: true }),
        loadContext(deps),
      ]);
      return renderNewsletterEditionsPage({ ctx, newsletter, editions });
    });
  });

  app.get<{ Params: { newsletter: string; edition: string } }>(
    "/newsletter/:newsletter/:edition",
    (request, reply) => {
      const { newsletter: slug, edition: editionSlug } = request.params;
      if (!isSlug(slug) || !isSlug(editionSlug)) return sendNotFound(deps, reply);
      return serve(request, reply, editionPath(slug, editionSlug), async () => {
        const newsletter = await getNewsletterBySlug(deps.store, slug);
        if (!newsletter) return undefined;
        const edition = await getPublicEdition(deps.store, newsletter.id, editionSlug);
        if (!edition) return undefined;
        const [articles, ctx] = await Promise.all([
          getArticlesByIds(deps.store, edition.articleIds),
          loadContext(deps),
        ]);
        const shown = articles.filter((a) => a.kind === "article" && isPublic(a, new Date()));
        const people = await getPeopleByIds(
          deps.store,
          shown.flatMap((a) => a.authorIds),
        );
        const personById = new Map(people.map((p) => [p.id, p]));
        const items = shown.map((article) => ({
          article,
          authors: article.authorIds.flatMap((id) => personById.get(id) ?? []),
          section: ctx.sections.find((s) => s.id === article.sectionId),
        }));
        return renderEditionPage({ ctx, newsletter, edition, items });
      });
    },
  );
}
